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
            (SELECT min(e.at) FROM request_events e WHERE e.request_id = r.id AND e.status = 'answered') AS answered_at
          FROM requests r
          WHERE r.institution = ? AND r.created_at >= ? AND r.created_at < ?
          ORDER BY r.id`,
    args: [institution.code, addDays(from, -1), addDays(to, 2)],
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
