import type { InStatement, Row } from '@libsql/client';

// The types the rest of the code sees of the database: statements and their results, the writer's
// transactions and connections, and named jobs. One file, so that db/'s own files share them
// without importing each other for a type.

/** What callers read from a statement's result: the part of libSQL's ResultSet this code uses. */
export interface QueryResult {
  rows: Row[];
  rowsAffected: number;
}

/** Anything statements can run on: a client, a transaction, a write job's transaction, a file connection. */
export interface Queryable {
  execute(stmt: InStatement): Promise<QueryResult>;
}

/** What a write job may do inside the writer's transaction. libSQL's `Transaction` satisfies it. */
export interface WriteTx extends Queryable {
  executeMultiple(sql: string): Promise<void>;
}

/** Reads: one statement, or several that see one snapshot. libSQL's `Client` satisfies it. */
export interface Reader extends Queryable {
  batch(statements: InStatement[], mode: 'read'): Promise<QueryResult[]>;
}

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

/** A job as the group-commit writer runs it: a closure over the shared transaction. */
export type WriteJob<T> = (tx: WriteTx) => Promise<T>;

/** What became of one job (or one filing) among several: its value, or the error it alone got. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Jobs by name. A job may cross to the write thread, so it is a name and a structured-cloneable
 * input, never a closure, and it returns plain data (api/commands/ holds the application's).
 */
export type JobSet = Record<string, (tx: WriteTx, input: never) => Promise<unknown>>;
export type JobInput<J extends JobSet, N extends keyof J> = Parameters<J[N]>[1];
export type JobOutput<J extends JobSet, N extends keyof J> = Awaited<ReturnType<J[N]>>;

/** Batches committed and jobs in them (filings written together count as one job). */
export interface WriterStats {
  batches: number;
  jobs: number;
}

/** Every write goes through one of these (`db.writer`), as a named job, wherever the writer runs. */
export interface Writer<J extends JobSet> {
  run<N extends keyof J & string>(name: N, input: JobInput<J, N>): Promise<JobOutput<J, N>>;
  /** For tests and benchmarks. */
  readonly stats: WriterStats;
  /** Waits for queued writes to commit, then closes the write connection. */
  close(): Promise<void>;
}
