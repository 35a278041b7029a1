import type { Status } from '../schema/status.ts';
import { businessDaysBetween, isBusinessDay } from './business-days.ts';

/**
 * Business days from `today` to the due date, both local dates: 0 on the last day, negative once
 * overdue (by how many business days). Null where nothing is owed: no deadline, or the request is no
 * longer open. What the back office shows on every row of the inbox.
 */
export function businessDaysLeft(
  request: { dueDate: string | null; status: Status },
  today: string,
  country: string,
  openStatuses: readonly Status[],
): number | null {
  const { dueDate } = request;
  if (!dueDate || !openStatuses.includes(request.status)) return null;
  return dueDate >= today
    ? businessDaysBetween(today, dueDate, country)
    : -businessDaysBetween(dueDate, today, country);
}

/** The local date `days` business days after `today` (`today` itself for 0). */
export function addBusinessDays(today: string, days: number, country: string): string {
  const day = new Date(`${today}T12:00:00Z`);
  for (let left = days; left > 0; ) {
    day.setUTCDate(day.getUTCDate() + 1);
    if (isBusinessDay(country, day.toISOString().slice(0, 10))) left--;
  }
  return day.toISOString().slice(0, 10);
}
