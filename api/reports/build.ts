import { businessDaysBetween, localDate } from '../domain/business-days.ts';
import { isOverdue } from '../domain/overdue.ts';
import type { ReportBody } from '../schema/report.ts';
import type { ReportRow } from './query.ts';

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

const share = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

/**
 * The staff report of one institution over the requests filed from `from` to `to` (local dates,
 * both included). Definitions, as docs/api.md states them:
 * - answered: the request has an `answered` event; the first one is its answer;
 * - within the deadline: of the requests that have a legal deadline, those whose answer came on
 *   or before their due date (in the institution's local time);
 * - business days to answer: from the day of receipt to the day of the answer, counted as
 *   deadlines are (weekends and national holidays excluded); p90 by nearest rank;
 * - overdue: still open (received, in progress, needs info) with the due date before today.
 */
export function buildReport(
  rows: ReportRow[],
  institution: { code: string; timezone: string; country: string },
  range: { from: string; to: string },
  today: string,
): ReportBody {
  const answered = rows.filter((r) => r.answeredAt);
  const withDeadline = rows.filter((r) => r.dueDate);
  const local = (instant: string) => localDate(new Date(instant), institution.timezone);
  const withinDeadline = withDeadline.filter(
    (r) => r.answeredAt && local(r.answeredAt) <= (r.dueDate as string),
  );
  const days = answered
    .map((r) => businessDaysBetween(local(r.createdAt), local(r.answeredAt as string), institution.country))
    .sort((a, b) => a - b);
  const p90 = days.length ? (days[Math.ceil(0.9 * days.length) - 1] ?? null) : null;
  return {
    institution: institution.code,
    from: range.from,
    to: range.to,
    total: rows.length,
    byType: countBy(rows, (r) => r.type),
    byService: countBy(rows, (r) => r.service),
    byStatus: countBy(rows, (r) => r.status),
    answered: answered.length,
    shareAnswered: share(answered.length, rows.length),
    withDeadline: withDeadline.length,
    answeredWithinDeadline: withinDeadline.length,
    shareAnsweredWithinDeadline: share(withinDeadline.length, withDeadline.length),
    businessDaysToAnswer: {
      average: days.length ? Math.round((days.reduce((a, b) => a + b, 0) / days.length) * 100) / 100 : null,
      p90,
    },
    overdue: rows
      .filter((r) => isOverdue(r, today))
      .map((r) => ({
        ticket: r.ticket,
        type: r.type,
        service: r.service,
        status: r.status,
        dueDate: r.dueDate as string,
        createdAt: r.createdAt,
      })),
  };
}
