-- The overdue inbox lists open requests past their due date, most overdue first. The due-date
-- index made SQLite read every request due before today (nearly the whole archive) and sort them.
-- This partial index holds only open requests, ordered by due date, so the query walks the
-- overdue ones in order and stops at the page's end, however large the archive grows. Its WHERE
-- must match the one inboxQuery writes, term for term, or SQLite cannot use it.
CREATE INDEX requests_open_due ON requests (institution, due_date, id)
  WHERE status IN ('received', 'in_progress', 'needs_info');
