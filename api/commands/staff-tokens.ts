import { randomBytes } from 'node:crypto';
import { num } from '../db/rows.ts';
import { hashToken } from '../db/staff-tokens.ts';
import { isoSeconds } from '../domain/clock.ts';
import type { AppDatabase } from './index.ts';

/**
 * Creates a token for one institution. The token is returned once; only its hash is stored. It
 * works until `expiresAt` (ISO seconds; none: until revoked), for reads only when `readOnly`.
 */
export async function createStaffToken(
  db: AppDatabase,
  institution: string,
  name: string,
  at: Date,
  { expiresAt = null, readOnly = false }: { expiresAt?: string | null; readOnly?: boolean } = {},
): Promise<{ id: number; token: string }> {
  // 256 random bits: a hash without salt or stretching is safe for secrets this long.
  const token = `cc_${randomBytes(32).toString('base64url')}`;
  const [result] = await db.writer.run('statements', [
    {
      sql: `INSERT INTO staff_tokens (institution, name, token_hash, created_at, expires_at, read_only)
            VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
      args: [institution, name, hashToken(token), isoSeconds(at), expiresAt, readOnly ? 1 : 0],
    },
  ]);
  return { id: num(result?.rows[0], 'id'), token };
}

export async function revokeStaffToken(db: AppDatabase, id: number, at: Date): Promise<boolean> {
  const [result] = await db.writer.run('statements', [
    {
      sql: 'UPDATE staff_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
      args: [isoSeconds(at), id],
    },
  ]);
  return result?.rowsAffected === 1;
}
