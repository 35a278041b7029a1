import { num, numOrNull, strOrNull } from '../db/rows.ts';
import type { WriteTx } from '../db/types.ts';
import { LOCK_SECONDS, MAX_FAILURES, type Role } from '../domain/roles.ts';

/**
 * The writes of sign-in and of the people of an institution (issue 19). The routes check
 * passwords and codes (they hold the secrets); these commands decide, inside the write transaction,
 * what the throttle, the one-time links and the replay rules allow, so two racing attempts cannot
 * both get past a limit.
 */

function plusSeconds(iso: string, seconds: number): string {
  return new Date(Date.parse(iso) + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface AuditEntry {
  at: string;
  institution: string | null;
  actor: string;
  action: string;
  ticket?: string | null;
  target?: string | null;
  ip?: string | null;
  detail?: Record<string, unknown> | null;
}

/** Appends audit entries (a batch queued by the audit queue, or one action's). Never updates or deletes. */
export async function appendAudit(tx: WriteTx, entries: AuditEntry[]): Promise<number> {
  for (const e of entries) {
    await tx.execute({
      sql: `INSERT INTO audit_log (at, institution, actor, action, ticket, target, ip, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      args: [
        e.at,
        e.institution,
        e.actor,
        e.action,
        e.ticket ?? null,
        e.target ?? null,
        e.ip ?? null,
        e.detail ? JSON.stringify(e.detail) : null,
      ],
    });
  }
  return entries.length;
}

export interface SignInInput {
  emailKey: string;
  /** The account whose password matched; null when the password (or the email) was wrong. */
  accountId: number | null;
  /** `missing`/`wrong`: the account needs a code and none, or a wrong one, came; `enrol`: it must enrol one. */
  secondFactor: 'not_needed' | 'ok' | 'missing' | 'wrong' | 'enrol';
  /** The TOTP time step the code matched, refused when not after the last one accepted (replay). */
  totpStep?: number;
  sessionHash: string;
  at: string;
  expiresAt: string;
}

export type SignInOutcome =
  | { locked: { retryAfter: number } }
  | { invalid: true }
  | { secondFactorRequired: true }
  | { session: { enrolOnly: boolean } };

async function recordFailure(tx: WriteTx, key: string, at: string): Promise<void> {
  const { rows } = await tx.execute({
    sql: 'SELECT failures, locked_until FROM sign_in_failures WHERE email_hash = ?',
    args: [key],
  });
  const row = rows[0];
  const lockedUntil = strOrNull(row, 'locked_until');
  // A lock that has run out starts the count again.
  const failures = (row && !(lockedUntil && lockedUntil <= at) ? num(row, 'failures') : 0) + 1;
  await tx.execute({
    sql: `INSERT INTO sign_in_failures (email_hash, failures, last_failure_at, locked_until) VALUES (?, ?, ?, ?)
          ON CONFLICT (email_hash) DO UPDATE SET failures = excluded.failures,
            last_failure_at = excluded.last_failure_at, locked_until = excluded.locked_until`,
    args: [key, failures, at, failures >= MAX_FAILURES ? plusSeconds(at, LOCK_SECONDS) : null],
  });
}

export async function signIn(tx: WriteTx, input: SignInInput): Promise<SignInOutcome> {
  const { rows } = await tx.execute({
    sql: 'SELECT locked_until FROM sign_in_failures WHERE email_hash = ?',
    args: [input.emailKey],
  });
  const lockedUntil = strOrNull(rows[0], 'locked_until');
  if (lockedUntil && lockedUntil > input.at) {
    return { locked: { retryAfter: Math.ceil((Date.parse(lockedUntil) - Date.parse(input.at)) / 1000) } };
  }
  if (input.accountId === null) {
    await recordFailure(tx, input.emailKey, input.at);
    return { invalid: true };
  }
  if (input.secondFactor === 'missing') return { secondFactorRequired: true };
  if (input.secondFactor === 'wrong') {
    await recordFailure(tx, input.emailKey, input.at);
    return { secondFactorRequired: true };
  }
  if (input.secondFactor === 'ok') {
    const account = await tx.execute({
      sql: 'SELECT totp_last_step FROM accounts WHERE id = ?',
      args: [input.accountId],
    });
    const last = numOrNull(account.rows[0], 'totp_last_step');
    if (input.totpStep === undefined || (last !== null && input.totpStep <= last)) {
      await recordFailure(tx, input.emailKey, input.at);
      return { secondFactorRequired: true };
    }
    await tx.execute({
      sql: 'UPDATE accounts SET totp_last_step = ? WHERE id = ?',
      args: [input.totpStep, input.accountId],
    });
  }
  await tx.execute({ sql: 'DELETE FROM sign_in_failures WHERE email_hash = ?', args: [input.emailKey] });
  const enrolOnly = input.secondFactor === 'enrol';
  await tx.execute({
    sql: `INSERT INTO sessions (id_hash, account_id, created_at, last_seen_at, expires_at, enrol_only)
          VALUES (?, ?, ?, ?, ?, ?)`,
    args: [input.sessionHash, input.accountId, input.at, input.at, input.expiresAt, enrolOnly ? 1 : 0],
  });
  return { session: { enrolOnly } };
}

export async function touchSession(tx: WriteTx, input: { idHash: string; at: string }): Promise<void> {
  await tx.execute({
    sql: 'UPDATE sessions SET last_seen_at = ? WHERE id_hash = ? AND last_seen_at < ?',
    args: [input.at, input.idHash, input.at],
  });
}

export async function signOut(tx: WriteTx, input: { idHash: string; at: string }): Promise<void> {
  await tx.execute({
    sql: 'UPDATE sessions SET revoked_at = ? WHERE id_hash = ? AND revoked_at IS NULL',
    args: [input.at, input.idHash],
  });
}

/** Ends every session of an account (sign-out everywhere, a disabled account, a new password). */
export async function signOutEverywhere(
  tx: WriteTx,
  input: { accountId: number; at: string },
): Promise<number> {
  const result = await tx.execute({
    sql: 'UPDATE sessions SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL',
    args: [input.at, input.accountId],
  });
  return result.rowsAffected;
}

export async function totpSetup(
  tx: WriteTx,
  input: { accountId: number; sealedSecret: string; at: string },
): Promise<void> {
  await tx.execute({
    sql: 'UPDATE accounts SET totp_pending = ?, updated_at = ? WHERE id = ?',
    args: [input.sealedSecret, input.at, input.accountId],
  });
}

/** Confirms the pending secret with a code of it; the session that enrolled is no longer enrol-only. */
export async function totpEnable(
  tx: WriteTx,
  input: { accountId: number; sealedSecret: string; step: number; sessionHash: string; at: string },
): Promise<{ enabled: true } | { stale: true }> {
  const result = await tx.execute({
    sql: `UPDATE accounts SET totp_secret = totp_pending, totp_pending = NULL, totp_last_step = ?, updated_at = ?
          WHERE id = ? AND totp_pending = ?`,
    args: [input.step, input.at, input.accountId, input.sealedSecret],
  });
  if (result.rowsAffected !== 1) return { stale: true };
  await tx.execute({
    sql: 'UPDATE sessions SET enrol_only = 0 WHERE id_hash = ?',
    args: [input.sessionHash],
  });
  return { enabled: true };
}

export interface NewAccountInput {
  institution: string | null;
  email: string;
  name: string;
  role: Role;
  locale: string;
  units: number[];
  at: string;
  /** A one-time link to set the password (invitation); absent when a password hash is given (demo). */
  link?: { tokenHash: string; expiresAt: string };
  passwordHash?: string;
  demo?: boolean;
}

export type NewAccountOutcome = { id: number } | { emailTaken: true } | { unknownUnit: number };

async function unitsBelong(tx: WriteTx, institution: string | null, units: number[]): Promise<number | null> {
  for (const unit of units) {
    const { rows } = await tx.execute({
      sql: 'SELECT 1 FROM units WHERE id = ? AND institution IS ?',
      args: [unit, institution],
    });
    if (rows.length === 0) return unit;
  }
  return null;
}

export async function createAccount(tx: WriteTx, input: NewAccountInput): Promise<NewAccountOutcome> {
  const email = input.email.trim().toLowerCase();
  const taken = await tx.execute({ sql: 'SELECT 1 FROM accounts WHERE email = ?', args: [email] });
  if (taken.rows.length > 0) return { emailTaken: true };
  const unknown = await unitsBelong(tx, input.institution, input.units);
  if (unknown !== null) return { unknownUnit: unknown };
  const inserted = await tx.execute({
    sql: `INSERT INTO accounts (institution, email, name, role, locale, password_hash, demo, created_at, updated_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    args: [
      input.institution,
      email,
      input.name,
      input.role,
      input.locale,
      input.passwordHash ?? null,
      input.demo ? 1 : 0,
      input.at,
      input.at,
    ],
  });
  const id = num(inserted.rows[0], 'id');
  for (const unit of input.units) {
    await tx.execute({
      sql: 'INSERT INTO account_units (account_id, unit_id) VALUES (?, ?)',
      args: [id, unit],
    });
  }
  if (input.link) {
    await tx.execute({
      sql: `INSERT INTO account_links (token_hash, account_id, purpose, created_at, expires_at)
            VALUES (?, ?, 'invitation', ?, ?)`,
      args: [input.link.tokenHash, id, input.at, input.link.expiresAt],
    });
  }
  return { id };
}

/** A new one-time link for an existing account (password reset, a repeated invitation). */
export async function createLink(
  tx: WriteTx,
  input: {
    accountId: number;
    purpose: 'invitation' | 'reset';
    tokenHash: string;
    at: string;
    expiresAt: string;
  },
): Promise<void> {
  await tx.execute({
    sql: `INSERT INTO account_links (token_hash, account_id, purpose, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
    args: [input.tokenHash, input.accountId, input.purpose, input.at, input.expiresAt],
  });
}

/**
 * Uses a one-time link to set a password: refused when unknown, used, expired or for a disabled
 * account. Every other session of the account ends (a reset is often after a theft).
 */
export async function useLink(
  tx: WriteTx,
  input: {
    tokenHash: string;
    purpose: 'invitation' | 'reset';
    passwordHash: string;
    name?: string;
    at: string;
  },
): Promise<{ accountId: number } | { invalid: true }> {
  const { rows } = await tx.execute({
    sql: `SELECT l.account_id FROM account_links l JOIN accounts a ON a.id = l.account_id
          WHERE l.token_hash = ? AND l.purpose = ? AND l.used_at IS NULL AND l.expires_at > ? AND a.disabled_at IS NULL`,
    args: [input.tokenHash, input.purpose, input.at],
  });
  if (!rows[0]) return { invalid: true };
  const accountId = num(rows[0], 'account_id');
  await tx.execute({
    sql: 'UPDATE account_links SET used_at = ? WHERE token_hash = ?',
    args: [input.at, input.tokenHash],
  });
  await tx.execute({
    sql: `UPDATE accounts SET password_hash = ?, name = COALESCE(?, name), updated_at = ? WHERE id = ?`,
    args: [input.passwordHash, input.name ?? null, input.at, accountId],
  });
  await signOutEverywhere(tx, { accountId, at: input.at });
  return { accountId };
}

export interface UpdateAccountInput {
  institution: string;
  id: number;
  role?: Role;
  units?: number[];
  name?: string;
  disabled?: boolean;
  at: string;
}

export async function updateAccount(
  tx: WriteTx,
  input: UpdateAccountInput,
): Promise<{ updated: true } | { notFound: true } | { unknownUnit: number }> {
  const found = await tx.execute({
    sql: 'SELECT 1 FROM accounts WHERE id = ? AND institution = ?',
    args: [input.id, input.institution],
  });
  if (found.rows.length === 0) return { notFound: true };
  if (input.units) {
    const unknown = await unitsBelong(tx, input.institution, input.units);
    if (unknown !== null) return { unknownUnit: unknown };
    await tx.execute({ sql: 'DELETE FROM account_units WHERE account_id = ?', args: [input.id] });
    for (const unit of input.units) {
      await tx.execute({
        sql: 'INSERT INTO account_units (account_id, unit_id) VALUES (?, ?)',
        args: [input.id, unit],
      });
    }
  }
  await tx.execute({
    sql: `UPDATE accounts SET role = COALESCE(?, role), name = COALESCE(?, name),
            disabled_at = CASE WHEN ? IS NULL THEN disabled_at WHEN ? = 1 THEN COALESCE(disabled_at, ?) ELSE NULL END,
            updated_at = ? WHERE id = ?`,
    args: [
      input.role ?? null,
      input.name ?? null,
      input.disabled === undefined ? null : 1,
      input.disabled ? 1 : 0,
      input.at,
      input.at,
      input.id,
    ],
  });
  // A disabled account, or one whose role changed, signs in again.
  if (input.disabled || input.role) await signOutEverywhere(tx, { accountId: input.id, at: input.at });
  return { updated: true };
}

export async function createUnit(
  tx: WriteTx,
  input: { institution: string; name: string; parentId: number | null; at: string },
): Promise<{ id: number } | { unknownParent: true }> {
  if (input.parentId !== null && (await unitsBelong(tx, input.institution, [input.parentId])) !== null) {
    return { unknownParent: true };
  }
  const { rows } = await tx.execute({
    sql: 'INSERT INTO units (institution, parent_id, name, created_at) VALUES (?, ?, ?, ?) RETURNING id',
    args: [input.institution, input.parentId, input.name, input.at],
  });
  return { id: num(rows[0], 'id') };
}

/** Renames or moves a unit; a move under itself or one of its own descendants is refused. */
export async function updateUnit(
  tx: WriteTx,
  input: { institution: string; id: number; name?: string; parentId?: number | null },
): Promise<{ updated: true } | { notFound: true } | { unknownParent: true } | { cycle: true }> {
  if ((await unitsBelong(tx, input.institution, [input.id])) !== null) return { notFound: true };
  if (input.parentId !== undefined && input.parentId !== null) {
    if ((await unitsBelong(tx, input.institution, [input.parentId])) !== null) return { unknownParent: true };
    const { rows } = await tx.execute({
      sql: `WITH RECURSIVE up(id) AS (SELECT ? UNION SELECT u.parent_id FROM units u JOIN up ON u.id = up.id
              WHERE u.parent_id IS NOT NULL)
            SELECT 1 FROM up WHERE id = ?`,
      args: [input.parentId, input.id],
    });
    if (rows.length > 0) return { cycle: true };
  }
  await tx.execute({
    sql: `UPDATE units SET name = COALESCE(?, name),
            parent_id = CASE WHEN ? = 1 THEN ? ELSE parent_id END WHERE id = ?`,
    args: [input.name ?? null, input.parentId !== undefined ? 1 : 0, input.parentId ?? null, input.id],
  });
  return { updated: true };
}

export async function setRouting(
  tx: WriteTx,
  input: { institution: string; routes: Record<string, number> },
): Promise<{ updated: true } | { unknownUnit: number } | { unknownService: string }> {
  for (const [service, unit] of Object.entries(input.routes)) {
    const known = await tx.execute({
      sql: 'SELECT 1 FROM services WHERE institution = ? AND id = ?',
      args: [input.institution, service],
    });
    if (known.rows.length === 0) return { unknownService: service };
    const unknown = await unitsBelong(tx, input.institution, [unit]);
    if (unknown !== null) return { unknownUnit: unknown };
    await tx.execute({
      sql: `INSERT INTO service_routes (institution, service, unit_id) VALUES (?, ?, ?)
            ON CONFLICT (institution, service) DO UPDATE SET unit_id = excluded.unit_id`,
      args: [input.institution, service, unit],
    });
  }
  return { updated: true };
}

/** A supervisor moves a request to another unit and/or person (of the same institution). */
export async function assignRequest(
  tx: WriteTx,
  input: {
    institution: string;
    ticket: string;
    unitId?: number | null;
    accountId?: number | null;
    at: string;
  },
): Promise<
  | { assigned: { unitId: number | null; accountId: number | null } }
  | { notFound: true }
  | { unknownUnit: true }
  | { unknownAccount: true }
> {
  const { rows } = await tx.execute({
    sql: 'SELECT id, unit_id, assignee_id FROM requests WHERE ticket = ? AND institution = ?',
    args: [input.ticket, input.institution],
  });
  const row = rows[0];
  if (!row) return { notFound: true };
  if (input.unitId != null && (await unitsBelong(tx, input.institution, [input.unitId])) !== null) {
    return { unknownUnit: true };
  }
  if (input.accountId != null) {
    const account = await tx.execute({
      sql: 'SELECT 1 FROM accounts WHERE id = ? AND institution = ? AND disabled_at IS NULL',
      args: [input.accountId, input.institution],
    });
    if (account.rows.length === 0) return { unknownAccount: true };
  }
  const unitId = input.unitId !== undefined ? input.unitId : numOrNull(row, 'unit_id');
  const accountId = input.accountId !== undefined ? input.accountId : numOrNull(row, 'assignee_id');
  await tx.execute({
    sql: 'UPDATE requests SET unit_id = ?, assignee_id = ?, updated_at = ? WHERE id = ?',
    args: [unitId, accountId, input.at, num(row, 'id')],
  });
  return { assigned: { unitId, accountId } };
}

/** A WebAuthn challenge handed to a browser; single use, short-lived. */
export async function saveChallenge(
  tx: WriteTx,
  input: {
    challenge: string;
    accountId: number | null;
    purpose: 'register' | 'authenticate';
    expiresAt: string;
    at: string;
  },
): Promise<void> {
  await tx.execute({ sql: 'DELETE FROM webauthn_challenges WHERE expires_at <= ?', args: [input.at] });
  await tx.execute({
    sql: 'INSERT INTO webauthn_challenges (challenge, account_id, purpose, expires_at) VALUES (?, ?, ?, ?)',
    args: [input.challenge, input.accountId, input.purpose, input.expiresAt],
  });
}

/** Takes a challenge (it cannot be used again); whether it was live for this purpose and account. */
export async function takeChallenge(
  tx: WriteTx,
  input: { challenge: string; accountId: number | null; purpose: 'register' | 'authenticate'; at: string },
): Promise<boolean> {
  const result = await tx.execute({
    sql: `DELETE FROM webauthn_challenges WHERE challenge = ? AND purpose = ? AND account_id IS ? AND expires_at > ?`,
    args: [input.challenge, input.purpose, input.accountId, input.at],
  });
  return result.rowsAffected === 1;
}

/** Registers a passkey; the session that registered it is no longer enrol-only. */
export async function addPasskey(
  tx: WriteTx,
  input: {
    accountId: number;
    credentialId: string;
    publicKey: string;
    counter: number;
    transports: string[];
    sessionHash: string;
    at: string;
  },
): Promise<{ added: true } | { duplicate: true }> {
  const known = await tx.execute({
    sql: 'SELECT 1 FROM passkeys WHERE credential_id = ?',
    args: [input.credentialId],
  });
  if (known.rows.length > 0) return { duplicate: true };
  await tx.execute({
    sql: `INSERT INTO passkeys (credential_id, account_id, public_key, counter, transports, created_at)
          VALUES (?, ?, ?, ?, ?, ?)`,
    args: [
      input.credentialId,
      input.accountId,
      input.publicKey,
      input.counter,
      JSON.stringify(input.transports),
      input.at,
    ],
  });
  await tx.execute({
    sql: 'UPDATE sessions SET enrol_only = 0 WHERE id_hash = ?',
    args: [input.sessionHash],
  });
  return { added: true };
}

/**
 * Signs in with a verified passkey: its signature counter must have moved on (a cloned
 * authenticator replays an old one; authenticators that keep no counter send 0 always).
 */
export async function passkeySignIn(
  tx: WriteTx,
  input: { credentialId: string; counter: number; sessionHash: string; at: string; expiresAt: string },
): Promise<{ session: { accountId: number } } | { refused: true }> {
  const { rows } = await tx.execute({
    sql: `SELECT p.account_id, p.counter FROM passkeys p JOIN accounts a ON a.id = p.account_id
          WHERE p.credential_id = ? AND a.disabled_at IS NULL`,
    args: [input.credentialId],
  });
  const row = rows[0];
  if (!row) return { refused: true };
  const stored = num(row, 'counter');
  if ((stored > 0 || input.counter > 0) && input.counter <= stored) return { refused: true };
  const accountId = num(row, 'account_id');
  await tx.execute({
    sql: 'UPDATE passkeys SET counter = ?, last_used_at = ? WHERE credential_id = ?',
    args: [input.counter, input.at, input.credentialId],
  });
  await tx.execute({
    sql: `INSERT INTO sessions (id_hash, account_id, created_at, last_seen_at, expires_at, enrol_only)
          VALUES (?, ?, ?, ?, ?, 0)`,
    args: [input.sessionHash, accountId, input.at, input.at, input.expiresAt],
  });
  return { session: { accountId } };
}
