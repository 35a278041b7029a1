-- Contacto Ciudadano: initial schema. Times are ISO-8601 UTC text; dates are YYYY-MM-DD in the
-- institution's time zone. Localized texts are JSON objects {"es": "...", "en": "..."}.

CREATE TABLE institutions (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  country TEXT NOT NULL,
  timezone TEXT NOT NULL,
  locales TEXT NOT NULL,            -- JSON array
  allowed_origins TEXT NOT NULL,    -- JSON array of origins allowed to file from a browser
  privacy_url TEXT NOT NULL,
  privacy_version TEXT NOT NULL,
  other_service_id TEXT,
  catalog_revision INTEGER NOT NULL DEFAULT 1,  -- bumped by every import; part of the ETag
  updated_at TEXT NOT NULL
);

-- Catalog rows are never deleted, only deactivated, because requests keep pointing at them.
CREATE TABLE request_types (
  institution TEXT NOT NULL REFERENCES institutions(code),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  response_days INTEGER,            -- NULL: no legal deadline
  anonymous_allowed INTEGER NOT NULL,
  min_description_length INTEGER,
  position INTEGER NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (institution, code)
);

CREATE TABLE services (
  institution TEXT NOT NULL REFERENCES institutions(code),
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  request_types TEXT NOT NULL,      -- JSON array of request type codes
  position INTEGER NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (institution, id)
);

CREATE TABLE document_types (
  institution TEXT NOT NULL REFERENCES institutions(code),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  format TEXT NOT NULL,
  position INTEGER NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (institution, code)
);

-- One row per (institution, type, local year); incremented in the filing's own write transaction,
-- so a rolled-back or crashed filing never consumes a number.
CREATE TABLE ticket_counters (
  institution TEXT NOT NULL,
  type TEXT NOT NULL,
  year INTEGER NOT NULL,
  last INTEGER NOT NULL,
  PRIMARY KEY (institution, type, year)
);

CREATE TABLE requests (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  ticket TEXT NOT NULL UNIQUE,
  institution TEXT NOT NULL REFERENCES institutions(code),
  type TEXT NOT NULL,
  year INTEGER NOT NULL,
  sequence INTEGER NOT NULL,
  service TEXT NOT NULL,
  status TEXT NOT NULL,
  subject TEXT,
  description TEXT NOT NULL,
  anonymous INTEGER NOT NULL,
  document_type TEXT,
  document_number TEXT,
  first_name TEXT,
  last_name TEXT,
  email TEXT,
  phone TEXT,
  preferential_attention TEXT NOT NULL DEFAULT '[]',
  response_channel TEXT,
  locale TEXT NOT NULL,
  tracking_hash TEXT NOT NULL,      -- sha256(ticket, code): the code itself is never stored
  privacy_version TEXT NOT NULL,    -- the notice the citizen accepted
  due_date TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (institution, type, year, sequence),
  FOREIGN KEY (institution, type) REFERENCES request_types(institution, code),
  FOREIGN KEY (institution, service) REFERENCES services(institution, id)
);
-- The staff inbox pages by id within an institution, optionally by status or type; the overdue
-- filter reads due dates of open requests. Each keeps its query's cost independent of table size.
CREATE INDEX requests_inbox ON requests (institution, id);
CREATE INDEX requests_inbox_status ON requests (institution, status, id);
CREATE INDEX requests_inbox_type ON requests (institution, type, id);
CREATE INDEX requests_due ON requests (institution, due_date) WHERE due_date IS NOT NULL;

-- The audit trail: what happened to a request, when, and who did it. Append-only, enforced below.
CREATE TABLE request_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  request_id INTEGER NOT NULL REFERENCES requests(id),
  status TEXT NOT NULL,
  note TEXT,                        -- public: shown to the citizen
  internal_note TEXT,               -- staff only
  actor TEXT NOT NULL,              -- 'citizen', 'system' or 'staff:<token id>'
  at TEXT NOT NULL
);
CREATE INDEX request_events_request ON request_events (request_id, id);
CREATE TRIGGER request_events_no_update BEFORE UPDATE ON request_events
BEGIN SELECT RAISE(ABORT, 'request_events is append-only'); END;
CREATE TRIGGER request_events_no_delete BEFORE DELETE ON request_events
BEGIN SELECT RAISE(ABORT, 'request_events is append-only'); END;

CREATE TABLE idempotency_keys (
  institution TEXT NOT NULL,
  key TEXT NOT NULL,
  body_hash TEXT NOT NULL,
  response TEXT NOT NULL,           -- the first 201's body, replayed for the same key and body
  created_at TEXT NOT NULL,
  PRIMARY KEY (institution, key)
);

-- ALTCHA solutions already used; kept until the challenge would have expired anyway.
CREATE TABLE captcha_spent (
  id TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL
);

CREATE TABLE staff_tokens (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  institution TEXT NOT NULL REFERENCES institutions(code),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);

-- Server-wide secrets generated on first start, shared by every process on the same database.
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
