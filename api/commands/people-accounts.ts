import { num } from '../db/rows.ts';
import type { WriteTx } from '../db/types.ts';
import type { Role } from '../domain/roles.ts';
import { signOutEverywhere } from './people-sessions.ts';
import { unitsBelong } from './people-units.ts';

/**
 * The writes of an institution's accounts (issue 19): creating one (an invitation, or a demo
 * account with its password), the one-time links to set a password (invitation, reset), and
 * changing role, units, name or whether it is disabled. Each decides inside the write transaction,
 * so a link is used once and an email is taken once even when two requests race.
 */

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
