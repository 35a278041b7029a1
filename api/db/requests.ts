import type { Row } from '@libsql/client';
import type { AttachmentType } from '../schema/attachments.ts';
import type { Status } from '../schema/status.ts';
import { json, num, str, strOrNull } from './rows.ts';
import type { Queryable, Reader } from './types.ts';

export interface EventRecord {
  id: number;
  /** `status`: a move of the status machine; `anonymized`: the request's personal data was erased. */
  kind: 'status' | 'anonymized';
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
  /** When its personal data was erased (see commands/anonymize-request.ts); null while it is kept. */
  anonymizedAt: string | null;
  /** The legal clock and the links of issue 17 (migration 010). */
  life: RequestLife;
}

/** What migration 010 keeps on a request: the legal clock's results and the transfer links. */
export interface RequestLife {
  originalDueDate: string | null;
  replyBy: string | null;
  pausedDays: number;
  neededInfo: boolean;
  citizenRepliedAt: string | null;
  transferredTo: string | null;
  transferredToName: string | null;
  transferredFrom: string | null;
}

export function toLife(row: Row): RequestLife {
  return {
    originalDueDate: strOrNull(row, 'original_due_date') ?? strOrNull(row, 'due_date'),
    replyBy: strOrNull(row, 'reply_by'),
    pausedDays: Number(row.paused_days ?? 0),
    neededInfo: Number(row.needed_info ?? 0) === 1,
    citizenRepliedAt: strOrNull(row, 'citizen_replied_at'),
    transferredTo: strOrNull(row, 'transferred_to'),
    transferredToName: strOrNull(row, 'transferred_to_name'),
    transferredFrom: strOrNull(row, 'transferred_from'),
  };
}

export function toRequest(row: Row): RequestRecord {
  const anonymous = num(row, 'anonymous') === 1;
  const anonymizedAt = strOrNull(row, 'anonymized_at');
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
    // An anonymised request has no citizen any more: its personal columns are NULL. A row whose
    // identity is missing for any other reason (a legacy import, a hand-made erasure) reads the
    // same way rather than failing every page of the inbox it is on.
    citizen:
      anonymous || anonymizedAt || row.document_number === null || row.first_name === null
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
    anonymizedAt,
    life: toLife(row),
  };
}

export function toEvent(row: Row): EventRecord {
  return {
    id: num(row, 'id'),
    kind: (strOrNull(row, 'kind') ?? 'status') as EventRecord['kind'],
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
  /** Public part of the history (status moves), oldest first; internal notes are never selected. */
  history: { status: Status; at: string; note: string | null; actor: string }[];
  life: RequestLife;
  extensions: { dueDate: string; reason: string; at: string }[];
  rated: boolean;
  /**
   * Its files ready to download, in the order of their event, each with the place of that event in
   * `history` (the status view lists an event's files under it).
   */
  files: { id: string; name: string; type: AttachmentType; size: number; position: number }[];
}

/**
 * What the citizen's status lookup needs, in one query: only the columns it shows (no personal data
 * leaves the database on this path) and the public history aggregated as JSON.
 */
export async function findStatusByTicket(client: Reader, ticket: string): Promise<StatusRecord | null> {
  const result = await client.execute({
    sql: `SELECT r.ticket, r.institution, r.type, r.service, r.status, r.tracking_hash, r.due_date, r.created_at,
            r.updated_at, r.original_due_date, r.reply_by, r.paused_days, r.needed_info, r.citizen_replied_at,
            r.transferred_to, r.transferred_to_name, r.transferred_from,
            (SELECT json_group_array(json_object('status', e.status, 'at', e.at, 'note', e.note, 'actor', e.actor))
               FROM (SELECT status, at, note, actor FROM request_events WHERE request_id = r.id AND kind = 'status' ORDER BY id) AS e) AS history,
            (SELECT json_group_array(json_object('dueDate', x.due_date, 'reason', x.reason, 'at', x.at))
               FROM (SELECT due_date, reason, at FROM request_extensions WHERE request_id = r.id ORDER BY id) AS x) AS extensions,
            EXISTS (SELECT 1 FROM request_ratings WHERE request_id = r.id) AS rated,
            (SELECT json_group_array(json_object('id', u.id, 'name', u.name, 'type', u.type, 'size', u.size,
                      'position', (SELECT count(*) FROM request_events AS e
                                    WHERE e.request_id = r.id AND e.kind = 'status' AND e.id < u.event_id)))
               FROM (SELECT id, name, type, size, event_id FROM uploads
                      WHERE request_id = r.id AND state = 'ready' ORDER BY event_id, position) AS u) AS files
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
    life: toLife(row),
    extensions: json(row, 'extensions'),
    rated: Number(row.rated) === 1,
    files: json(row, 'files'),
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
  /** Only requests the citizen answered that staff have not moved on since (index requests_replied). */
  replied?: boolean;
  today: string;
  openStatuses: readonly Status[];
  /** Id of the last request of the previous page: pages go from newest to oldest. */
  beforeId?: number;
  /** For the overdue inbox, which goes from the most overdue on: the last row of the previous page. */
  afterDue?: { dueDate: string; id: number };
  /** Only the requests of these units (an agent's; migration 012); absent: the whole institution. */
  units?: number[];
  /**
   * The worklist (the back office's default): open requests with a deadline by due date, so the
   * overdue come first, read from requests_open_due; pages continue after `afterDue`.
   */
  byDue?: boolean;
  /** With `byDue`: only those due on or before this local date. */
  dueBy?: string;
  /** Only requests of this service. */
  service?: string;
  limit: number;
}

/** The inbox's statement, apart so that tests can check SQLite's plan for it. */
export function inboxQuery(filter: InboxFilter): { sql: string; args: (string | number)[] } {
  const where = ['institution = ?'];
  const args: (string | number)[] = [filter.institution];
  if (filter.units) {
    where.push(filter.units.length ? `unit_id IN (${filter.units.map(() => '?').join(', ')})` : '0');
    args.push(...filter.units);
  }
  if (filter.status) {
    where.push('status = ?');
    args.push(filter.status);
  }
  if (filter.type) {
    where.push('type = ?');
    args.push(filter.type);
  }
  if (filter.replied) where.push('citizen_replied_at IS NOT NULL');
  if (filter.service) {
    where.push('service = ?');
    args.push(filter.service);
  }
  // Written out, not bound: the partial index requests_open_due is only used for a query whose
  // WHERE contains its own, and the statuses are the code's constants, never input.
  const open = `status IN (${filter.openStatuses.map((status) => `'${status.replace(/[^a-z_]/g, '')}'`).join(', ')})`;
  if (filter.overdue === true || filter.byDue) {
    where.push(open);
    if (filter.overdue === true) {
      where.push('due_date < ?');
      args.push(filter.today);
    } else if (filter.overdue === false) {
      where.push('due_date >= ?');
      args.push(filter.today);
    } else where.push('due_date IS NOT NULL');
    if (filter.dueBy) {
      where.push('due_date <= ?');
      args.push(filter.dueBy);
    }
    if (filter.afterDue) {
      where.push('(due_date, id) > (?, ?)');
      args.push(filter.afterDue.dueDate, filter.afterDue.id);
    }
    // Most overdue first, straight from the index; naming it keeps SQLite, which has no statistics,
    // from preferring the plain due-date index and a sort. With a status, the index that starts with
    // it: the other open statuses' overdue requests are never read.
    // An agent's units (without a status) have their own index: their range only (migration 015).
    const index = filter.status
      ? 'requests_open_status_due'
      : filter.units?.length
        ? 'requests_unit_open_due'
        : 'requests_open_due';
    return {
      sql: `SELECT * FROM requests INDEXED BY ${index} WHERE ${where.join(' AND ')}
            ORDER BY due_date, id LIMIT ?`,
      args: [...args, filter.limit],
    };
  }
  if (filter.beforeId !== undefined) {
    where.push('id < ?');
    args.push(filter.beforeId);
  }
  if (filter.overdue === false && !filter.status) {
    // "Not overdue" is the closed archive, the open requests without a deadline and those not yet
    // due. Walking all requests newest first would skip every overdue one; instead each part reads
    // one page from its own index range (requests_closed; requests_open_due for the other two), and
    // only those pages are merged. The cost then follows the open workload, never the archive.
    const part = (index: string, condition: string) =>
      `SELECT * FROM (SELECT * FROM requests INDEXED BY ${index}
                        WHERE ${where.join(' AND ')} AND ${condition} ORDER BY id DESC LIMIT ?)`;
    return {
      sql: `${part('requests_closed', `NOT ${open}`)}
            UNION ALL ${part('requests_open_due', `${open} AND due_date IS NULL`)}
            UNION ALL ${part('requests_open_due', `${open} AND due_date >= ?`)}
            ORDER BY id DESC LIMIT ?`,
      args: [...args, filter.limit, ...args, filter.limit, ...args, filter.today, filter.limit, filter.limit],
    };
  }
  if (filter.overdue === false) {
    // One status: a closed one is never overdue; an open one skips only its own overdue requests.
    where.push(`NOT (due_date IS NOT NULL AND due_date < ? AND ${open})`);
    args.push(filter.today);
  }
  // "Citizen replied" alone reads its partial index newest first: only requests awaiting staff.
  const replied = filter.replied && !filter.status && !filter.type && filter.overdue === undefined;
  return {
    sql: `SELECT * FROM requests${replied ? ' INDEXED BY requests_replied' : ''} WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ?`,
    args: [...args, filter.limit],
  };
}

export async function listInbox(client: Reader, filter: InboxFilter): Promise<RequestRecord[]> {
  const result = await client.execute(inboxQuery(filter));
  return result.rows.map(toRequest);
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

// Citizens' data rights: what the export gathers (see routes/data-rights.ts).

/** The requests of one citizen at one institution, by identity document, oldest first. */
export async function listRequestsOfCitizen(
  client: Reader,
  institution: string,
  documentType: string,
  documentNumber: string,
  limit = 1000,
): Promise<RequestRecord[]> {
  const result = await client.execute({
    sql: `SELECT * FROM requests INDEXED BY requests_citizen
          WHERE institution = ? AND document_type = ? AND document_number = ? AND document_number IS NOT NULL
          ORDER BY id LIMIT ?`,
    args: [institution, documentType, documentNumber, limit],
  });
  return result.rows.map(toRequest);
}

export interface OutboxMessageRecord {
  id: number;
  channel: string;
  destination: string;
  kind: string;
  status: string;
  attempts: number;
  payload: unknown;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** Every message the outbox holds about one request, oldest first, with what it says. */
export async function listOutboxOfRequest(client: Reader, requestId: number): Promise<OutboxMessageRecord[]> {
  const result = await client.execute({
    sql: 'SELECT * FROM outbox WHERE request_id = ? ORDER BY id',
    args: [requestId],
  });
  return result.rows.map((row) => ({
    id: num(row, 'id'),
    channel: str(row, 'channel'),
    destination: str(row, 'destination'),
    kind: str(row, 'kind'),
    status: str(row, 'status'),
    attempts: num(row, 'attempts'),
    payload: json(row, 'payload'),
    lastError: strOrNull(row, 'last_error'),
    createdAt: str(row, 'created_at'),
    sentAt: strOrNull(row, 'sent_at'),
  }));
}
