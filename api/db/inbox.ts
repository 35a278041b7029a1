import type { Row } from '@libsql/client';
import type { Status } from '../schema/status.ts';
import { type RequestLife, type RequestRecord, toLife, toRequest } from './requests.ts';
import { num, str, strOrNull } from './rows.ts';
import type { Reader } from './types.ts';

/**
 * The staff inbox and search: which index serves which filter (docs/architecture.md), the rows the
 * back office's table shows, and the searches by document and by name.
 */

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
