import { afterEach, describe, expect, it } from 'vitest';
import { TEST_NOW, tempDatabaseUrl } from '../../test/support/services.ts';
import type { AppDatabase } from '../commands/index.ts';
import { migrate } from '../commands/migrate.ts';
import { appCommands } from '../commands/runner.ts';
import { openDatabase } from './database.ts';
import { GroupCommitWriter } from './group-commit.ts';
import { fileWriteConnection } from './write-connection.ts';

const opened: { db: AppDatabase; writer: GroupCommitWriter; cleanup(): void }[] = [];
afterEach(async () => {
  for (const { db, writer, cleanup } of opened.splice(0)) {
    await writer.close();
    await db.close();
    cleanup();
  }
});

/**
 * A migrated database with its application writer (`db.writer`, on its write thread) and, for the
 * group-commit mechanics themselves, a GroupCommitWriter in this thread running closures.
 */
async function freshDatabase() {
  const location = tempDatabaseUrl();
  const db = openDatabase({ url: location.url }, appCommands);
  const writer = new GroupCommitWriter(() => fileWriteConnection(location.path, 10_000));
  opened.push({ db, writer, cleanup: location.cleanup });
  await migrate(db, () => new Date(TEST_NOW));
  await db.writer.run('statements', ['CREATE TABLE t (v INTEGER UNIQUE)']);
  return { db, writer };
}

const count = async (db: AppDatabase) =>
  Number((await db.read.execute('SELECT count(*) AS n FROM t')).rows[0]?.n);

describe('GroupCommitWriter', () => {
  it('commits concurrent jobs together, in fewer transactions than jobs', async () => {
    const { db, writer } = await freshDatabase();
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        writer.run((tx) => tx.execute({ sql: 'INSERT INTO t VALUES (?)', args: [i] })),
      ),
    );
    expect(await count(db)).toBe(100);
    expect(writer.stats.jobs).toBe(100);
    expect(writer.stats.batches).toBeLessThan(10);
  });

  it('does the same for named jobs sent to the write thread', async () => {
    const { db } = await freshDatabase();
    const before = { ...db.writer.stats };
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        db.writer.run('statements', [{ sql: 'INSERT INTO t VALUES (?)', args: [100 + i] }]),
      ),
    );
    expect(await count(db)).toBe(100);
    expect(db.writer.stats.jobs - before.jobs).toBe(100);
    expect(db.writer.stats.batches - before.batches).toBeLessThan(10);
  });

  it("brings a job's outcome and errors back from the write thread: refusals as data, SQLite codes kept", async () => {
    const { db } = await freshDatabase();
    const missing = db.writer.run('staffEvent', {
      institution: 'MDT',
      ticket: 'MDT-QUE-2026-99999',
      status: 'in_progress',
      actor: 'staff:1',
      at: '2026-11-24T00:00:00Z',
      mail: false,
    });
    await expect(missing).resolves.toEqual({ notFound: true });
    await db.writer.run('statements', ['INSERT INTO t VALUES (1)']);
    await expect(db.writer.run('statements', ['INSERT INTO t VALUES (1)'])).rejects.toMatchObject({
      code: expect.stringMatching(/^SQLITE_CONSTRAINT/),
    });
  });

  it('rolls back a failing job alone; the rest of its batch commits', async () => {
    const { db, writer } = await freshDatabase();
    const results = await Promise.allSettled([
      writer.run((tx) => tx.execute('INSERT INTO t VALUES (1)')),
      writer.run(async (tx) => {
        await tx.execute('INSERT INTO t VALUES (2)');
        throw new Error('job failed after writing');
      }),
      writer.run((tx) => tx.execute('INSERT INTO t VALUES (1)')), // duplicate: constraint error
      writer.run((tx) => tx.execute('INSERT INTO t VALUES (3)')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    const values = (await db.read.execute('SELECT v FROM t ORDER BY v')).rows.map((r) => Number(r.v));
    expect(values).toEqual([1, 3]);
  });

  it('rolls back a job that fails alone in its batch, writes and all', async () => {
    const { db, writer } = await freshDatabase();
    await expect(
      writer.run(async (tx) => {
        await tx.execute('INSERT INTO t VALUES (7)');
        throw new Error('job failed after writing');
      }),
    ).rejects.toThrow('job failed after writing');
    await writer.run((tx) => tx.execute('INSERT INTO t VALUES (8)'));
    const values = (await db.read.execute('SELECT v FROM t ORDER BY v')).rows.map((r) => Number(r.v));
    expect(values).toEqual([8]);
  });

  it('answers a job only after its commit is visible to readers', async () => {
    const { db, writer } = await freshDatabase();
    await writer.run((tx) => tx.execute('INSERT INTO t VALUES (42)'));
    expect(await count(db)).toBe(1);
  });

  it('keeps the audit trail append-only', async () => {
    const { db, writer } = await freshDatabase();
    await writer.run(async (tx) => {
      await tx.execute(
        "INSERT INTO institutions (code, name, country, timezone, locales, allowed_origins, privacy_url, privacy_version, updated_at) VALUES ('X', 'X', 'EC', 'UTC', '[]', '[]', 'u', 'v', 'now')",
      );
      await tx.execute(
        "INSERT INTO request_types (institution, code, name, description, anonymous_allowed, position) VALUES ('X', 'QUE', '{}', '{}', 0, 0)",
      );
      await tx.execute(
        "INSERT INTO services (institution, id, name, description, request_types, position) VALUES ('X', 's', '{}', '{}', '[]', 0)",
      );
      await tx.execute(`INSERT INTO requests (ticket, institution, type, year, sequence, service, status, description, anonymous,
        locale, tracking_hash, privacy_version, created_at, updated_at) VALUES ('X-QUE-2026-00001', 'X', 'QUE', 2026, 1, 's',
        'received', 'd', 1, 'es', 'h', 'v', 'now', 'now')`);
      await tx.execute(
        "INSERT INTO request_events (request_id, status, actor, at) VALUES (1, 'received', 'citizen', 'now')",
      );
    });
    await expect(
      db.writer.run('statements', ["UPDATE request_events SET status = 'closed'"]),
    ).rejects.toThrow(/append-only/);
    await expect(db.writer.run('statements', ['DELETE FROM request_events'])).rejects.toThrow(/append-only/);
  });

  it("writes with synchronous=FULL and foreign keys on, on the write thread's connection", async () => {
    const { db } = await freshDatabase();
    const [synchronous, foreignKeys] = await db.writer.run('statements', [
      'PRAGMA synchronous',
      'PRAGMA foreign_keys',
    ]);
    expect(Number(synchronous?.rows[0]?.synchronous)).toBe(2); // 2 = FULL
    expect(Number(foreignKeys?.rows[0]?.foreign_keys)).toBe(1);
  });
});
