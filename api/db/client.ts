import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Client, createClient } from '@libsql/client';
import { GroupCommitWriter } from './writer.ts';

export interface DatabaseOptions {
  url: string;
  authToken?: string;
  /** How long a write waits for another process's lock before failing (file: databases). */
  busyTimeoutMs?: number;
}

/**
 * Reads go through a pooled client; every write goes through one writer that owns its own client.
 * For `file:` databases the writer's client has a single connection: libSQL's pool applies a PRAGMA
 * to one connection only, and one SQLITE_BUSY poisons the connection it hit (libsql-client-ts#352),
 * so a single, recyclable write connection is the only one whose settings we can trust.
 */
export interface Database {
  read: Client;
  writer: GroupCommitWriter;
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
  const read = createClient({ url, authToken, timeout: busyTimeoutMs });
  const openWriteClient = () =>
    isFile ? createClient({ url, authToken, timeout: busyTimeoutMs, concurrency: 1 }) : read;
  const writer = new GroupCommitWriter(openWriteClient, { isFile });
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
