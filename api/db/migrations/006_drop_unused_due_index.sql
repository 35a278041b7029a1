-- requests_due (institution, due_date) has had no reader since the overdue inbox moved to
-- requests_open_due (003); every filing still paid for keeping it.
DROP INDEX IF EXISTS requests_due;
