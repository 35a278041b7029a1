import { isRetryable } from './retryable.ts';
import { eachInSavepoint } from './savepoint.ts';
import type { Settled, WriteConnection, WriteJob, WriterStats, WriteTransaction } from './types.ts';

interface Pending {
  job: WriteJob<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export interface WriterOptions {
  /** Most jobs committed together; bounds a batch's latency and its transaction's size. */
  maxBatch?: number;
  /** Whole-batch retries after the database was busy or the connection broke. */
  retries?: number;
}

/**
 * Group commit. Writes queue here; whenever the writer is free it takes everything queued and runs
 * it in ONE write transaction, then commits once and answers every job. One fsync then covers the
 * whole batch, which is how a durable commit (synchronous=FULL) and a high filing rate go together.
 * A job that throws is rolled back alone (the batch is run again with a savepoint per job, see
 * #commit); the caller sees its error only after the batch committed, never success before it.
 *
 * If the database is busy beyond the timeout (another process) or the connection breaks, the client
 * is closed and reopened, never reused (a connection that saw SQLITE_BUSY can silently lose later
 * commits: libsql-client-ts#352), and the whole batch is retried: jobs must be re-runnable, which
 * they are because nothing of a rolled-back transaction survives.
 */
export class GroupCommitWriter {
  #open: () => WriteConnection;
  #connection: WriteConnection | null = null;
  #queue: Pending[] = [];
  /** The running drain loop, or null. Set and cleared synchronously with the queue checks, so a job
   * queued while the loop is finishing can never be left without a drain. */
  #draining: Promise<void> | null = null;
  #closed = false;
  readonly #options: Required<WriterOptions>;
  /** Batches committed and jobs in them, for the benchmarks. */
  readonly stats: WriterStats = { batches: 0, jobs: 0 };

  constructor(open: () => WriteConnection, options: WriterOptions = {}) {
    this.#open = open;
    this.#options = { maxBatch: 512, retries: 3, ...options };
  }

  run<T>(job: WriteJob<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new Error('the database writer is closed'));
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ job, resolve: resolve as (value: unknown) => void, reject });
      if (!this.#draining) this.#draining = this.#drain();
    });
  }

  async #drain(): Promise<void> {
    // Let the current turn of the event loop queue its jobs too, so they share the batch.
    try {
      await new Promise<void>((resolve) => setImmediate(resolve));
      while (this.#queue.length > 0) {
        const batch = this.#queue.splice(0, this.#options.maxBatch);
        await this.#commit(batch);
      }
    } finally {
      this.#draining = null;
    }
  }

  #recycle(): void {
    this.#connection?.close();
    this.#connection = null;
  }

  async #commit(batch: Pending[]): Promise<void> {
    // A batch runs first with no savepoints: they cost two statements per job, and jobs almost never
    // fail. If one does, the whole transaction is rolled back and the batch runs again with each job
    // in its own savepoint, so that the failing job is rolled back alone and every job sees what the
    // jobs before it wrote, as in one pass.
    let isolated = false;
    let retries = 0;
    for (;;) {
      let outcomes: Settled<unknown>[] = [];
      let tx: WriteTransaction | null = null;
      try {
        this.#connection ??= this.#open();
        const open = await this.#connection.begin();
        tx = open;
        if (isolated) outcomes = await eachInSavepoint(open, 'job', batch, (pending) => pending.job(open));
        else {
          const failure = await this.#runTogether(open, batch, outcomes);
          // `finally` rolls the transaction back in both cases. Alone in its batch, the job's
          // rollback is the transaction's: there is nothing to run again.
          if (failure && batch.length === 1) {
            batch[0]?.reject(failure.error);
            return;
          }
          if (failure) {
            isolated = true;
            continue;
          }
        }
        await open.commit();
      } catch (error) {
        tx?.close();
        tx = null;
        this.#recycle();
        if (isRetryable(error) && retries++ < this.#options.retries) continue;
        for (const pending of batch) pending.reject(error);
        return;
      } finally {
        tx?.close();
      }
      this.stats.batches += 1;
      this.stats.jobs += batch.length;
      batch.forEach((pending, i) => {
        const outcome = outcomes[i];
        if (outcome?.ok) pending.resolve(outcome.value);
        else pending.reject(outcome?.error);
      });
      return;
    }
  }

  /** Every job in the open transaction; the first failure stops it (the caller rolls back). */
  async #runTogether(
    tx: WriteTransaction,
    batch: Pending[],
    outcomes: Settled<unknown>[],
  ): Promise<{ error: unknown } | null> {
    for (const pending of batch) {
      try {
        outcomes.push({ ok: true, value: await pending.job(tx) });
      } catch (error) {
        if (isRetryable(error)) throw error;
        return { error };
      }
    }
    return null;
  }

  /** Waits for queued writes to commit, then closes the write connection. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#draining;
    this.#recycle();
  }
}
