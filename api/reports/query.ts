import type { Row } from '@libsql/client';
import { type RequestRecord, toRequest } from '../db/requests.ts';
import { str, strOrNull } from '../db/rows.ts';
import type { Reader } from '../db/types.ts';
import { localDate } from '../domain/business-days.ts';
import { addDays } from '../domain/clock.ts';
import type { Status } from '../schema/status.ts';

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
  /** Files of the request (CONTRACT §6). */
  attachments: number;
  /** Issue 17: how many times its deadline was extended, and the citizen's rating (null: not rated). */
  extensions: number;
  rating: { resolved: boolean; rating: number } | null;
  /** The unit handling it (migration 012); null: none. */
  unitId: number | null;
}

/** The requests filed in the range, with their first answer; shared by the report and the CSV. */
export async function requestsFiledBetween(
  read: Reader,
  institution: { code: string; timezone: string },
  from: string,
  to: string,
): Promise<ReportRow[]> {
  // A day either side in UTC catches every local date of the range; the exact cut is made below.
  const result = await read.execute({
    sql: `SELECT r.*,
            (SELECT min(e.at) FROM request_events e WHERE e.request_id = r.id AND e.status = 'answered') AS answered_at,
            (SELECT count(*) FROM uploads u WHERE u.request_id = r.id) AS attachments,
            (SELECT count(*) FROM request_extensions x WHERE x.request_id = r.id) AS extension_count,
            (SELECT resolved FROM request_ratings rt WHERE rt.request_id = r.id) AS rating_resolved,
            (SELECT rating FROM request_ratings rt WHERE rt.request_id = r.id) AS rating_value
          FROM requests r
          WHERE r.institution = ? AND r.created_at >= ? AND r.created_at < ?
          ORDER BY r.id`,
    args: [institution.code, addDays(from, -1), addDays(to, 2)],
  });
  return result.rows.map(toReportRow).filter(inRange(institution.timezone, from, to));
}

function toReportRow(row: Row): ReportRow {
  return {
    request: toRequest(row),
    ticket: str(row, 'ticket'),
    type: str(row, 'type'),
    service: str(row, 'service'),
    status: str(row, 'status') as Status,
    dueDate: strOrNull(row, 'due_date'),
    createdAt: str(row, 'created_at'),
    answeredAt: strOrNull(row, 'answered_at'),
    attachments: Number(row.attachments ?? 0),
    extensions: Number(row.extension_count ?? 0),
    rating:
      row.rating_value === null || row.rating_value === undefined
        ? null
        : { resolved: Number(row.rating_resolved) === 1, rating: Number(row.rating_value) },
    unitId: row.unit_id === null || row.unit_id === undefined ? null : Number(row.unit_id),
  };
}

/** Filed on a local date of the range (the institution's time zone), both ends included. */
const inRange = (timezone: string, from: string, to: string) => (row: ReportRow) => {
  const day = localDate(new Date(row.createdAt), timezone);
  return day >= from && day <= to;
};

/** Where a page of the export stops: the last request read (filed at, id), in the index's order. */
export interface ExportCursor {
  createdAt: string;
  id: number;
}

/**
 * One page of the requests filed in the range, in the order of the index `requests_created`
 * (institution, created_at, then the rowid): a short read that stops after `limit` rows, whatever
 * the range holds. `next` is null after the last page. Rows outside the local dates (the query
 * reads a day either side in UTC) are dropped from the page but still move the cursor.
 */
export async function requestsFiledPage(
  read: Reader,
  institution: { code: string; timezone: string },
  range: { from: string; to: string },
  after: ExportCursor | null,
  limit: number,
): Promise<{ rows: ReportRow[]; next: ExportCursor | null }> {
  const result = await read.execute(exportPageQuery(institution.code, range, after, limit));
  const last = result.rows.at(-1);
  return {
    rows: result.rows.map(toReportRow).filter(inRange(institution.timezone, range.from, range.to)),
    next:
      result.rows.length === limit && last
        ? { createdAt: str(last, 'created_at'), id: Number(last.id) }
        : null,
  };
}

/** The export page's statement, apart so that a test can check SQLite's plan: an index walk, no sort. */
export function exportPageQuery(
  institution: string,
  range: { from: string; to: string },
  after: ExportCursor | null,
  limit: number,
): { sql: string; args: (string | number)[] } {
  return {
    sql: `SELECT r.*,
            (SELECT min(e.at) FROM request_events e WHERE e.request_id = r.id AND e.status = 'answered') AS answered_at,
            (SELECT count(*) FROM uploads u WHERE u.request_id = r.id) AS attachments,
            (SELECT count(*) FROM request_extensions x WHERE x.request_id = r.id) AS extension_count,
            (SELECT resolved FROM request_ratings rt WHERE rt.request_id = r.id) AS rating_resolved,
            (SELECT rating FROM request_ratings rt WHERE rt.request_id = r.id) AS rating_value
          FROM requests r INDEXED BY requests_created
          WHERE r.institution = ? AND r.created_at < ? AND (r.created_at, r.id) > (?, ?)
          ORDER BY r.created_at, r.id
          LIMIT ?`,
    args: [
      institution,
      addDays(range.to, 2),
      after?.createdAt ?? addDays(range.from, -1),
      after?.id ?? 0,
      limit,
    ],
  };
}
