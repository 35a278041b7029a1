import { Worker } from 'node:worker_threads';
import type { JobInput, JobOutput, JobSet, Writer, WriterStats } from '../types.ts';
import { reviveError, type ThreadMessage, type ThreadResults, type WriteThreadData } from './protocol.ts';

/**
 * The main thread's side of a database file's write thread (worker-side.ts). Jobs go over as soon
 * as the callback that queued them ends (a microtask), not at the end of the event loop's turn: the
 * write thread starts on them while this thread parses the next requests, instead of idling until
 * all of them are parsed. The write thread still commits together whatever arrived while it was
 * busy, and answers in one message per committed batch. If the thread dies, every job it held fails
 * (none was answered before its commit) and the next job starts a new thread.
 */
export class WriteThread<J extends JobSet> implements Writer<J> {
  readonly #data: WriteThreadData;
  #worker: Worker | null = null;
  #exited: Promise<void> = Promise.resolve();
  #nextId = 1;
  readonly #pending = new Map<number, { resolve(value: unknown): void; reject(error: unknown): void }>();
  #outgoing: Extract<ThreadMessage, { type: 'jobs' }>['jobs'] = [];
  #closed = false;
  stats: WriterStats = { batches: 0, jobs: 0 };

  /** `entry`: the module the thread loads to serve the jobs (it calls serveWriteThread). */
  constructor(entry: URL, path: string, busyTimeoutMs: number) {
    this.#data = { entry: entry.href, path, busyTimeoutMs };
  }

  #start(): Worker {
    const worker = new Worker(new URL('./boot.mjs', import.meta.url), { workerData: this.#data });
    worker.on('message', (message: ThreadResults) => {
      this.stats = message.stats;
      for (const result of message.results) {
        const pending = this.#pending.get(result.id);
        this.#pending.delete(result.id);
        if (result.ok) pending?.resolve(result.value);
        else pending?.reject(reviveError(result.error));
      }
      if (this.#pending.size === 0) worker.unref();
    });
    this.#exited = new Promise((resolve) => {
      worker.once('exit', (code) => {
        if (this.#worker === worker) this.#worker = null;
        const error = new Error(`the write thread stopped (exit code ${code})`);
        for (const pending of this.#pending.values()) pending.reject(error);
        this.#pending.clear();
        resolve();
      });
    });
    worker.on('error', () => {
      // Reported through 'exit', which follows; the jobs it held are failed there.
    });
    return worker;
  }

  run<N extends keyof J & string>(name: N, input: JobInput<J, N>): Promise<JobOutput<J, N>> {
    if (this.#closed) return Promise.reject(new Error('the database writer is closed'));
    return new Promise<JobOutput<J, N>>((resolve, reject) => {
      const id = this.#nextId++;
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.#outgoing.push({ id, name, input });
      if (this.#outgoing.length === 1) queueMicrotask(() => this.#flush());
    });
  }

  #flush(): void {
    const jobs = this.#outgoing;
    this.#outgoing = [];
    if (jobs.length === 0) return;
    this.#worker ??= this.#start();
    // Kept alive while it holds jobs, so a CLI awaiting one does not exit under it.
    this.#worker.ref();
    this.#worker.postMessage({ type: 'jobs', jobs } satisfies ThreadMessage);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#flush();
    const worker = this.#worker;
    if (!worker) return;
    worker.ref();
    worker.postMessage({ type: 'close' } satisfies ThreadMessage);
    await this.#exited;
  }
}
