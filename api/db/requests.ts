import type { Row } from '@libsql/client';
import type { AttachmentType } from '../schema/attachments.ts';
import type { Status } from '../schema/status.ts';
import { json, num, numOrNull, str, strOrNull } from './rows.ts';
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
          FROM requests AS r WHERE r.ticket = ? LIMIT 1`,
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

/** Where a request is: its unit and its assignee, with their names (the request screen shows them). */
export async function findPlacementNames(
  client: Reader,
  requestId: number,
): Promise<{ unit: { id: number; name: string } | null; assignee: { id: number; name: string } | null }> {
  const { rows } = await client.execute({
    sql: `SELECT u.id AS unit_id, u.name AS unit_name, a.id AS assignee_id, a.name AS assignee_name
          FROM requests AS r LEFT JOIN units AS u ON u.id = r.unit_id LEFT JOIN accounts AS a ON a.id = r.assignee_id
          WHERE r.id = ?`,
    args: [requestId],
  });
  const row = rows[0];
  const unitId = row ? numOrNull(row, 'unit_id') : null;
  const assigneeId = row ? numOrNull(row, 'assignee_id') : null;
  return {
    unit: row && unitId !== null ? { id: unitId, name: str(row, 'unit_name') } : null,
    assignee: row && assigneeId !== null ? { id: assigneeId, name: str(row, 'assignee_name') } : null,
  };
}

/**
 * A request's other actions, beside its status events (issue 20: "the whole history, who did
 * what"): the extensions of its due date (request_extensions, migration 010) and its assignments
 * to a unit or a person. An assignment only changes `requests.unit_id`/`assignee_id`; what keeps it
 * is the append-only audit log's `request.assign` entry, whose detail holds the unit and account it
 * left the request with (routes/people.ts) and nothing about the citizen. Only those two ids are
 * read from it; the names are today's. Both kinds in one statement, oldest first.
 */
export type ActivityRecord =
  | { kind: 'extension'; at: string; actor: string; dueDate: string; previousDueDate: string; reason: string }
  | {
      kind: 'assignment';
      at: string;
      actor: string;
      unit: { id: number; name: string } | null;
      assignee: { id: number; name: string } | null;
    };

/** The statement of listActivity, apart so that a test can check SQLite's plan for it. */
export function activityQuery(request: { id: number; ticket: string; institution: string }) {
  return {
    sql: `SELECT kind, at, actor, due_date, previous_due_date, reason, unit_id, unit_name, assignee_id, assignee_name
          FROM (
            SELECT 'extension' AS kind, x.at, x.actor, x.due_date, x.previous_due_date, x.reason,
                   NULL AS unit_id, NULL AS unit_name, NULL AS assignee_id, NULL AS assignee_name, 0 AS source, x.id AS seq
              FROM request_extensions AS x INDEXED BY request_extensions_request WHERE x.request_id = ?
            UNION ALL
            SELECT 'assignment', a.at, a.actor, NULL, NULL, NULL, u.id, u.name, m.id, m.name, 1, a.id
              FROM audit_log AS a INDEXED BY audit_ticket
              LEFT JOIN units AS u ON u.id = json_extract(a.detail, '$.unitId')
              LEFT JOIN accounts AS m ON m.id = json_extract(a.detail, '$.accountId')
             WHERE a.ticket = ? AND a.institution = ? AND a.action = 'request.assign'
          )
          ORDER BY at, source, seq`,
    args: [request.id, request.ticket, request.institution],
  };
}

export async function listActivity(
  client: Reader,
  request: { id: number; ticket: string; institution: string },
): Promise<ActivityRecord[]> {
  const { rows } = await client.execute(activityQuery(request));
  return rows.map((row): ActivityRecord => {
    const at = str(row, 'at');
    const actor = str(row, 'actor');
    if (str(row, 'kind') === 'extension') {
      return {
        kind: 'extension',
        at,
        actor,
        dueDate: str(row, 'due_date'),
        previousDueDate: str(row, 'previous_due_date'),
        reason: str(row, 'reason'),
      };
    }
    const unitId = numOrNull(row, 'unit_id');
    const assigneeId = numOrNull(row, 'assignee_id');
    return {
      kind: 'assignment',
      at,
      actor,
      unit: unitId === null ? null : { id: unitId, name: str(row, 'unit_name') },
      assignee: assigneeId === null ? null : { id: assigneeId, name: str(row, 'assignee_name') },
    };
  });
}

/** The unit of each of these requests (the citizen-data export of an agent keeps only theirs). */
export async function unitsOfRequests(client: Reader, ids: number[]): Promise<Map<number, number | null>> {
  const out = new Map<number, number | null>();
  // Chunks keep the statement's parameters bounded (an export holds up to 1000 requests).
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const { rows } = await client.execute({
      sql: `SELECT id, unit_id FROM requests WHERE id IN (${chunk.map(() => '?').join(', ')})`,
      args: chunk,
    });
    for (const row of rows) out.set(num(row, 'id'), numOrNull(row, 'unit_id'));
  }
  return out;
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
