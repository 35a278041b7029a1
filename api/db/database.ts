import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createClient } from '@libsql/client';
import { FileConnection } from './file-connection.ts';
import { GroupCommitWriter } from './group-commit.ts';
import type { JobSet, Reader, Writer } from './types.ts';
import { clientWriteConnection } from './write-connection.ts';
import { WriteThread } from './write-thread/main-side.ts';

export interface DatabaseOptions {
  url: string;
  authToken?: string;
  /** How long a write waits for another process's lock before failing (file: databases). */
  busyTimeoutMs?: number;
}

/**
 * Reads go through `read`; every write goes through one writer that owns its own connection.
 * For a `file:` database both are single connections on the libsql driver (see file-connection.ts):
 * driver calls are synchronous, so a pool gives one thread nothing, and a single write connection
 * is the only one whose settings we can trust (libSQL's pool applies a PRAGMA to one connection,
 * and one SQLITE_BUSY poisons the connection it hit: libsql-client-ts#352), so the writer closes
 * and reopens it after any busy or broken state. For a libSQL server both go through the client.
 */
export interface Database<J extends JobSet> {
  read: Reader;
  writer: Writer<J>;
  isFile: boolean;
  /**
   * Copies the WAL into the database file and truncates the WAL to zero bytes, so bytes a write
   * erased are gone from both files (after an anonymisation). False when another connection kept
   * it from completing (it is tried again later); a libSQL server manages its own storage.
   */
  checkpoint(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * The jobs a database's writer runs (the application's are in api/commands/), in the two places
 * it may run them: on a database file's write thread, which loads `threadEntry`, or on a writer in
 * this thread, for a libSQL server.
 */
export interface JobRunners<J extends JobSet> {
  /** A module that calls serveWriteThread (write-thread/worker-side.ts) with these jobs. */
  threadEntry: URL;
  onWriter(writer: GroupCommitWriter): Writer<J>;
}

export function isFileUrl(url: string): boolean {
  return url.startsWith('file:') || url === ':memory:';
}

export function openDatabase<J extends JobSet>(
  { url, authToken, busyTimeoutMs = 10_000 }: DatabaseOptions,
  jobs: JobRunners<J>,
): Database<J> {
  const isFile = isFileUrl(url);
  if (isFile && url.startsWith('file:')) {
    const path = url.slice('file:'.length).split('?')[0] ?? '';
    if (path && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  }
  if (isFile) {
    const path = url === ':memory:' ? ':memory:' : (url.slice('file:'.length).split('?')[0] ?? '');
    if (path === ':memory:')
      throw new Error('an in-memory database cannot be shared by a reader and a writer');
    const read = new FileConnection(path, { timeoutMs: busyTimeoutMs });
    const writer = new WriteThread<J>(jobs.threadEntry, path, busyTimeoutMs);
    return {
      read,
      writer,
      isFile,
      async checkpoint() {
        // Run on its own short-lived connection with a short busy wait: TRUNCATE waits for the
        // writer's current transaction, and the reader must not block the main thread for long.
        const connection = new FileConnection(path, { timeoutMs: 2000 });
        try {
          const result = await connection.execute('PRAGMA wal_checkpoint(TRUNCATE)');
          return Number(result.rows[0]?.busy ?? 1) === 0;
        } finally {
          connection.close();
        }
      },
      async close() {
        await writer.close();
        read.close();
      },
    };
  }
  const client = createClient({ url, authToken, timeout: busyTimeoutMs });
  const writer = jobs.onWriter(new GroupCommitWriter(() => clientWriteConnection(client)));
  return {
    read: client,
    writer,
    isFile,
    async checkpoint() {
      return true;
    },
    async close() {
      await writer.close();
      client.close();
    },
  };
}
