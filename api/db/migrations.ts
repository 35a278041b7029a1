import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WriteTx } from './types.ts';

const MIGRATIONS_DIR = join(import.meta.dirname, 'migrations');

/** The migration files of migrations/, in the order they apply (file-name order). */
export function readMigrations(): { file: string; sql: string }[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{3}_.+\.sql$/.test(f))
    .sort()
    .map((file) => ({ file, sql: readFileSync(join(MIGRATIONS_DIR, file), 'utf8') }));
}

/**
 * Applies one migration file unless already recorded; true when it applied it. Runs in its own
 * write transaction (the `migration` command): safe from several processes at once, as the write
 * lock serializes them and each checks the record inside its transaction.
 */
export async function applyMigration(
  tx: WriteTx,
  { file, sql, at }: { file: string; sql: string; at: string },
): Promise<boolean> {
  await tx.execute(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at TEXT NOT NULL)',
  );
  const seen = await tx.execute({ sql: 'SELECT 1 FROM schema_migrations WHERE version = ?', args: [file] });
  if (seen.rows.length > 0) return false;
  await tx.executeMultiple(sql);
  await tx.execute({
    sql: 'INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)',
    args: [file, at],
  });
  return true;
}
