import { readMigrations } from '../db/migrations.ts';
import { type Clock, isoSeconds } from '../domain/clock.ts';
import type { AppDatabase } from './index.ts';

/**
 * Applies every migration in db/migrations/ not yet recorded, each in its own write transaction,
 * in file-name order. Safe to run from several processes at once (see applyMigration).
 */
export async function migrate(db: AppDatabase, now: Clock): Promise<string[]> {
  if (db.isFile) {
    // WAL is a property of the file, so setting it once through any connection is enough. It lets
    // readers proceed while the single writer commits.
    await db.read.execute('PRAGMA journal_mode = WAL');
  }
  const applied: string[] = [];
  for (const { file, sql } of readMigrations()) {
    const didApply = await db.writer.run('migration', { file, sql, at: isoSeconds(now()) });
    if (didApply) applied.push(file);
  }
  return applied;
}
