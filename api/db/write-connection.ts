import type { Client } from '@libsql/client';
import { FileConnection } from './file-connection.ts';
import type { WriteConnection } from './types.ts';

/**
 * The writer's own connection to a database file. Per connection settings are set once here, as
 * the writer is its only user: a 201 must survive a power cut, which WAL gives only with
 * synchronous=FULL (NORMAL may lose the last commits). secure_delete makes SQLite zero the bytes a
 * write frees (an anonymised request's old values in its page, freed pages), so erased personal
 * data does not linger in the file's free space (see commands/anonymize-request.ts).
 */
export function fileWriteConnection(path: string, timeoutMs: number): WriteConnection {
  const connection = new FileConnection(path, {
    timeoutMs,
    pragmas: ['PRAGMA synchronous = FULL', 'PRAGMA foreign_keys = ON', 'PRAGMA secure_delete = ON'],
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
