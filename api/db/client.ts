import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createClient } from '@libsql/client';
import { FileConnection, type Reader } from './file-connection.ts';
import { ThreadWriter } from './thread-writer.ts';
import { clientWriteConnection, GroupCommitWriter, LocalWriter, type Writer } from './writer.ts';

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
export interface Database {
  read: Reader;
  writer: Writer;
  isFile: boolean;
  close(): Promise<void>;
}

export function isFileUrl(url: string): boolean {
  return url.startsWith('file:') || url === ':memory:';
}

export function openDatabase({ url, authToken, busyTimeoutMs = 10_000 }: DatabaseOptions): Database {
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
    const writer = new ThreadWriter(path, busyTimeoutMs);
    return {
      read,
      writer,
      isFile,
      async close() {
        await writer.close();
        read.close();
      },
    };
  }
  const client = createClient({ url, authToken, timeout: busyTimeoutMs });
  const writer = new LocalWriter(new GroupCommitWriter(() => clientWriteConnection(client)));
  return {
    read: client,
    writer,
    isFile,
    async close() {
      await writer.close();
      client.close();
    },
  };
}
