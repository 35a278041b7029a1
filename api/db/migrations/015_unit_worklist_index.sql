-- An agent's worklist: the open requests of their unit by due date, the overdue first (the back
-- office's default inbox). requests_open_due walks the whole institution's open requests by due
-- date and drops those of other units, so an agent of a small unit read most of them for one page.
-- With the unit before the due date, one unit's page is one index range, whatever the size of the
-- institution or its archive; several units are merged from their ranges. Its WHERE must match the
-- one inboxQuery writes, term for term, as requests_open_due's does (003).
CREATE INDEX requests_unit_open_due ON requests (institution, unit_id, due_date, id)
  WHERE status IN ('received', 'in_progress', 'needs_info');
