import { createHash } from 'node:crypto';
import type { Row } from '@libsql/client';
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
  /** ISO seconds UTC after which the token is refused (401); null: until revoked. */
  expiresAt: string | null;
  /** Reads only: any write with it is 403 `forbidden`. */
  readOnly: boolean;
}

function record(row: Row | undefined): StaffTokenRecord {
  return {
    id: num(row, 'id'),
    institution: str(row, 'institution'),
    name: str(row, 'name'),
    createdAt: str(row, 'created_at'),
    revokedAt: strOrNull(row, 'revoked_at'),
    expiresAt: strOrNull(row, 'expires_at'),
    readOnly: Number(row?.read_only) === 1,
  };
}

export async function listStaffTokens(client: Reader, institution?: string): Promise<StaffTokenRecord[]> {
  const result = await client.execute(
    institution
      ? { sql: 'SELECT * FROM staff_tokens WHERE institution = ? ORDER BY id', args: [institution] }
      : 'SELECT * FROM staff_tokens ORDER BY id',
  );
  return result.rows.map((row) => record(row));
}

/** The live token with this secret at `now` (ISO seconds), or null (unknown, revoked or expired). */
export async function findStaffToken(
  client: Reader,
  token: string,
  now: string,
): Promise<StaffTokenRecord | null> {
  const result = await client.execute({
    sql: `SELECT * FROM staff_tokens WHERE token_hash = ? AND revoked_at IS NULL
            AND (expires_at IS NULL OR expires_at > ?)`,
    args: [hashToken(token), now],
  });
  const row = result.rows[0];
  return row ? record(row) : null;
}
