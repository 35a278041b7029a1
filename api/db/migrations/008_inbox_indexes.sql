-- Indexes for the inbox filters whose cost must not grow with the archive (see inboxQuery).

-- The inbox of requests that are not overdue reads the closed archive newest first from this
-- partial index, and the open requests not yet due from requests_open_due (see inboxQuery). Open
-- requests are not in it, so a filing does not pay for keeping it. Its WHERE must match the one
-- inboxQuery writes, term for term, or SQLite cannot use it.
CREATE INDEX requests_closed ON requests (institution, id)
  WHERE NOT status IN ('received', 'in_progress', 'needs_info');

-- The overdue inbox of one open status ("received and overdue"), most overdue first, without
-- reading the other open statuses' overdue requests.
CREATE INDEX requests_open_status_due ON requests (institution, status, due_date, id)
  WHERE status IN ('received', 'in_progress', 'needs_info');
