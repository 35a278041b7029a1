-- Reaching people: the institution's mailbox and status page (from its catalog file), the webhooks
-- it registered, and the transactional outbox through which every mail and webhook leaves.

ALTER TABLE institutions ADD COLUMN notification_email TEXT;  -- gets a notice of each new request
ALTER TABLE institutions ADD COLUMN status_page_url TEXT;     -- where citizens look requests up

CREATE TABLE webhooks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  institution TEXT NOT NULL REFERENCES institutions(code),
  url TEXT NOT NULL,
  secret TEXT NOT NULL,             -- HMAC-SHA256 key; shown once by the CLI
  created_at TEXT NOT NULL,
  revoked_at TEXT
);

-- One row per message to send, written in the same transaction as the request or event it tells
-- of: a committed filing always has its messages, a rolled-back one never does. A "stream" is one
-- request's messages to one destination; they are delivered in id order.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  delivery_id TEXT NOT NULL UNIQUE, -- the same on every attempt: receivers drop duplicates by it
  channel TEXT NOT NULL,            -- 'mail' | 'webhook'
  destination TEXT NOT NULL,        -- 'citizen' | 'institution' | 'webhook:<id>'
  request_id INTEGER NOT NULL REFERENCES requests(id),
  event_id INTEGER REFERENCES request_events(id),
  kind TEXT NOT NULL,               -- 'request.created' | 'request.status_changed'
  payload TEXT NOT NULL,            -- JSON; secrets in it (the tracking code) are erased once sent
  status TEXT NOT NULL DEFAULT 'pending',  -- 'pending' | 'sent' | 'dead'
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  lease_until TEXT,                 -- a dispatcher is delivering it until then
  last_error TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT
);
CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX outbox_stream ON outbox (request_id, channel, destination, id) WHERE status = 'pending';
CREATE INDEX outbox_dead ON outbox (id) WHERE status = 'dead';
