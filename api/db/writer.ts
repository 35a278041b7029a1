import type { Client, Transaction } from '@libsql/client';

export type WriteJob<T> = (tx: Transaction) => Promise<T>;

export interface JobOptions {
  /**
   * Run without a savepoint: only for a job of ONE statement, which SQLite already makes atomic on
   * its own (a failing statement undoes only itself). Saves two statements per job on the hot path.
   */
  singleStatement?: boolean;
}

interface Pending {
  job: WriteJob<unknown>;
  singleStatement: boolean;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export interface WriterOptions {
  isFile: boolean;
  /** Most jobs committed together; bounds a batch's latency and its transaction's size. */
  maxBatch?: number;
  /** Whole-batch retries after the database was busy or the connection broke. */
  retries?: number;
}

/** A job failed on its own; its savepoint was rolled back and the rest of the batch committed. */
function isRetryable(error: unknown): boolean {
  const text = String((error as { code?: string })?.code ?? '') + String((error as Error)?.message ?? '');
  return /SQLITE_BUSY|SQLITE_LOCKED|database is locked|statements in progress|CLIENT_CLOSED|ECONNRESET|fetch failed/i.test(
    text,
  );
}

/**
 * Group commit. Writes queue here; whenever the writer is free it takes everything queued and runs
 * it in ONE write transaction, each job inside its own savepoint, then commits once and answers every
 * job. One fsync then covers the whole batch, which is how a durable commit (synchronous=FULL) and a
 * high filing rate go together. A job that throws is rolled back to its savepoint alone; the caller
 * sees its error only after the batch committed, and never sees success before the commit.
 *
 * If the database is busy beyond the timeout (another process) or the connection breaks, the client
 * is closed and reopened, never reused (a connection that saw SQLITE_BUSY can silently lose later
 * commits: libsql-client-ts#352), and the whole batch is retried: jobs must be re-runnable, which
 * they are because nothing of a rolled-back transaction survives.
 */
export class GroupCommitWriter {
  #open: () => Client;
  #client: Client | null = null;
  #queue: Pending[] = [];
  /** The running drain loop, or null. Set and cleared synchronously with the queue checks, so a job
   * queued while the loop is finishing can never be left without a drain. */
  #draining: Promise<void> | null = null;
  #closed = false;
  readonly #options: Required<WriterOptions>;
  /** Batches committed and jobs in them, for the benchmarks. */
  readonly stats = { batches: 0, jobs: 0 };

  constructor(open: () => Client, options: WriterOptions) {
    this.#open = open;
    this.#options = { maxBatch: 512, retries: 3, ...options };
  }

  run<T>(job: WriteJob<T>, options: JobOptions = {}): Promise<T> {
    if (this.#closed) return Promise.reject(new Error('the database writer is closed'));
    return new Promise<T>((resolve, reject) => {
      const singleStatement = options.singleStatement ?? false;
      this.#queue.push({ job, singleStatement, resolve: resolve as (value: unknown) => void, reject });
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

  #connection(): Client {
    this.#client ??= this.#open();
    return this.#client;
  }

  #recycle(): void {
    if (this.#client && this.#options.isFile) this.#client.close();
    this.#client = null;
  }

  async #commit(batch: Pending[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const outcomes: { ok: boolean; value: unknown }[] = [];
      let tx: Transaction | null = null;
      try {
        const client = this.#connection();
        if (this.#options.isFile) {
          // Per connection, so set on the writer's only connection before every batch: a 201 must
          // survive a power cut, which WAL gives only with FULL (NORMAL may lose the last commits).
          await client.execute('PRAGMA synchronous = FULL');
          await client.execute('PRAGMA foreign_keys = ON');
        }
        tx = await client.transaction('write');
        for (const pending of batch) {
          if (!pending.singleStatement) await tx.execute('SAVEPOINT job');
          try {
            outcomes.push({ ok: true, value: await pending.job(tx) });
            if (!pending.singleStatement) await tx.execute('RELEASE job');
          } catch (error) {
            if (isRetryable(error)) throw error;
            if (!pending.singleStatement) {
              await tx.execute('ROLLBACK TO job');
              await tx.execute('RELEASE job');
            }
            outcomes.push({ ok: false, value: error });
          }
        }
        await tx.commit();
      } catch (error) {
        tx?.close();
        tx = null;
        this.#recycle();
        if (isRetryable(error) && attempt < this.#options.retries) continue;
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
        else pending.reject(outcome?.value);
      });
      return;
    }
  }

  /** Waits for queued writes to commit, then closes the write connection. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#draining;
    this.#recycle();
  }
}
