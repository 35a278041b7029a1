import { OPEN_STATUSES, type Status } from '../schema/status.ts';

/**
 * A request is overdue when it is still open (received, in progress, needs info) and its due date
 * is before today, the institution's local date. A type without a deadline is never overdue. The
 * staff inbox's SQL says the same for its index (db/inbox.ts, inboxQuery).
 */
export function isOverdue(request: { dueDate: string | null; status: Status }, today: string): boolean {
  return request.dueDate !== null && request.dueDate < today && OPEN_STATUSES.includes(request.status);
}
