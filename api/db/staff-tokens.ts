import { createHash, randomBytes } from 'node:crypto';
import type { Database } from './client.ts';
import type { Reader } from './file-connection.ts';
import { num, str, strOrNull } from './rows.ts';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Creates a token for one institution. The token is returned once; only its hash is stored. */
export async function createStaffToken(
  db: Database,
  institution: string,
  name: string,
  at: Date,
): Promise<{ id: number; token: string }> {
  // 256 random bits: a hash without salt or stretching is safe for secrets this long.
  const token = `cc_${randomBytes(32).toString('base64url')}`;
  const [result] = await db.writer.run('statements', [
    {
      sql: 'INSERT INTO staff_tokens (institution, name, token_hash, created_at) VALUES (?, ?, ?, ?) RETURNING id',
      args: [institution, name, hashToken(token), at.toISOString()],
    },
  ]);
  return { id: num(result?.rows[0], 'id'), token };
}

export async function revokeStaffToken(db: Database, id: number, at: Date): Promise<boolean> {
  const [result] = await db.writer.run('statements', [
    {
      sql: 'UPDATE staff_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
      args: [at.toISOString(), id],
    },
  ]);
  return result?.rowsAffected === 1;
}

export interface StaffTokenRecord {
  id: number;
  institution: string;
  name: string;
  createdAt: string;
  revokedAt: string | null;
}

export async function listStaffTokens(client: Reader, institution?: string): Promise<StaffTokenRecord[]> {
  const result = await client.execute(
    institution
      ? { sql: 'SELECT * FROM staff_tokens WHERE institution = ? ORDER BY id', args: [institution] }
      : 'SELECT * FROM staff_tokens ORDER BY id',
  );
  return result.rows.map((row) => ({
    id: num(row, 'id'),
    institution: str(row, 'institution'),
    name: str(row, 'name'),
    createdAt: str(row, 'created_at'),
    revokedAt: strOrNull(row, 'revoked_at'),
  }));
}

/** The live token with this secret, or null (unknown or revoked). */
export async function findStaffToken(client: Reader, token: string): Promise<StaffTokenRecord | null> {
  const result = await client.execute({
    sql: 'SELECT * FROM staff_tokens WHERE token_hash = ? AND revoked_at IS NULL',
    args: [hashToken(token)],
  });
  const row = result.rows[0];
  return row
    ? {
        id: num(row, 'id'),
        institution: str(row, 'institution'),
        name: str(row, 'name'),
        createdAt: str(row, 'created_at'),
        revokedAt: null,
      }
    : null;
}
