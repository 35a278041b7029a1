import type { Client } from '@libsql/client';
import { FileConnection, type WriteTx } from './file-connection.ts';
import { JobRunner } from './job-runner.ts';
import { isRetryable } from './retryable.ts';
import type { JobInput, JobName, JobOutput } from './write-jobs.ts';

export type WriteJob<T> = (tx: WriteTx) => Promise<T>;

/** The writer's transaction: a job's view of it plus the writer's own commit and close. */
export interface WriteTransaction extends WriteTx {
  commit(): Promise<void>;
  /** Rolls back if still open; after a commit, does nothing. */
  close(): void;
}

/** Where the writer's transactions come from; closed and reopened after a busy or broken connection. */
export interface WriteConnection {
  begin(): Promise<WriteTransaction>;
  close(): void;
}

/**
 * The writer's own connection to a database file. Per connection settings are set once here, as
 * the writer is its only user: a 201 must survive a power cut, which WAL gives only with
 * synchronous=FULL (NORMAL may lose the last commits).
 */
export function fileWriteConnection(path: string, timeoutMs: number): WriteConnection {
  const connection = new FileConnection(path, {
    timeoutMs,
    pragmas: ['PRAGMA synchronous = FULL', 'PRAGMA foreign_keys = ON'],
  });
  return {
    async begin() {
      connection.exec('BEGIN IMMEDIATE');
      return {
        execute: (stmt) => connection.execute(stmt),
        executeMultiple: (sql) => connection.executeMultiple(sql),
        async commit() {
          connection.exec('COMMIT');
        },
        close() {
          if (connection.inTransaction) connection.exec('ROLLBACK');
        },
      };
    },
    close: () => connection.close(),
  };
}

/** Write transactions on a libSQL server, through the shared client (which is not closed here). */
export function clientWriteConnection(client: Client): WriteConnection {
  return { begin: () => client.transaction('write'), close() {} };
}

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
  readonly stats = { batches: 0, jobs: 0 };

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
    // A batch runs first with no savepoints: they cost two statements per job, a tenth of a filing's
    // time in the write thread, and jobs almost never fail. If one does, the whole transaction is
    // rolled back and the batch runs again with each job in its own savepoint, so that the failing
    // job is rolled back alone and every job sees what the jobs before it wrote, as in one pass.
    let isolated = false;
    let retries = 0;
    for (;;) {
      const outcomes: { ok: boolean; value: unknown }[] = [];
      let tx: WriteTransaction | null = null;
      try {
        this.#connection ??= this.#open();
        tx = await this.#connection.begin();
        if (isolated) await this.#runIsolated(tx, batch, outcomes);
        else {
          const failure = await this.#runTogether(tx, batch, outcomes);
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
        await tx.commit();
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
        else pending.reject(outcome?.value);
      });
      return;
    }
  }

  /** Every job in the open transaction; the first failure stops it (the caller rolls back). */
  async #runTogether(
    tx: WriteTransaction,
    batch: Pending[],
    outcomes: { ok: boolean; value: unknown }[],
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

  /** Each job in its own savepoint: a failing job is rolled back alone and gets its error. */
  async #runIsolated(
    tx: WriteTransaction,
    batch: Pending[],
    outcomes: { ok: boolean; value: unknown }[],
  ): Promise<void> {
    for (const pending of batch) {
      await tx.execute('SAVEPOINT job');
      try {
        outcomes.push({ ok: true, value: await pending.job(tx) });
        await tx.execute('RELEASE job');
      } catch (error) {
        if (isRetryable(error)) throw error;
        await tx.execute('ROLLBACK TO job');
        await tx.execute('RELEASE job');
        outcomes.push({ ok: false, value: error });
      }
    }
  }

  /** Waits for queued writes to commit, then closes the write connection. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#draining;
    this.#recycle();
  }
}

/** Every write of the application goes through one of these, as a named job (see write-jobs.ts). */
export interface Writer {
  run<N extends JobName>(name: N, input: JobInput<N>): Promise<JobOutput<N>>;
  /** Batches committed and jobs in them (filings written together count as one job), for tests and benchmarks. */
  readonly stats: { batches: number; jobs: number };
  /** Waits for queued writes to commit, then closes the write connection. */
  close(): Promise<void>;
}

/** Runs the jobs in this thread: for a libSQL server, whose client does not block the event loop. */
export class LocalWriter implements Writer {
  readonly #writer: GroupCommitWriter;
  readonly #jobs: JobRunner;

  constructor(writer: GroupCommitWriter) {
    this.#writer = writer;
    this.#jobs = new JobRunner(writer);
  }

  get stats() {
    return this.#writer.stats;
  }

  run<N extends JobName>(name: N, input: JobInput<N>): Promise<JobOutput<N>> {
    return this.#jobs.run(name, input);
  }

  close(): Promise<void> {
    return this.#writer.close();
  }
}
