import { createHash } from 'node:crypto';
import type { Row } from '@libsql/client';
import type { Role } from '../domain/roles.ts';
import { num, numOrNull, str, strOrNull } from './rows.ts';
import type { Queryable } from './types.ts';

/** Secrets handed out (session cookies, one-time links) are kept only as this hash; each is 256 random bits. */
export function hashSecret(purpose: string, secret: string): string {
  return createHash('sha256').update(`${purpose}:${secret}`).digest('hex');
}

/** The key of the sign-in throttle: the email typed, normalised, hashed (an unknown one too). */
export function emailKey(email: string): string {
  return hashSecret('sign-in', email.trim().toLowerCase());
}

export interface AccountRecord {
  id: number;
  institution: string | null;
  email: string;
  name: string;
  role: Role;
  locale: string;
  passwordHash: string | null;
  /** Sealed (domain/secret-box.ts). */
  totpSecret: string | null;
  totpPending: string | null;
  totpLastStep: number | null;
  demo: boolean;
  disabledAt: string | null;
  createdAt: string;
  units: { id: number; name: string }[];
  /** How many passkeys it has registered. */
  passkeys: number;
}

const SELECT_ACCOUNT =
  'SELECT *, (SELECT COUNT(*) FROM passkeys p WHERE p.account_id = accounts.id) AS passkeys FROM accounts';

function toAccount(row: Row, units: { id: number; name: string }[]): AccountRecord {
  return {
    id: num(row, 'id'),
    institution: strOrNull(row, 'institution'),
    email: str(row, 'email'),
    name: str(row, 'name'),
    role: str(row, 'role') as Role,
    locale: str(row, 'locale'),
    passwordHash: strOrNull(row, 'password_hash'),
    totpSecret: strOrNull(row, 'totp_secret'),
    totpPending: strOrNull(row, 'totp_pending'),
    totpLastStep: numOrNull(row, 'totp_last_step'),
    demo: num(row, 'demo') === 1,
    disabledAt: strOrNull(row, 'disabled_at'),
    createdAt: str(row, 'created_at'),
    units,
    passkeys: Number(row.passkeys ?? 0),
  };
}

async function unitsOf(
  client: Queryable,
  accountIds: number[],
): Promise<Map<number, { id: number; name: string }[]>> {
  const byAccount = new Map<number, { id: number; name: string }[]>();
  if (accountIds.length === 0) return byAccount;
  const { rows } = await client.execute({
    sql: `SELECT au.account_id, u.id, u.name FROM account_units au JOIN units u ON u.id = au.unit_id
          WHERE au.account_id IN (${accountIds.map(() => '?').join(', ')}) ORDER BY u.id`,
    args: accountIds,
  });
  for (const row of rows) {
    const list = byAccount.get(num(row, 'account_id')) ?? [];
    list.push({ id: num(row, 'id'), name: str(row, 'name') });
    byAccount.set(num(row, 'account_id'), list);
  }
  return byAccount;
}

export async function findAccountByEmail(client: Queryable, email: string): Promise<AccountRecord | null> {
  const { rows } = await client.execute({
    sql: `${SELECT_ACCOUNT} WHERE email = ?`,
    args: [email.trim().toLowerCase()],
  });
  const row = rows[0];
  if (!row) return null;
  return toAccount(row, (await unitsOf(client, [num(row, 'id')])).get(num(row, 'id')) ?? []);
}

export async function findAccount(client: Queryable, id: number): Promise<AccountRecord | null> {
  const { rows } = await client.execute({ sql: `${SELECT_ACCOUNT} WHERE id = ?`, args: [id] });
  const row = rows[0];
  if (!row) return null;
  return toAccount(row, (await unitsOf(client, [id])).get(id) ?? []);
}

export async function listAccounts(client: Queryable, institution: string | null): Promise<AccountRecord[]> {
  const { rows } = await client.execute(
    institution === null
      ? `${SELECT_ACCOUNT} WHERE institution IS NULL ORDER BY id`
      : { sql: `${SELECT_ACCOUNT} WHERE institution = ? ORDER BY id`, args: [institution] },
  );
  const units = await unitsOf(
    client,
    rows.map((row) => num(row, 'id')),
  );
  return rows.map((row) => toAccount(row, units.get(num(row, 'id')) ?? []));
}

export interface SessionRecord {
  idHash: string;
  accountId: number;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  enrolOnly: boolean;
}

/** A live session (not revoked, not past its absolute limit, not idle since `idleSince`), or null. */
export async function findSession(
  client: Queryable,
  idHash: string,
  now: string,
  idleSince: string,
): Promise<SessionRecord | null> {
  const { rows } = await client.execute({
    sql: `SELECT * FROM sessions WHERE id_hash = ? AND revoked_at IS NULL AND expires_at > ? AND last_seen_at > ?`,
    args: [idHash, now, idleSince],
  });
  const row = rows[0];
  if (!row) return null;
  return {
    idHash: str(row, 'id_hash'),
    accountId: num(row, 'account_id'),
    createdAt: str(row, 'created_at'),
    lastSeenAt: str(row, 'last_seen_at'),
    expiresAt: str(row, 'expires_at'),
    enrolOnly: num(row, 'enrol_only') === 1,
  };
}

export interface LinkRecord {
  accountId: number;
  purpose: 'invitation' | 'reset';
  expiresAt: string;
  usedAt: string | null;
}

export async function findLink(client: Queryable, tokenHash: string): Promise<LinkRecord | null> {
  const { rows } = await client.execute({
    sql: 'SELECT * FROM account_links WHERE token_hash = ?',
    args: [tokenHash],
  });
  const row = rows[0];
  if (!row) return null;
  return {
    accountId: num(row, 'account_id'),
    purpose: str(row, 'purpose') as LinkRecord['purpose'],
    expiresAt: str(row, 'expires_at'),
    usedAt: strOrNull(row, 'used_at'),
  };
}

export async function findThrottle(
  client: Queryable,
  key: string,
): Promise<{ failures: number; lockedUntil: string | null } | null> {
  const { rows } = await client.execute({
    sql: 'SELECT failures, locked_until FROM sign_in_failures WHERE email_hash = ?',
    args: [key],
  });
  const row = rows[0];
  return row ? { failures: num(row, 'failures'), lockedUntil: strOrNull(row, 'locked_until') } : null;
}

export interface UnitRecord {
  id: number;
  parentId: number | null;
  name: string;
}

export async function listUnits(client: Queryable, institution: string): Promise<UnitRecord[]> {
  const { rows } = await client.execute({
    sql: 'SELECT id, parent_id, name FROM units WHERE institution = ? ORDER BY id',
    args: [institution],
  });
  return rows.map((row) => ({
    id: num(row, 'id'),
    parentId: numOrNull(row, 'parent_id'),
    name: str(row, 'name'),
  }));
}

export async function listRoutes(client: Queryable, institution: string): Promise<Record<string, number>> {
  const { rows } = await client.execute({
    sql: 'SELECT service, unit_id FROM service_routes WHERE institution = ? ORDER BY service',
    args: [institution],
  });
  return Object.fromEntries(rows.map((row) => [str(row, 'service'), num(row, 'unit_id')]));
}

/** The unit and assignee of a request (the columns of migration 012), for the scoping check. */
export async function requestPlacement(
  client: Queryable,
  requestId: number,
): Promise<{ unitId: number | null; assigneeId: number | null }> {
  const { rows } = await client.execute({
    sql: 'SELECT unit_id, assignee_id FROM requests WHERE id = ?',
    args: [requestId],
  });
  return { unitId: numOrNull(rows[0], 'unit_id'), assigneeId: numOrNull(rows[0], 'assignee_id') };
}

export interface AuditRecord {
  id: number;
  at: string;
  institution: string | null;
  actor: string;
  action: string;
  ticket: string | null;
  target: string | null;
  ip: string | null;
  detail: Record<string, unknown> | null;
}

export async function listAudit(
  client: Queryable,
  filter: { institution: string; from?: string; to?: string; actor?: string; ticket?: string; limit: number },
): Promise<AuditRecord[]> {
  const where = ['institution = ?'];
  const args: (string | number)[] = [filter.institution];
  if (filter.from) {
    where.push('at >= ?');
    args.push(filter.from);
  }
  if (filter.to) {
    where.push('at <= ?');
    args.push(filter.to);
  }
  if (filter.actor) {
    where.push('actor = ?');
    args.push(filter.actor);
  }
  if (filter.ticket) {
    where.push('ticket = ?');
    args.push(filter.ticket);
  }
  const { rows } = await client.execute({
    sql: `SELECT * FROM audit_log WHERE ${where.join(' AND ')} ORDER BY id LIMIT ?`,
    args: [...args, filter.limit],
  });
  return rows.map((row) => {
    const detail = strOrNull(row, 'detail');
    return {
      id: num(row, 'id'),
      at: str(row, 'at'),
      institution: strOrNull(row, 'institution'),
      actor: str(row, 'actor'),
      action: str(row, 'action'),
      ticket: strOrNull(row, 'ticket'),
      target: strOrNull(row, 'target'),
      ip: strOrNull(row, 'ip'),
      detail: detail ? (JSON.parse(detail) as Record<string, unknown>) : null,
    };
  });
}

export interface PasskeyRecord {
  credentialId: string;
  accountId: number;
  publicKey: string;
  counter: number;
  transports: string[];
}

export async function findPasskey(client: Queryable, credentialId: string): Promise<PasskeyRecord | null> {
  const { rows } = await client.execute({
    sql: 'SELECT * FROM passkeys WHERE credential_id = ?',
    args: [credentialId],
  });
  const row = rows[0];
  if (!row) return null;
  return {
    credentialId: str(row, 'credential_id'),
    accountId: num(row, 'account_id'),
    publicKey: str(row, 'public_key'),
    counter: num(row, 'counter'),
    transports: JSON.parse(str(row, 'transports')) as string[],
  };
}

export async function listPasskeyIds(client: Queryable, accountId: number): Promise<string[]> {
  const { rows } = await client.execute({
    sql: 'SELECT credential_id FROM passkeys WHERE account_id = ? ORDER BY created_at',
    args: [accountId],
  });
  return rows.map((row) => str(row, 'credential_id'));
}
