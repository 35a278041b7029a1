-- Attachments (CONTRACT §6): files citizens and staff upload, stored in the database itself, in
-- chunks, so that the same code runs on an embedded file and on a libSQL server and a backup stays
-- one file (decision 048). An upload is unreferenced until a filing, a reply or a staff event claims
-- it; unreferenced uploads are deleted a day after they were made (purge-expired).

-- The institution's policy, as the catalog file gives it (JSON: maxFiles, maxBytes, types,
-- quotaBytes); NULL: the institution accepts no files.
ALTER TABLE institutions ADD COLUMN attachments TEXT;

CREATE TABLE uploads (
  id TEXT PRIMARY KEY,               -- 'upl_' + 128 random bits; unguessable, but never enough alone
  institution TEXT NOT NULL REFERENCES institutions(code),
  name TEXT NOT NULL,                -- the file name as the client gave it, cleaned
  type TEXT NOT NULL,                -- decided from the bytes, never from the name or the header
  size INTEGER NOT NULL,             -- bytes as stored (after an image lost its metadata)
  sha256 TEXT NOT NULL,
  chunks INTEGER NOT NULL,
  state TEXT NOT NULL,               -- 'writing' while its chunks go in, then 'ready'
  created_at TEXT NOT NULL,
  request_id INTEGER REFERENCES requests(id),   -- NULL until claimed
  event_id INTEGER REFERENCES request_events(id),
  by TEXT,                           -- 'citizen' or 'institution', once claimed
  position INTEGER                   -- its place in the list of the event that claimed it
);
CREATE INDEX uploads_request ON uploads (request_id, event_id) WHERE request_id IS NOT NULL;
-- The purge reads unclaimed uploads by age; the quota sums an institution's sizes.
CREATE INDEX uploads_unclaimed ON uploads (created_at) WHERE request_id IS NULL;
CREATE INDEX uploads_institution ON uploads (institution);

CREATE TABLE upload_chunks (
  upload_id TEXT NOT NULL REFERENCES uploads(id) ON DELETE CASCADE,
  n INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (upload_id, n)
);
