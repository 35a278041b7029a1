import type { LegalClockSettings } from '../schema/legal-clock.ts';
import type { Status } from '../schema/status.ts';
import { json, num, numOrNull, str, strOrNull } from './rows.ts';
import type { Queryable } from './types.ts';

/**
 * Reads for the life of a request (issue 17): what the legal clock needs to recompute a request's
 * deadlines, and what the status view adds (extensions, links, rating).
 */

export interface ClockFacts {
  requestId: number;
  institution: string;
  country: string;
  timezone: string;
  settings: LegalClockSettings;
  /** The type's term in business days; null: no legal deadline. */
  responseDays: number | null;
  createdAt: string;
  /** Status moves, oldest first. */
  moves: { status: Status; at: string }[];
  extensions: { dueDate: string; at: string }[];
}

export async function clockFacts(client: Queryable, requestId: number): Promise<ClockFacts | null> {
  const result = await client.execute({
    sql: `SELECT r.id, r.institution, r.created_at, i.country, i.timezone, i.legal_clock, t.response_days,
            (SELECT json_group_array(json_object('status', status, 'at', at))
               FROM (SELECT status, at FROM request_events WHERE request_id = r.id AND kind = 'status' ORDER BY id)) AS moves,
            (SELECT json_group_array(json_object('dueDate', due_date, 'at', at))
               FROM (SELECT due_date, at FROM request_extensions WHERE request_id = r.id ORDER BY id)) AS extensions
          FROM requests AS r
          JOIN institutions AS i ON i.code = r.institution
          LEFT JOIN request_types AS t ON t.institution = r.institution AND t.code = r.type
          WHERE r.id = ?`,
    args: [requestId],
  });
  const row = result.rows[0];
  if (!row) return null;
  const settings = strOrNull(row, 'legal_clock');
  return {
    requestId: num(row, 'id'),
    institution: str(row, 'institution'),
    country: str(row, 'country'),
    timezone: str(row, 'timezone'),
    settings: settings ? (JSON.parse(settings) as LegalClockSettings) : {},
    responseDays: numOrNull(row, 'response_days'),
    createdAt: str(row, 'created_at'),
    moves: json(row, 'moves'),
    extensions: json(row, 'extensions'),
  };
}

/** The institution's settings of the legal clock (catalog `legalClock`), or none. */
export async function legalClockSettings(
  client: Queryable,
  institution: string,
): Promise<LegalClockSettings> {
  const result = await client.execute({
    sql: 'SELECT legal_clock FROM institutions WHERE code = ?',
    args: [institution],
  });
  const value = strOrNull(result.rows[0], 'legal_clock');
  return value ? (JSON.parse(value) as LegalClockSettings) : {};
}

/** Requests awaiting the citizen whose last day to answer is on or before `until` (the sweep's candidates). */
export async function listAwaitingReply(
  client: Queryable,
  until: string,
  limit: number,
): Promise<
  { id: number; ticket: string; institution: string; replyBy: string; remindedAt: string | null }[]
> {
  const result = await client.execute({
    sql: `SELECT id, ticket, institution, reply_by, reminded_at FROM requests INDEXED BY requests_reply_by
          WHERE status = 'needs_info' AND reply_by IS NOT NULL AND reply_by <= ?
          ORDER BY reply_by, id LIMIT ?`,
    args: [until, limit],
  });
  return result.rows.map((row) => ({
    id: num(row, 'id'),
    ticket: str(row, 'ticket'),
    institution: str(row, 'institution'),
    replyBy: str(row, 'reply_by'),
    remindedAt: strOrNull(row, 'reminded_at'),
  }));
}
