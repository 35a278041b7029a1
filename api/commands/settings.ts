import { randomBytes } from 'node:crypto';
import { str } from '../db/rows.ts';
import type { SecretBox } from '../domain/secret-box.ts';
import type { AppDatabase } from './index.ts';

/**
 * A secret generated once and kept in the database, so every process serving the same database
 * (and every restart) signs and verifies with the same key without anyone configuring it. It is
 * stored sealed with SECRET_KEY: a copy of the database file alone cannot mint captchas.
 */
export async function getOrCreateSecret(db: AppDatabase, secrets: SecretBox, key: string): Promise<string> {
  const [, result] = await db.writer.run('statements', [
    {
      sql: 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING',
      args: [key, secrets.seal(randomBytes(32).toString('base64url'))],
    },
    { sql: 'SELECT value FROM settings WHERE key = ?', args: [key] },
  ]);
  return secrets.open(str(result?.rows[0], 'value'));
}
