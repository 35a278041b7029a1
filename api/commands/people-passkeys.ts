import { num } from '../db/rows.ts';
import type { WriteTx } from '../db/types.ts';

/**
 * The writes of passkeys (WebAuthn): single-use challenges, registering a passkey (a second factor
 * like TOTP) and signing in with one, where the signature counter must move on.
 */

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
