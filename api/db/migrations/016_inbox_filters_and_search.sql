-- Issue 20: the inbox filtered by assignee, and the search of a citizen by name. Every index here is
-- partial on something a new filing does not have (an assignee; filings have none), or is the one
-- index a name search needs, so the filing path pays for one index entry more, not three.

-- "Assigned to me" newest first: one range of the assignee's requests. Partial: a filing has no
-- assignee yet, so it is not in it; an assignment adds the entry.
CREATE INDEX requests_assignee ON requests (institution, assignee_id, id) WHERE assignee_id IS NOT NULL;

-- "Assigned to me" in the worklist: the assignee's open requests by due date, the overdue first.
-- Its WHERE must match the one inboxQuery writes, term for term, as requests_open_due's does (003);
-- `assignee_id = ?` in the query implies its `assignee_id IS NOT NULL`.
CREATE INDEX requests_assignee_open_due ON requests (institution, assignee_id, due_date, id)
  WHERE status IN ('received', 'in_progress', 'needs_info') AND assignee_id IS NOT NULL;

-- The search by name: "last name first name", accents folded and in lower case, by prefix, in
-- name order (api/domain/name-key.ts writes this expression and folds the search term the same
-- way; a query must repeat it exactly to use the index). Partial on last_name: an anonymised
-- request's names are NULL (009), so it leaves this index in the same UPDATE and is never found.
-- Building the index computes the key of every existing request: there is no column to backfill.
CREATE INDEX requests_name ON requests (institution, lower(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(last_name || ' ' || first_name, 'á', 'a'), 'Á', 'a'), 'é', 'e'), 'É', 'e'), 'í', 'i'), 'Í', 'i'), 'ó', 'o'), 'Ó', 'o'), 'ú', 'u'), 'Ú', 'u'), 'ü', 'u'), 'Ü', 'u'), 'ñ', 'n'), 'Ñ', 'n'), 'ç', 'c'), 'Ç', 'c')), id)
  WHERE last_name IS NOT NULL;
