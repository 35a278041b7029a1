import { Worker } from 'node:worker_threads';
import {
  type JobInput,
  type JobName,
  type JobOutput,
  reviveError,
  type SerializedError,
} from './write-jobs.ts';
import type { Writer } from './writer.ts';

export type ThreadMessage =
  | { type: 'jobs'; jobs: { id: number; name: string; input: unknown }[] }
  | { type: 'close' };

export type ThreadResult =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: SerializedError };

/**
 * The main thread's side of the write thread (write-thread.ts). Jobs go over as soon as the
 * callback that queued them ends (a microtask), not at the end of the event loop's turn: the write
 * thread starts on them while this thread parses the next requests, instead of idling until all of
 * them are parsed (measured: +5–20 % filings/s, lower p99). The write thread still commits together
 * whatever arrived while it was busy, and answers in one message per committed batch. If the thread dies, every job it
 * held fails (none was answered before its commit) and the next job starts a new thread.
 */
export class ThreadWriter implements Writer {
  readonly #path: string;
  readonly #busyTimeoutMs: number;
  #worker: Worker | null = null;
  #exited: Promise<void> = Promise.resolve();
  #nextId = 1;
  readonly #pending = new Map<number, { resolve(value: unknown): void; reject(error: unknown): void }>();
  #outgoing: Extract<ThreadMessage, { type: 'jobs' }>['jobs'] = [];
  #closed = false;
  stats = { batches: 0, jobs: 0 };

  constructor(path: string, busyTimeoutMs: number) {
    this.#path = path;
    this.#busyTimeoutMs = busyTimeoutMs;
  }

  #start(): Worker {
    const worker = new Worker(new URL('./write-thread-boot.mjs', import.meta.url), {
      workerData: { path: this.#path, busyTimeoutMs: this.#busyTimeoutMs },
    });
    worker.on(
      'message',
      (message: { type: 'results'; results: ThreadResult[]; stats: ThreadWriter['stats'] }) => {
        this.stats = message.stats;
        for (const result of message.results) {
          const pending = this.#pending.get(result.id);
          this.#pending.delete(result.id);
          if (result.ok) pending?.resolve(result.value);
          else pending?.reject(reviveError(result.error));
        }
        if (this.#pending.size === 0) worker.unref();
      },
    );
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

  run<N extends JobName>(name: N, input: JobInput<N>): Promise<JobOutput<N>> {
    if (this.#closed) return Promise.reject(new Error('the database writer is closed'));
    return new Promise<JobOutput<N>>((resolve, reject) => {
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
