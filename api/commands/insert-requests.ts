import type { InValue } from '@libsql/client';
import { num, str } from '../db/rows.ts';
import type { WriteTx } from '../db/types.ts';
import { nameKey } from '../domain/name-key.ts';
import { formatTicket } from '../domain/tickets.ts';
import type { Filing } from '../schema/filing.ts';

export interface NewRequest {
  institution: string;
  year: number;
  filing: Filing;
  /** `hashTrackingCode(code)`: the code itself is never stored. */
  trackingHash: string;
  privacyVersion: string;
  dueDate: string | null;
  createdAt: string;
  /** The tracking code sealed with SECRET_KEY, kept for the answer mail's rating link (migration 010). */
  trackingCodeSealed?: string | null;
}

const REQUEST_COLUMNS = `ticket, institution, type, year, sequence, service, status, subject, description, anonymous,
  document_type, document_number, first_name, last_name, email, phone, preferential_attention, response_channel,
  locale, tracking_hash, privacy_version, due_date, created_at, updated_at, tracking_code_sealed, unit_id, name_key`;
const REQUEST_ROW = `(?, ?, ?, ?, ?, ?, 'received', ${Array(20).fill('?').join(', ')})`;
/** Rows per INSERT: bounds the statement's parameters (26 a row) and the prepared statements kept. */
const ROWS_PER_INSERT = 64;

function rowArgs(input: NewRequest, sequence: number, unitId: number | null): InValue[] {
  const { filing } = input;
  const citizen = filing.anonymous ? undefined : filing.citizen;
  return [
    formatTicket(input.institution, filing.type, input.year, sequence),
    input.institution,
    filing.type,
    input.year,
    sequence,
    filing.service,
    filing.subject || null,
    filing.description,
    filing.anonymous ? 1 : 0,
    citizen?.documentType ?? null,
    citizen?.documentNumber ?? null,
    citizen?.firstName ?? null,
    citizen?.lastName ?? null,
    citizen?.email ?? null,
    citizen?.phone ?? null,
    JSON.stringify(citizen?.preferentialAttention ?? []),
    filing.anonymous ? null : (filing.responseChannel ?? null),
    filing.locale,
    input.trackingHash,
    input.privacyVersion,
    input.dueDate,
    input.createdAt,
    input.createdAt,
    input.trackingCodeSealed ?? null,
    unitId,
    // The search form of the name (migration 018), folded here rather than by SQLite in the writer.
    citizen ? nameKey(`${citizen.lastName} ${citizen.firstName}`) : null,
  ];
}

/**
 * Inserts requests, in order, each with the next sequence of its (institution, type, year): MAX + 1
 * through the UNIQUE index, read once per (institution, type, year) and counted on from there. Run
 * inside the writer's transaction (no other connection can write meanwhile), numbers are gapless and
 * never reused: a failed or crashed filing leaves no row behind, so the next one takes the same
 * number. A trigger writes each request's first event.
 *
 * Each request goes to the unit its service routes to (migration 012), read once per service in
 * the same transaction: a subquery in every row of the INSERT cost a lookup per row.
 *
 * The rows go in multi-row INSERTs: one statement for a whole batch of filings costs far less than
 * one statement per filing (the driver's call and SQLite's statement set-up, the trigger's and the
 * foreign keys' included), and the insert is most of a filing's work in the write thread.
 */
export async function insertRequests(
  tx: WriteTx,
  inputs: NewRequest[],
): Promise<{ id: number; ticket: string }[]> {
  const next = new Map<string, number>();
  const units = new Map<string, number | null>();
  const rows: InValue[][] = [];
  for (const input of inputs) {
    const group = `${input.institution}\n${input.filing.type}\n${input.year}`;
    let sequence = next.get(group);
    if (sequence === undefined) {
      const result = await tx.execute({
        sql: `SELECT COALESCE(MAX(sequence), 0) + 1 AS sequence FROM requests
              WHERE institution = ? AND type = ? AND year = ?`,
        args: [input.institution, input.filing.type, input.year],
      });
      sequence = num(result.rows[0], 'sequence');
    }
    next.set(group, sequence + 1);
    const route = `${input.institution}\n${input.filing.service}`;
    let unitId = units.get(route);
    if (unitId === undefined) {
      const result = await tx.execute({
        sql: 'SELECT unit_id FROM service_routes WHERE institution = ? AND service = ?',
        args: [input.institution, input.filing.service],
      });
      const row = result.rows[0];
      unitId = row ? num(row, 'unit_id') : null;
      units.set(route, unitId);
    }
    rows.push(rowArgs(input, sequence, unitId));
  }
  const ids = new Map<string, number>();
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const chunk = rows.slice(start, start + ROWS_PER_INSERT);
    const result = await tx.execute({
      sql: `INSERT INTO requests (${REQUEST_COLUMNS}) VALUES ${Array(chunk.length).fill(REQUEST_ROW).join(', ')}
            RETURNING id, ticket`,
      args: chunk.flat(),
    });
    // RETURNING's order is not promised: rows are matched back by ticket.
    for (const row of result.rows) ids.set(str(row, 'ticket'), num(row, 'id'));
  }
  return rows.map((args) => {
    const ticket = args[0] as string;
    const id = ids.get(ticket);
    if (id === undefined) throw new Error(`the insert returned no id for ${ticket}`);
    return { id, ticket };
  });
}
