import type { WriterStats } from '../types.ts';

/**
 * What the main thread and the write thread of a database file say to each other (main-side.ts,
 * worker-side.ts). Everything is structured-cloned: jobs go as a name and an input, and come back
 * as a value or an error turned into data.
 */

/** Passed to the write thread when it starts. */
export interface WriteThreadData {
  /** The module the thread loads to serve jobs: it calls serveWriteThread (see commands/thread-entry.ts). */
  entry: string;
  path: string;
  busyTimeoutMs: number;
}

/** Main thread → write thread. */
export type ThreadMessage =
  | { type: 'jobs'; jobs: { id: number; name: string; input: unknown }[] }
  | { type: 'close' };

/** Write thread → main thread: once per committed batch, with the writer's figures. */
export interface ThreadResults {
  type: 'results';
  results: ThreadResult[];
  stats: WriterStats;
}

export type ThreadResult =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: SerializedError };

/** A job's error as data: jobs return their refusals as outcomes, so what throws is a failure of SQL or code. */
export interface SerializedError {
  name: string;
  message: string;
  /** SQLite's code (SQLITE_CONSTRAINT_UNIQUE, …), kept so callers can tell failures apart. */
  code?: string;
}

export function serializeError(error: unknown): SerializedError {
  const e = error as { name?: string; message?: string; code?: unknown };
  return {
    name: String(e?.name ?? 'Error'),
    message: String(e?.message ?? error),
    ...(typeof e?.code === 'string' ? { code: e.code } : {}),
  };
}

export function reviveError(error: SerializedError): Error {
  const revived = new Error(error.message) as Error & { code?: string };
  revived.name = error.name;
  if (error.code) revived.code = error.code;
  return revived;
}
