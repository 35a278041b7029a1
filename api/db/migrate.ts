import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../domain/clock.ts';
import type { Database } from './client.ts';

const MIGRATIONS_DIR = join(import.meta.dirname, 'migrations');

/**
 * Applies every migration in migrations/ not yet recorded, each in its own write transaction, in
 * file-name order. Safe to run from several processes at once: the write lock serializes them and
 * each checks the record inside its transaction.
 */
export async function migrate(db: Database, now: Clock): Promise<string[]> {
  if (db.isFile) {
    // WAL is a property of the file, so setting it once through any connection is enough. It lets
    // readers proceed while the single writer commits.
    await db.read.execute('PRAGMA journal_mode = WAL');
  }
  const files = readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{3}_.+\.sql$/.test(f))
    .sort();
  const applied: string[] = [];
  for (const file of files) {
    const sql = readFileSync(join(MIGRATIONS_DIR, file), 'utf8');
    const didApply = await db.writer.run('migration', { file, sql, at: now().toISOString() });
    if (didApply) applied.push(file);
  }
  return applied;
}
