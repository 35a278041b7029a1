-- A webhook's delivery health, as its institution's admin sees it (GET …/webhooks): when each
-- message was last tried, and one index range per webhook for its last success, its latest
-- failure and how many messages wait or died. Partial: mail rows (most of the outbox) do not pay
-- for it, and an institution without webhooks writes no row it would index.
ALTER TABLE outbox ADD COLUMN last_attempt_at TEXT;
CREATE INDEX outbox_webhook_health ON outbox (destination, status, id) WHERE channel = 'webhook';
