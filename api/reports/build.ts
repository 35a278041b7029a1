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
    life: lifeFigures(rows),
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

const round2 = (value: number) => Math.round(value * 100) / 100;

/** Satisfaction of one group of requests: how many were rated, the share resolved, the average rating. */
function satisfactionOf(rows: ReportRow[]) {
  const rated = rows.filter((r) => r.rating);
  return {
    rated: rated.length,
    shareResolved: share(rated.filter((r) => r.rating?.resolved).length, rated.length),
    averageRating: rated.length
      ? round2(rated.reduce((sum, r) => sum + (r.rating?.rating ?? 0), 0) / rated.length)
      : null,
  };
}

function satisfactionBy(rows: ReportRow[], key: (row: ReportRow) => string) {
  const groups = new Map<string, ReportRow[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return Object.fromEntries([...groups].map(([name, group]) => [name, satisfactionOf(group)]));
}

/**
 * The life of the requests (issue 17): those that needed information and the business days their
 * term was suspended, extensions, transfers (out of and into the institution), and the citizens'
 * satisfaction with the answers, overall and by type and service.
 */
function lifeFigures(rows: ReportRow[]): ReportBody['life'] {
  const neededInfo = rows.filter((r) => r.request.life.neededInfo);
  const paused = neededInfo.map((r) => r.request.life.pausedDays);
  return {
    neededInfo: neededInfo.length,
    shareNeededInfo: share(neededInfo.length, rows.length),
    pausedBusinessDays: {
      total: paused.reduce((a, b) => a + b, 0),
      average: paused.length ? round2(paused.reduce((a, b) => a + b, 0) / paused.length) : null,
    },
    extended: rows.filter((r) => r.extensions > 0).length,
    extensions: rows.reduce((sum, r) => sum + r.extensions, 0),
    transferredOut: rows.filter((r) => r.request.life.transferredToName !== null).length,
    transferredOutOnPlatform: rows.filter((r) => r.request.life.transferredTo !== null).length,
    transferredIn: rows.filter((r) => r.request.life.transferredFrom !== null).length,
    satisfaction: {
      ...satisfactionOf(rows),
      byType: satisfactionBy(rows, (r) => r.type),
      byService: satisfactionBy(rows, (r) => r.service),
    },
  };
}
