-- Filing in one statement. The sequence is taken as MAX(sequence) + 1 of its (institution, type,
-- year) through the UNIQUE index, inside the filing's write transaction, so it stays gapless and
-- unique; the counter table is no longer needed. The first event of the audit trail is written by
-- this trigger in the same statement, so a request can never exist without it.

CREATE TRIGGER requests_received_event AFTER INSERT ON requests
BEGIN
  INSERT INTO request_events (request_id, status, actor, at) VALUES (NEW.id, 'received', 'citizen', NEW.created_at);
END;

DROP TABLE ticket_counters;
