import type { Reader } from './db/file-connection.ts';
import { type RequestRecord, toRequest } from './db/requests.ts';
import { str, strOrNull } from './db/rows.ts';
import { businessDaysBetween, localDate } from './domain/business-days.ts';
import { OPEN_STATUSES, type Status } from './schema/status.ts';

/**
 * The staff report of one institution over the requests filed from `from` to `to` (local dates,
 * both included). Definitions, as the README states them:
 * - answered: the request has an `answered` event; the first one is its answer;
 * - within the deadline: of the requests that have a legal deadline, those whose answer came on
 *   or before their due date (in the institution's local time);
 * - business days to answer: from the day of receipt to the day of the answer, counted as
 *   deadlines are (weekends and national holidays excluded); p90 by nearest rank;
 * - overdue: still open (received, in progress, needs info) with the due date before today.
 */
export interface Report {
  institution: string;
  from: string;
  to: string;
  total: number;
  byType: Record<string, number>;
  byService: Record<string, number>;
  byStatus: Record<string, number>;
  answered: number;
  shareAnswered: number | null;
  withDeadline: number;
  answeredWithinDeadline: number;
  shareAnsweredWithinDeadline: number | null;
  businessDaysToAnswer: { average: number | null; p90: number | null };
  overdue: {
    ticket: string;
    type: string;
    service: string;
    status: Status;
    dueDate: string;
    createdAt: string;
  }[];
}

export interface ReportRow {
  /** The whole request, personal data included (the CSV export shows it; the report does not). */
  request: RequestRecord;
  ticket: string;
  type: string;
  service: string;
  status: Status;
  dueDate: string | null;
  createdAt: string;
  answeredAt: string | null;
}

/** The requests filed in the range, with their first answer; shared by the report and the CSV. */
export async function requestsFiledBetween(
  read: Reader,
  institution: { code: string; timezone: string },
  from: string,
  to: string,
): Promise<ReportRow[]> {
  // A day either side in UTC catches every local date of the range; the exact cut is made below.
  const start = new Date(`${from}T00:00:00Z`);
  start.setUTCDate(start.getUTCDate() - 1);
  const end = new Date(`${to}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + 2);
  const result = await read.execute({
    sql: `SELECT r.*,
            (SELECT min(e.at) FROM request_events e WHERE e.request_id = r.id AND e.status = 'answered') AS answered_at
          FROM requests r
          WHERE r.institution = ? AND r.created_at >= ? AND r.created_at < ?
          ORDER BY r.id`,
    args: [institution.code, start.toISOString().slice(0, 10), end.toISOString().slice(0, 10)],
  });
  return result.rows
    .map((row) => ({
      request: toRequest(row),
      ticket: str(row, 'ticket'),
      type: str(row, 'type'),
      service: str(row, 'service'),
      status: str(row, 'status') as Status,
      dueDate: strOrNull(row, 'due_date'),
      createdAt: str(row, 'created_at'),
      answeredAt: strOrNull(row, 'answered_at'),
    }))
    .filter((row) => {
      const day = localDate(new Date(row.createdAt), institution.timezone);
      return day >= from && day <= to;
    });
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

const share = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

export function buildReport(
  rows: ReportRow[],
  institution: { code: string; timezone: string; country: string },
  range: { from: string; to: string },
  today: string,
): Report {
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
      .filter((r) => r.dueDate && r.dueDate < today && OPEN_STATUSES.includes(r.status))
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
