import { isRetryable } from './retryable.ts';
import type { Settled, WriteTx } from './types.ts';

/**
 * Runs `work` inside a savepoint of the open transaction. If it fails, the savepoint is rolled back
 * (it wrote nothing) and the failure is its outcome; the transaction goes on. A busy or broken
 * connection is not the work's failure: it is rethrown, for the writer to retry the whole batch.
 *
 * This is the fallback of "run together, else one savepoint each": the group-commit writer runs a
 * batch's jobs together and, if one fails, runs them again each in its own savepoint; a lane of
 * filings does the same inside its job (see commands/file-request.ts).
 */
export async function inSavepoint<T>(tx: WriteTx, name: string, work: () => Promise<T>): Promise<Settled<T>> {
  await tx.execute(`SAVEPOINT ${name}`);
  try {
    const value = await work();
    await tx.execute(`RELEASE ${name}`);
    return { ok: true, value };
  } catch (error) {
    if (isRetryable(error)) throw error;
    await tx.execute(`ROLLBACK TO ${name}`);
    await tx.execute(`RELEASE ${name}`);
    return { ok: false, error };
  }
}

/** Each item in its own savepoint, in order: a failing one is rolled back alone, and each sees what those before it wrote. */
export async function eachInSavepoint<I, T>(
  tx: WriteTx,
  name: string,
  items: readonly I[],
  work: (item: I) => Promise<T>,
): Promise<Settled<T>[]> {
  const settled: Settled<T>[] = [];
  for (const item of items) settled.push(await inSavepoint(tx, name, () => work(item)));
  return settled;
}
