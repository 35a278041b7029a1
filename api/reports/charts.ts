import { businessDaysBetween, localDate } from '../domain/business-days.ts';
import { addDays } from '../domain/clock.ts';
import { isOverdue } from '../domain/overdue.ts';
import type { ReportCharts } from '../schema/report.ts';
import type { ReportRow } from './query.ts';

/** The Monday of an ISO date's week (the week of ISO 8601, as the institutions' calendars count it). */
export function mondayOf(isoDate: string): string {
  const weekday = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return addDays(isoDate, -((weekday + 6) % 7));
}

/**
 * The figures of the supervisors' charts (issue 20), beside the report's totals:
 * - perWeek: requests filed per week (by the Monday that starts it) and type, every week of the
 *   range listed, empty ones included, so a gap shows as a gap;
 * - daysToAnswer: how many answers took each number of business days (receipt day to answer day);
 * - overdueByUnit: the overdue requests (still open past their due date) per unit handling them,
 *   `unit` null for those no unit handles;
 * - satisfaction: how many ratings gave each of 1 to 5 stars.
 */
export function chartFigures(
  rows: ReportRow[],
  institution: { timezone: string; country: string },
  range: { from: string; to: string },
  today: string,
  unitNames: ReadonlyMap<number, string>,
): ReportCharts {
  const local = (instant: string) => localDate(new Date(instant), institution.timezone);
  const weeks = new Map<string, Record<string, number>>();
  for (let week = mondayOf(range.from); week <= range.to; week = addDays(week, 7)) weeks.set(week, {});
  for (const row of rows) {
    const counts = weeks.get(mondayOf(local(row.createdAt)));
    if (counts) counts[row.type] = (counts[row.type] ?? 0) + 1;
  }

  const days = new Map<number, number>();
  for (const row of rows) {
    if (!row.answeredAt) continue;
    const n = businessDaysBetween(local(row.createdAt), local(row.answeredAt), institution.country);
    days.set(n, (days.get(n) ?? 0) + 1);
  }

  const overdue = new Map<number | null, number>();
  for (const row of rows) {
    if (isOverdue(row, today)) overdue.set(row.unitId, (overdue.get(row.unitId) ?? 0) + 1);
  }

  const stars = [1, 2, 3, 4, 5].map((rating) => ({
    rating,
    count: rows.filter((row) => row.rating?.rating === rating).length,
  }));

  return {
    perWeek: [...weeks].map(([week, byType]) => ({ week, byType })),
    daysToAnswer: [...days].sort(([a], [b]) => a - b).map(([n, count]) => ({ days: n, count })),
    overdueByUnit: [...overdue]
      .map(([unit, count]) => ({
        unit: unit === null ? null : String(unit),
        name: unit === null ? null : (unitNames.get(unit) ?? String(unit)),
        count,
      }))
      .sort((a, b) => b.count - a.count),
    satisfaction: stars,
  };
}
