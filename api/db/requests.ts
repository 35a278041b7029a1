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
  /**
   * Only the requests of these units: an agent's (migration 012), or the `unit` filter (already
   * narrowed to the agent's units by the route); absent: the whole institution.
   */
  units?: number[];
  /** Only the requests assigned to this account (the `assignee` filter; index requests_assignee*). */
  assignee?: number;
  /**
   * The worklist (the back office's default): open requests with a deadline by due date, so the
   * overdue come first, read from requests_open_due; pages continue after `afterDue`.
   */
  byDue?: boolean;
  /** With `byDue`: only those due on or before this local date. */
  dueBy?: string;
  /** Only requests of this service. */
  service?: string;
  /**
   * `row`: only the columns an inbox row shows (the back office's table: no description, no
   * citizen's data); `full` (the default, the contract's inbox for integrations): every field.
   */
  view?: 'row' | 'full';
  limit: number;
}

/** What every inbox row is made of (InboxRowRecord): no description, no citizen's identity or contact. */
const ROW_COLUMNS = `id, ticket, type, service, status, subject, anonymous, due_date, created_at, updated_at,
  anonymized_at, original_due_date, reply_by, paused_days, needed_info, citizen_replied_at, transferred_to,
  transferred_to_name, transferred_from`;
/** The contract's inbox row (RequestRecord): every field it returns, and nothing the code keeps for itself. */
const FULL_COLUMNS = `${ROW_COLUMNS}, institution, description, document_type, document_number, first_name,
  last_name, email, phone, preferential_attention, response_channel, locale, tracking_hash, privacy_version`;

/** The inbox's statement, apart so that tests can check SQLite's plan for it. */
export function inboxQuery(filter: InboxFilter): { sql: string; args: (string | number)[] } {
  const columns = filter.view === 'row' ? ROW_COLUMNS : FULL_COLUMNS;
  const where = ['institution = ?'];
  const args: (string | number)[] = [filter.institution];
  // Where `unit_id IN (…)` goes: after the other terms, so that a query read from a unit index
  // can have it replaced by one unit per part (unitRanges below).
  const unitsAt = where.length;
  if (filter.units) {
    where.push(filter.units.length ? `unit_id IN (${filter.units.map(() => '?').join(', ')})` : '0');
    args.push(...filter.units);
  }
  if (filter.assignee !== undefined) {
    where.push('assignee_id = ?');
    args.push(filter.assignee);
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
  // One unit (the `unit` filter, or an agent of one unit): its own index range, whatever the
  // size of the institution. Several units are filtered from the institution's range.
  const oneUnit = filter.units?.length === 1;
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
    // from preferring the plain due-date index and a sort. An assignee's open requests have their
    // own range (migration 016), the narrowest there is; with a status, the index that starts with
    // it: the other open statuses' overdue requests are never read. An agent's units (without a
    // status) have their own index: their range only (migration 015).
    const index =
      filter.assignee !== undefined
        ? 'requests_assignee_open_due'
        : filter.status
          ? 'requests_open_status_due'
          : filter.units?.length
            ? 'requests_unit_open_due'
            : 'requests_open_due';
    if (index === 'requests_unit_open_due' && !oneUnit)
      return unitRanges(filter, columns, index, where, args, unitsAt, 'due_date, id');
    return {
      sql: `SELECT ${columns} FROM requests INDEXED BY ${index} WHERE ${where.join(' AND ')}
            ORDER BY due_date, id LIMIT ?`,
      args: [...args, filter.limit],
    };
  }
  if (filter.beforeId !== undefined) {
    where.push('id < ?');
    args.push(filter.beforeId);
  }
  if (filter.overdue === false && !filter.status && filter.assignee === undefined) {
    // "Not overdue" is the closed archive, the open requests without a deadline and those not yet
    // due. Walking all requests newest first would skip every overdue one; instead each part reads
    // one page from its own index range (requests_closed; requests_open_due for the other two), and
    // only those pages are merged. The cost then follows the open workload, never the archive.
    const part = (index: string, condition: string) =>
      `SELECT * FROM (SELECT ${columns} FROM requests INDEXED BY ${index}
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
    // One status or one assignee: a closed request is never overdue; an open one skips only the
    // overdue requests of its own range.
    where.push(`NOT (due_date IS NOT NULL AND due_date < ? AND ${open})`);
    args.push(filter.today);
  }
  // "Citizen replied" alone reads its partial index newest first: only requests awaiting staff.
  // An assignee's requests (migration 016) and one unit's (012) are each one range, newest first.
  const alone = !filter.status && !filter.type && filter.overdue === undefined;
  const units = Boolean(filter.units?.length);
  const index =
    filter.assignee !== undefined
      ? 'requests_assignee'
      : filter.replied && alone && !units
        ? 'requests_replied'
        : units && alone && !filter.replied
          ? 'requests_unit'
          : null;
  if (index === 'requests_unit' && !oneUnit)
    return unitRanges(filter, columns, index, where, args, unitsAt, 'id DESC');
  return {
    sql: `SELECT ${columns} FROM requests${index ? ` INDEXED BY ${index}` : ''} WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ?`,
    args: [...args, filter.limit],
  };
}

/**
 * An agent of several units: one page from each unit's own range of `index` (which starts with
 * (institution, unit_id)), then those pages merged in the same order. `IN (…)` over the units would
 * make SQLite read every request of them and sort; this reads at most one page per unit.
 */
function unitRanges(
  filter: InboxFilter,
  columns: string,
  index: string,
  where: string[],
  args: (string | number)[],
  unitsAt: number,
  order: string,
): { sql: string; args: (string | number)[] } {
  const units = filter.units ?? [];
  const before = args.slice(0, unitsAt);
  const after = args.slice(unitsAt + units.length);
  const terms = where.map((term, i) => (i === unitsAt ? 'unit_id = ?' : term)).join(' AND ');
  const parts = units.map(
    () => `SELECT * FROM (SELECT ${columns} FROM requests INDEXED BY ${index} WHERE ${terms}
                          ORDER BY ${order} LIMIT ?)`,
  );
  return {
    sql: `${parts.join(' UNION ALL ')} ORDER BY ${order} LIMIT ?`,
    args: [...units.flatMap((unit) => [...before, unit, ...after, filter.limit]), filter.limit],
  };
}

/** One row of the back office's inbox (`view: 'row'`): what its table shows, and no personal data. */
export interface InboxRowRecord {
  id: number;
  ticket: string;
  type: string;
  service: string;
  status: Status;
  subject: string | null;
  anonymous: boolean;
  dueDate: string | null;
  createdAt: string;
  updatedAt: string;
  anonymizedAt: string | null;
  life: RequestLife;
}

export function toInboxRow(row: Row): InboxRowRecord {
  return {
    id: num(row, 'id'),
    ticket: str(row, 'ticket'),
    type: str(row, 'type'),
    service: str(row, 'service'),
    status: str(row, 'status') as Status,
    subject: strOrNull(row, 'subject'),
    anonymous: num(row, 'anonymous') === 1,
    dueDate: strOrNull(row, 'due_date'),
    createdAt: str(row, 'created_at'),
    updatedAt: str(row, 'updated_at'),
    anonymizedAt: strOrNull(row, 'anonymized_at'),
    life: toLife(row),
  };
}

export async function listInbox(
  client: Reader,
  filter: InboxFilter & { view?: 'full' },
): Promise<RequestRecord[]>;
export async function listInbox(
  client: Reader,
  filter: InboxFilter & { view: 'row' },
): Promise<InboxRowRecord[]>;
export async function listInbox(
  client: Reader,
  filter: InboxFilter,
): Promise<RequestRecord[] | InboxRowRecord[]> {
  // No unit to read (an agent of none, or a unit filter outside the agent's): nothing, unasked.
  if (filter.units && !filter.units.length) return [];
  const result = await client.execute(inboxQuery(filter));
  return filter.view === 'row' ? result.rows.map(toInboxRow) : result.rows.map(toRequest);
}

// The search of the inbox (issue 20): by document number or by name, within one institution.

export interface SearchFilter {
  institution: string;
  /** The agent's units (null: the whole institution). */
  units: number[] | null;
  limit: number;
}

/** The scoping of a search, as the inbox's: an agent's units only; none at all: nothing. */
function unitsWhere(units: number[] | null): { sql: string; args: number[] } {
  if (units === null) return { sql: '', args: [] };
  if (!units.length) return { sql: ' AND 0', args: [] };
  return { sql: ` AND unit_id IN (${units.map(() => '?').join(', ')})`, args: units };
}

/**
 * The requests of a document number, whatever its type, newest first. requests_citizen starts
 * with the document type, which a search does not know: the recursive part walks the index's few
 * distinct types (one seek each, a "loose index scan"), then each type is one exact lookup.
 * Anonymised requests have no document (009) and are not in that partial index.
 */
export function documentSearchQuery(filter: SearchFilter, documentNumber: string) {
  const scope = unitsWhere(filter.units);
  return {
    sql: `WITH RECURSIVE kinds(kind) AS (
            SELECT (SELECT min(document_type) FROM requests INDEXED BY requests_citizen
                     WHERE institution = ? AND document_number IS NOT NULL)
            UNION ALL
            SELECT (SELECT min(document_type) FROM requests INDEXED BY requests_citizen
                     WHERE institution = ? AND document_number IS NOT NULL AND document_type > kind)
              FROM kinds WHERE kind IS NOT NULL)
          SELECT ${ROW_COLUMNS} FROM requests INDEXED BY requests_citizen
          WHERE institution = ? AND document_type IN (SELECT kind FROM kinds WHERE kind IS NOT NULL)
            AND document_number = ? AND anonymized_at IS NULL${scope.sql}
          ORDER BY id DESC LIMIT ?`,
    args: [
      filter.institution,
      filter.institution,
      filter.institution,
      documentNumber,
      ...scope.args,
      filter.limit,
    ],
  };
}

/**
 * The requests whose "last name first name", folded (domain/name-key.ts), starts with `prefix`
 * (already folded), in name order: one range of requests_name, so a page costs the same at any
 * size. The upper bound is the prefix followed by the last code point there is.
 */
export function nameSearchQuery(filter: SearchFilter, prefix: string) {
  const scope = unitsWhere(filter.units);
  return {
    sql: `SELECT ${ROW_COLUMNS} FROM requests INDEXED BY requests_name
          WHERE institution = ? AND name_key IS NOT NULL AND name_key >= ? AND name_key < ?
            AND anonymized_at IS NULL${scope.sql}
          ORDER BY name_key, id LIMIT ?`,
    args: [filter.institution, prefix, `${prefix}\u{10FFFF}`, ...scope.args, filter.limit],
  };
}

export async function searchByDocument(client: Reader, filter: SearchFilter, documentNumber: string) {
  return (await client.execute(documentSearchQuery(filter, documentNumber))).rows.map(toInboxRow);
}

export async function searchByName(client: Reader, filter: SearchFilter, prefix: string) {
  return (await client.execute(nameSearchQuery(filter, prefix))).rows.map(toInboxRow);
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
