import type { InStatement } from '@libsql/client';
import { applyMigration } from '../db/migrations.ts';
import type { QueryResult, WriteTx } from '../db/types.ts';
import { forgetRecipients } from './outbox-messages.ts';

// The commands that run SQL their caller brings. It may add a webhook or a mailbox that later jobs
// of the same transaction must see, so both forget the outbox's recipients read so far.

/** Statements in order, e.g. a catalog import; each result as the statement gave it. */
export async function statements(tx: WriteTx, statements: InStatement[]): Promise<QueryResult[]> {
  forgetRecipients(tx);
  const results: QueryResult[] = [];
  for (const statement of statements) results.push(await tx.execute(statement));
  return results;
}

/** One migration file, unless already recorded (see applyMigration and migrate.ts). */
export async function migration(
  tx: WriteTx,
  input: { file: string; sql: string; at: string },
): Promise<boolean> {
  forgetRecipients(tx);
  return applyMigration(tx, input);
}
