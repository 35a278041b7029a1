import type { InValue, Row } from '@libsql/client';
import { isoSeconds, unixSeconds } from '../domain/clock.ts';
import { formatTicket } from '../domain/tickets.ts';
import type { Filing } from '../schema/filing.ts';
import type { Status } from '../schema/status.ts';
import type { Queryable, Reader, WriteTx } from './file-connection.ts';
import { json, num, str, strOrNull } from './rows.ts';

export interface NewRequest {
  institution: string;
  year: number;
  filing: Filing;
  /** `hashTrackingCode(code)`: the code itself is never stored. */
  trackingHash: string;
  privacyVersion: string;
  dueDate: string | null;
  createdAt: string;
}

const REQUEST_COLUMNS = `ticket, institution, type, year, sequence, service, status, subject, description, anonymous,
  document_type, document_number, first_name, last_name, email, phone, preferential_attention, response_channel,
  locale, tracking_hash, privacy_version, due_date, created_at, updated_at`;
const REQUEST_ROW = `(?, ?, ?, ?, ?, ?, 'received', ${Array(17).fill('?').join(', ')})`;
/** Rows per INSERT: bounds the statement's parameters (23 a row) and the prepared statements kept. */
const ROWS_PER_INSERT = 64;

function rowArgs(input: NewRequest, sequence: number): InValue[] {
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
  ];
}

/**
 * Inserts requests, in order, each with the next sequence of its (institution, type, year): MAX + 1
 * through the UNIQUE index, read once per (institution, type, year) and counted on from there. Run
 * inside the writer's transaction (no other connection can write meanwhile), numbers are gapless and
 * never reused: a failed or crashed filing leaves no row behind, so the next one takes the same
 * number. A trigger writes each request's first event.
 *
 * The rows go in multi-row INSERTs: one statement for a whole batch of filings costs under half
 * what one statement per filing does (the driver's call and SQLite's statement set-up, the trigger's
 * and the foreign keys' included), and the insert is most of a filing's work in the write thread.
 */
export async function insertRequests(
  tx: WriteTx,
  inputs: NewRequest[],
): Promise<{ id: number; ticket: string }[]> {
  const next = new Map<string, number>();
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
    rows.push(rowArgs(input, sequence));
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

export interface EventRecord {
  id: number;
  status: Status;
  at: string;
  actor: string;
  note: string | null;
  internalNote: string | null;
}

export interface RequestRecord {
  id: number;
  ticket: string;
  institution: string;
  type: string;
  service: string;
  status: Status;
  subject: string | null;
  description: string;
  anonymous: boolean;
  citizen: {
    documentType: string;
    documentNumber: string;
    firstName: string;
    lastName: string;
    email: string | null;
    phone: string | null;
    preferentialAttention: string[];
  } | null;
  responseChannel: 'email' | 'phone' | null;
  locale: string;
  trackingHash: string;
  privacyVersion: string;
  dueDate: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toRequest(row: Row): RequestRecord {
  const anonymous = num(row, 'anonymous') === 1;
  return {
    id: num(row, 'id'),
    ticket: str(row, 'ticket'),
    institution: str(row, 'institution'),
    type: str(row, 'type'),
    service: str(row, 'service'),
    status: str(row, 'status') as Status,
    subject: strOrNull(row, 'subject'),
    description: str(row, 'description'),
    anonymous,
    citizen: anonymous
      ? null
      : {
          documentType: str(row, 'document_type'),
          documentNumber: str(row, 'document_number'),
          firstName: str(row, 'first_name'),
          lastName: str(row, 'last_name'),
          email: strOrNull(row, 'email'),
          phone: strOrNull(row, 'phone'),
          preferentialAttention: json(row, 'preferential_attention'),
        },
    responseChannel: strOrNull(row, 'response_channel') as RequestRecord['responseChannel'],
    locale: str(row, 'locale'),
    trackingHash: str(row, 'tracking_hash'),
    privacyVersion: str(row, 'privacy_version'),
    dueDate: strOrNull(row, 'due_date'),
    createdAt: str(row, 'created_at'),
    updatedAt: str(row, 'updated_at'),
  };
}

function toEvent(row: Row): EventRecord {
  return {
    id: num(row, 'id'),
    status: str(row, 'status') as Status,
    at: str(row, 'at'),
    actor: str(row, 'actor'),
    note: strOrNull(row, 'note'),
    internalNote: strOrNull(row, 'internal_note'),
  };
}

export async function findRequestByTicket(client: Queryable, ticket: string): Promise<RequestRecord | null> {
  const result = await client.execute({ sql: 'SELECT * FROM requests WHERE ticket = ?', args: [ticket] });
  const row = result.rows[0];
  return row ? toRequest(row) : null;
}

export interface StatusRecord {
  ticket: string;
  institution: string;
  type: string;
  service: string;
  status: Status;
  trackingHash: string;
  dueDate: string | null;
  createdAt: string;
  updatedAt: string;
  /** Public part of the history, oldest first; internal notes are never selected. */
  history: { status: Status; at: string; note: string | null }[];
}

/**
 * What the citizen's status lookup needs, in one query: only the columns it shows (no personal data
 * leaves the database on this path) and the public history aggregated as JSON.
 */
export async function findStatusByTicket(client: Reader, ticket: string): Promise<StatusRecord | null> {
  const result = await client.execute({
    sql: `SELECT r.ticket, r.institution, r.type, r.service, r.status, r.tracking_hash, r.due_date, r.created_at,
            r.updated_at,
            (SELECT json_group_array(json_object('status', e.status, 'at', e.at, 'note', e.note))
               FROM (SELECT status, at, note FROM request_events WHERE request_id = r.id ORDER BY id) AS e) AS history
          FROM requests AS r WHERE r.ticket = ?`,
    args: [ticket],
  });
  const row = result.rows[0];
  if (!row) return null;
  return {
    ticket: str(row, 'ticket'),
    institution: str(row, 'institution'),
    type: str(row, 'type'),
    service: str(row, 'service'),
    status: str(row, 'status') as Status,
    trackingHash: str(row, 'tracking_hash'),
    dueDate: strOrNull(row, 'due_date'),
    createdAt: str(row, 'created_at'),
    updatedAt: str(row, 'updated_at'),
    history: json(row, 'history'),
  };
}

export async function listEvents(client: Reader, requestId: number): Promise<EventRecord[]> {
  const result = await client.execute({
    sql: 'SELECT * FROM request_events WHERE request_id = ? ORDER BY id',
    args: [requestId],
  });
  return result.rows.map(toEvent);
}

export interface InboxFilter {
  institution: string;
  status?: Status;
  type?: string;
  /** Only open requests whose due date is before `today` (true) or the rest (false). */
  overdue?: boolean;
  today: string;
  openStatuses: readonly Status[];
  /** Id of the last request of the previous page: pages go from newest to oldest. */
  beforeId?: number;
  /** For the overdue inbox, which goes from the most overdue on: the last row of the previous page. */
  afterDue?: { dueDate: string; id: number };
  limit: number;
}

/** The inbox's statement, apart so that tests can check SQLite's plan for it. */
export function inboxQuery(filter: InboxFilter): { sql: string; args: (string | number)[] } {
  const where = ['institution = ?'];
  const args: (string | number)[] = [filter.institution];
  if (filter.status) {
    where.push('status = ?');
    args.push(filter.status);
  }
  if (filter.type) {
    where.push('type = ?');
    args.push(filter.type);
  }
  // Written out, not bound: the partial index requests_open_due is only used for a query whose
  // WHERE contains its own, and the statuses are the code's constants, never input.
  const open = `status IN (${filter.openStatuses.map((status) => `'${status.replace(/[^a-z_]/g, '')}'`).join(', ')})`;
  if (filter.overdue === true) {
    where.push(open, 'due_date < ?');
    args.push(filter.today);
    if (filter.afterDue) {
      where.push('(due_date, id) > (?, ?)');
      args.push(filter.afterDue.dueDate, filter.afterDue.id);
    }
    // Most overdue first, straight from the index; naming it keeps SQLite, which has no statistics,
    // from preferring the plain due-date index and a sort.
    return {
      sql: `SELECT * FROM requests INDEXED BY requests_open_due WHERE ${where.join(' AND ')}
            ORDER BY due_date, id LIMIT ?`,
      args: [...args, filter.limit],
    };
  }
  if (filter.overdue === false) {
    where.push(`NOT (due_date IS NOT NULL AND due_date < ? AND ${open})`);
    args.push(filter.today);
  }
  if (filter.beforeId !== undefined) {
    where.push('id < ?');
    args.push(filter.beforeId);
  }
  return {
    sql: `SELECT * FROM requests WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ?`,
    args: [...args, filter.limit],
  };
}

export async function listInbox(client: Reader, filter: InboxFilter): Promise<RequestRecord[]> {
  const result = await client.execute(inboxQuery(filter));
  return result.rows.map(toRequest);
}

/** Appends a staff event and moves the request's status; inside the caller's write transaction. */
export async function appendEvent(
  tx: WriteTx,
  event: {
    requestId: number;
    status: Status;
    note?: string;
    internalNote?: string;
    actor: string;
    at: string;
  },
): Promise<EventRecord> {
  const inserted = await tx.execute({
    sql: `INSERT INTO request_events (request_id, status, note, internal_note, actor, at) VALUES (?, ?, ?, ?, ?, ?)
          RETURNING *`,
    args: [
      event.requestId,
      event.status,
      event.note ?? null,
      event.internalNote ?? null,
      event.actor,
      event.at,
    ],
  });
  await tx.execute({
    sql: 'UPDATE requests SET status = ?, updated_at = ? WHERE id = ?',
    args: [event.status, event.at, event.requestId],
  });
  return toEvent(inserted.rows[0] as Row);
}

// Idempotency: the first 201 of a key is stored with a hash of its body and replayed for retries.

export async function findIdempotent(
  client: Queryable,
  institution: string,
  key: string,
): Promise<{ bodyHash: string; response: string } | null> {
  const result = await client.execute({
    sql: 'SELECT body_hash, response FROM idempotency_keys WHERE institution = ? AND key = ?',
    args: [institution, key],
  });
  const row = result.rows[0];
  return row ? { bodyHash: str(row, 'body_hash'), response: str(row, 'response') } : null;
}

export async function saveIdempotent(
  tx: WriteTx,
  record: { institution: string; key: string; bodyHash: string; response: string; createdAt: string },
): Promise<void> {
  await tx.execute({
    sql: 'INSERT INTO idempotency_keys (institution, key, body_hash, response, created_at) VALUES (?, ?, ?, ?, ?)',
    args: [record.institution, record.key, record.bodyHash, record.response, record.createdAt],
  });
}

/** Records a captcha solution as used; false when it already was (a replay). */
export async function spendCaptcha(tx: WriteTx, id: string, expiresAt: number): Promise<boolean> {
  const result = await tx.execute({
    sql: 'INSERT INTO captcha_spent (id, expires_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING RETURNING id',
    args: [id, expiresAt],
  });
  return result.rows.length === 1;
}

/** Drops what no longer protects anything: expired captcha records and day-old idempotency keys. */
export async function purgeExpired(tx: WriteTx, now: Date): Promise<void> {
  await tx.execute({
    sql: 'DELETE FROM captcha_spent WHERE expires_at < ?',
    args: [unixSeconds(now)],
  });
  await tx.execute({
    sql: 'DELETE FROM idempotency_keys WHERE created_at < ?',
    args: [isoSeconds(new Date(now.getTime() - 24 * 3600_000))],
  });
}
