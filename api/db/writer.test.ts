import { afterEach, describe, expect, it } from 'vitest';
import { tempDatabaseUrl } from '../../test/support/services.ts';
import { type Database, openDatabase } from './client.ts';
import { migrate } from './migrate.ts';

const opened: { db: Database; cleanup(): void }[] = [];
afterEach(async () => {
  for (const { db, cleanup } of opened.splice(0)) {
    await db.close();
    cleanup();
  }
});

async function freshDatabase() {
  const location = tempDatabaseUrl();
  const db = openDatabase({ url: location.url });
  opened.push({ db, cleanup: location.cleanup });
  await migrate(db);
  await db.writer.run((tx) => tx.execute('CREATE TABLE t (v INTEGER UNIQUE)'));
  return db;
}

const count = async (db: Database) =>
  Number((await db.read.execute('SELECT count(*) AS n FROM t')).rows[0]?.n);

describe('GroupCommitWriter', () => {
  it('commits concurrent jobs together, in fewer transactions than jobs', async () => {
    const db = await freshDatabase();
    const before = { ...db.writer.stats };
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        db.writer.run((tx) => tx.execute({ sql: 'INSERT INTO t VALUES (?)', args: [i] })),
      ),
    );
    expect(await count(db)).toBe(100);
    expect(db.writer.stats.jobs - before.jobs).toBe(100);
    expect(db.writer.stats.batches - before.batches).toBeLessThan(10);
  });

  it('rolls back a failing job alone; the rest of its batch commits', async () => {
    const db = await freshDatabase();
    const results = await Promise.allSettled([
      db.writer.run((tx) => tx.execute('INSERT INTO t VALUES (1)')),
      db.writer.run(async (tx) => {
        await tx.execute('INSERT INTO t VALUES (2)');
        throw new Error('job failed after writing');
      }),
      db.writer.run((tx) => tx.execute('INSERT INTO t VALUES (1)')), // duplicate: constraint error
      db.writer.run((tx) => tx.execute('INSERT INTO t VALUES (3)')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    const values = (await db.read.execute('SELECT v FROM t ORDER BY v')).rows.map((r) => Number(r.v));
    expect(values).toEqual([1, 3]);
  });

  it('answers a job only after its commit is visible to readers', async () => {
    const db = await freshDatabase();
    await db.writer.run((tx) => tx.execute('INSERT INTO t VALUES (42)'));
    expect(await count(db)).toBe(1);
  });

  it('keeps the audit trail append-only', async () => {
    const db = await freshDatabase();
    await db.writer.run(async (tx) => {
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
      db.writer.run((tx) => tx.execute("UPDATE request_events SET status = 'closed'")),
    ).rejects.toThrow(/append-only/);
    await expect(db.writer.run((tx) => tx.execute('DELETE FROM request_events'))).rejects.toThrow(
      /append-only/,
    );
  });

  it('writes with synchronous=FULL on its connection', async () => {
    const db = await freshDatabase();
    const level = await db.writer.run(async (tx) =>
      Number((await tx.execute('PRAGMA synchronous')).rows[0]?.synchronous),
    );
    expect(level).toBe(2); // 2 = FULL
  });
});
