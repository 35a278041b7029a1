-- The life of a request, both ways (issue 17): the citizen answers a request for information,
-- withdraws, rates the answer; staff extend the deadline or transfer the request; the legal clock
-- (api/domain/legal-clock/) moves the due date as the country's profile says. What the clock
-- derives from the events is kept on the request so that the inbox's indexes and the tacit
-- withdrawal sweep can read it.

ALTER TABLE requests ADD COLUMN original_due_date TEXT;   -- the due date at receipt; NULL: as due_date
ALTER TABLE requests ADD COLUMN reply_by TEXT;            -- while needs_info: the citizen's last day to answer
ALTER TABLE requests ADD COLUMN paused_days INTEGER NOT NULL DEFAULT 0;  -- business days the term was suspended
ALTER TABLE requests ADD COLUMN needed_info INTEGER NOT NULL DEFAULT 0;  -- 1 once staff asked for information
ALTER TABLE requests ADD COLUMN citizen_replied_at TEXT;  -- the citizen's last reply, until staff move the request on
ALTER TABLE requests ADD COLUMN reminded_at TEXT;         -- the reminder before reply_by was written (once per request for information)
ALTER TABLE requests ADD COLUMN transferred_to TEXT;      -- ticket on the platform, or NULL
ALTER TABLE requests ADD COLUMN transferred_to_name TEXT; -- the receiving entity (on or off the platform)
ALTER TABLE requests ADD COLUMN transferred_from TEXT;    -- ticket of the request this one was transferred from
-- The tracking code, sealed with SECRET_KEY (domain/secret-box.ts), kept so that the answer mail can
-- carry a rating link with it (in the URL fragment); erased once rated or anonymised.
ALTER TABLE requests ADD COLUMN tracking_code_sealed TEXT;

-- "Citizen replied": the staff inbox's filter, newest first, reading only requests awaiting staff.
CREATE INDEX requests_replied ON requests (institution, id) WHERE citizen_replied_at IS NOT NULL;

-- The tacit withdrawal sweep: requests awaiting the citizen, by their last day to answer.
CREATE INDEX requests_reply_by ON requests (reply_by, id) WHERE status = 'needs_info' AND reply_by IS NOT NULL;

-- Extensions of the deadline: each with its new date and the reason the citizen is told.
CREATE TABLE request_extensions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  request_id INTEGER NOT NULL REFERENCES requests(id),
  due_date TEXT NOT NULL,
  previous_due_date TEXT NOT NULL,
  reason TEXT NOT NULL,
  actor TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX request_extensions_request ON request_extensions (request_id, id);

-- The citizen's rating of the answer: at most one per request (the primary key).
CREATE TABLE request_ratings (
  request_id INTEGER PRIMARY KEY REFERENCES requests(id),
  resolved INTEGER NOT NULL,
  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment TEXT,
  at TEXT NOT NULL
);

-- An anonymised request keeps its rating's figures, never its free text.
CREATE TRIGGER requests_anonymized_rating AFTER UPDATE OF anonymized_at ON requests
WHEN NEW.anonymized_at IS NOT NULL
BEGIN
  UPDATE request_ratings SET comment = NULL WHERE request_id = NEW.id AND comment IS NOT NULL;
  UPDATE requests SET tracking_code_sealed = NULL WHERE id = NEW.id AND tracking_code_sealed IS NOT NULL;
END;

-- Per-institution settings of the legal clock (catalog file `legalClock`), JSON; NULL: the country's profile.
ALTER TABLE institutions ADD COLUMN legal_clock TEXT;
