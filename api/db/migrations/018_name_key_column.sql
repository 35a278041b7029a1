-- Issue 16: the search by name (016) indexed an expression of sixteen nested replace() calls, which
-- SQLite evaluated on every filing, inside the one writer, where it was the dearest part of the
-- insert. The key is now computed once in JavaScript (api/domain/name-key.ts, nameKey) on the main
-- thread and stored, so the index is on a plain column. It is a folded copy of the names already in
-- the row: the anonymisation clears it with them, and the trigger below refuses it on an anonymised
-- request as it refuses the names.
ALTER TABLE requests ADD COLUMN name_key TEXT;

-- Existing requests get the key from the same expression (domain/name-key.ts, nameKeySql), which
-- folds the same letters as nameKey does (api/db/inbox-search-plans.test.ts compares the two).
UPDATE requests SET name_key = lower(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(last_name || ' ' || first_name, 'á', 'a'), 'Á', 'a'), 'é', 'e'), 'É', 'e'), 'í', 'i'), 'Í', 'i'), 'ó', 'o'), 'Ó', 'o'), 'ú', 'u'), 'Ú', 'u'), 'ü', 'u'), 'Ü', 'u'), 'ñ', 'n'), 'Ñ', 'n'), 'ç', 'c'), 'Ç', 'c'))
  WHERE last_name IS NOT NULL;

DROP INDEX requests_name;
-- Partial: anonymous and anonymised requests have no key, are not in it, and are never found.
CREATE INDEX requests_name ON requests (institution, name_key, id) WHERE name_key IS NOT NULL;

DROP TRIGGER requests_stay_anonymized;
CREATE TRIGGER requests_stay_anonymized BEFORE UPDATE ON requests
WHEN OLD.anonymized_at IS NOT NULL AND (
  NEW.anonymized_at IS NOT OLD.anonymized_at OR NEW.subject IS NOT NULL OR NEW.description <> ''
  OR NEW.document_type IS NOT NULL OR NEW.document_number IS NOT NULL OR NEW.first_name IS NOT NULL
  OR NEW.last_name IS NOT NULL OR NEW.name_key IS NOT NULL OR NEW.email IS NOT NULL OR NEW.phone IS NOT NULL
  OR NEW.preferential_attention <> '[]'
)
BEGIN SELECT RAISE(ABORT, 'an anonymised request keeps no personal data'); END;
