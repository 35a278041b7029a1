import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from './client.ts';

const MIGRATIONS_DIR = join(import.meta.dirname, 'migrations');

/**
 * Applies every migration in migrations/ not yet recorded, each in its own write transaction, in
 * file-name order. Safe to run from several processes at once: the write lock serializes them and
 * each checks the record inside its transaction.
 */
export async function migrate(db: Database): Promise<string[]> {
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
    const didApply = await db.writer.run(async (tx) => {
      await tx.execute(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at TEXT NOT NULL)',
      );
      const seen = await tx.execute({
        sql: 'SELECT 1 FROM schema_migrations WHERE version = ?',
        args: [file],
      });
      if (seen.rows.length > 0) return false;
      await tx.executeMultiple(sql);
      await tx.execute({
        sql: 'INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)',
        args: [file, new Date().toISOString()],
      });
      return true;
    });
    if (didApply) applied.push(file);
  }
  return applied;
}
