-- Citizens' data rights (Ecuador LOPDP arts. 15-16, Colombia Ley 1581 de 2012 art. 8, Peru Ley 29733
-- art. 20): a request's personal data can be exported and anonymised, by staff or after the
-- institution's retention period. Anonymising keeps the row (its ticket, type, service, status and
-- dates feed the statistics) and replaces every personal field and every free text that may hold one.

ALTER TABLE requests ADD COLUMN anonymized_at TEXT;      -- NULL until anonymised; never cleared
ALTER TABLE institutions ADD COLUMN retention_days INTEGER;  -- days after closing; NULL: kept
-- 'status' for a move of the status machine; 'anonymized' for the event that records an anonymisation.
ALTER TABLE request_events ADD COLUMN kind TEXT NOT NULL DEFAULT 'status';

-- The export by document looks a citizen's requests up within one institution; entries leave this
-- partial index when a request is anonymised (its document becomes NULL).
CREATE INDEX requests_citizen ON requests (institution, document_type, document_number)
  WHERE document_number IS NOT NULL;

-- Closed requests not yet anonymised, by the time they were closed (updated_at): what the retention
-- sweep reads, without touching the archive of already anonymised ones.
CREATE INDEX requests_retention ON requests (institution, updated_at)
  WHERE status = 'closed' AND anonymized_at IS NULL;

-- The audit trail stays append-only with exactly one exception: once its request is anonymised,
-- an event's notes may be erased (set to NULL), and nothing else of it may change. The event that
-- records the anonymisation (who, when, why) is never erased.
DROP TRIGGER request_events_no_update;
CREATE TRIGGER request_events_no_update BEFORE UPDATE ON request_events
WHEN NOT (
  NEW.id = OLD.id AND NEW.request_id = OLD.request_id AND NEW.status = OLD.status
  AND NEW.actor = OLD.actor AND NEW.at = OLD.at AND NEW.kind = OLD.kind AND OLD.kind = 'status'
  AND NEW.note IS NULL AND NEW.internal_note IS NULL
  AND (SELECT anonymized_at FROM requests WHERE id = OLD.request_id) IS NOT NULL
)
BEGIN SELECT RAISE(ABORT, 'request_events is append-only'); END;

-- An anonymisation cannot be undone, and an anonymised request never gets personal data back.
CREATE TRIGGER requests_stay_anonymized BEFORE UPDATE ON requests
WHEN OLD.anonymized_at IS NOT NULL AND (
  NEW.anonymized_at IS NOT OLD.anonymized_at OR NEW.subject IS NOT NULL OR NEW.description <> ''
  OR NEW.document_type IS NOT NULL OR NEW.document_number IS NOT NULL OR NEW.first_name IS NOT NULL
  OR NEW.last_name IS NOT NULL OR NEW.email IS NOT NULL OR NEW.phone IS NOT NULL
  OR NEW.preferential_attention <> '[]'
)
BEGIN SELECT RAISE(ABORT, 'an anonymised request keeps no personal data'); END;
