import { createHash } from 'node:crypto';
import { num, str, strOrNull } from './rows.ts';
import type { Reader } from './types.ts';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
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
