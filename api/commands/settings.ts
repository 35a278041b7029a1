import { randomBytes } from 'node:crypto';
import { str } from '../db/rows.ts';
import type { AppDatabase } from './index.ts';

/**
 * A secret generated once and kept in the database, so every process serving the same database
 * (and every restart) signs and verifies with the same key without anyone configuring it.
 */
export async function getOrCreateSecret(db: AppDatabase, key: string): Promise<string> {
  const [, result] = await db.writer.run('statements', [
    {
      sql: 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING',
      args: [key, randomBytes(32).toString('base64url')],
    },
    { sql: 'SELECT value FROM settings WHERE key = ?', args: [key] },
  ]);
  return str(result?.rows[0], 'value');
}
