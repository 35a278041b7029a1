-- Staff tokens get an expiry and a read-only scope (issue 15, item 9). A token without an expiry
-- (every token created before this) stays valid until revoked, as before.
ALTER TABLE staff_tokens ADD COLUMN expires_at TEXT;                    -- ISO seconds UTC; NULL: never
ALTER TABLE staff_tokens ADD COLUMN read_only INTEGER NOT NULL DEFAULT 0; -- 1: reads only, any write is 403

-- Dead letters no longer keep a tracking code (the dispatcher now erases it when a message goes
-- dead); sent messages' payloads were already erased. What is still pending is sealed by
-- `npm run cli -- secrets rotate` (SQL cannot encrypt).
UPDATE outbox SET payload = json_remove(payload, '$.trackingCode') WHERE status = 'dead';
UPDATE outbox SET payload = '{}' WHERE status = 'sent' AND payload <> '{}';
