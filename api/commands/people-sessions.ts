import { num, numOrNull, strOrNull } from '../db/rows.ts';
import type { WriteTx } from '../db/types.ts';
import { LOCK_SECONDS, MAX_FAILURES } from '../domain/roles.ts';

/**
 * The writes of sign-in and sessions (issue 19): the throttle and lockout, the TOTP second factor
 * and its replay rule, signing out, and the hourly purge of spent sign-in state. The routes check
 * passwords and codes (they hold the secrets); these commands decide, inside the write transaction,
 * what the throttle and the replay rules allow, so two racing attempts cannot both get past a limit.
 * Passkeys are in people-passkeys.ts.
 */

function plusSeconds(iso: string, seconds: number): string {
  return new Date(Date.parse(iso) + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
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

/**
 * The hourly maintenance's share (purge-expired.ts): sign-in failures a day old and not locked
 * (an attacker typing random emails would otherwise grow the table for ever), spent WebAuthn
 * challenges, and sessions past their absolute end. The audit log keeps the history.
 */
export async function purgeSignInState(tx: WriteTx, now: string): Promise<void> {
  const dayAgo = plusSeconds(now, -24 * 3600);
  await tx.execute({
    sql: 'DELETE FROM sign_in_failures WHERE last_failure_at < ? AND (locked_until IS NULL OR locked_until < ?)',
    args: [dayAgo, now],
  });
  await tx.execute({ sql: 'DELETE FROM webauthn_challenges WHERE expires_at <= ?', args: [now] });
  await tx.execute({ sql: 'DELETE FROM sessions WHERE expires_at <= ?', args: [now] });
}
