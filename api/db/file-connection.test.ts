import { afterEach, describe, expect, it } from 'vitest';
import { tempDatabaseUrl } from '../../test/support/services.ts';
import { FileConnection, numbered, placeholders } from './file-connection.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function open() {
  const location = tempDatabaseUrl();
  const connection = new FileConnection(location.path, { timeoutMs: 1000 });
  cleanups.push(() => {
    connection.close();
    location.cleanup();
  });
  connection.exec('CREATE TABLE t (a TEXT, b TEXT)');
  return connection;
}

describe('FileConnection', () => {
  it('reads placeholders outside quotes and comments only', () => {
    const found = placeholders(
      "SELECT '?', \"a?\", printf('%s:%d', :name) -- what?\n FROM t WHERE a = ? AND b = @other /* ? :no */ AND c = $third",
    );
    expect(found.positional).toBe(1);
    expect([...found.named].sort()).toEqual(['name', 'other', 'third']);
  });

  it('refuses a statement given too few or too many arguments instead of binding NULL', async () => {
    const db = open();
    await expect(
      db.execute({ sql: 'INSERT INTO t (a, b) VALUES (?, ?)', args: ['only one'] }),
    ).rejects.toThrow(/takes 2 arguments, not 1/);
    await expect(db.execute({ sql: 'INSERT INTO t (a, b) VALUES (?, ?)', args: [1, 2, 3] })).rejects.toThrow(
      /takes 2 arguments, not 3/,
    );
    await expect(db.execute({ sql: 'INSERT INTO t (a, b) VALUES (:a, :b)', args: { a: 1 } })).rejects.toThrow(
      /needs :b/,
    );
    await db.execute({ sql: 'INSERT INTO t (a, b) VALUES (?, ?)', args: ['x', 'y'] });
    expect((await db.execute('SELECT a, b FROM t')).rows).toEqual([{ a: 'x', b: 'y' }]);
  });

  it('binds booleans as 0/1, whole numbers as integers, named arguments with or without prefix', async () => {
    const db = open();
    await db.execute({ sql: 'INSERT INTO t (a, b) VALUES (:a, :b)', args: { ':a': true, b: false } });
    await db.execute({ sql: 'INSERT INTO t (a, b) VALUES (?, ?)', args: [2026, 1.5] });
    expect((await db.execute('SELECT a, b, typeof(a) AS ta FROM t')).rows).toEqual([
      { a: '1', b: '0', ta: 'text' },
      { a: '2026', b: '1.5', ta: 'text' },
    ]);
  });

  it('binds named arguments by position: repeated names, any order, quoted text left alone', async () => {
    expect(numbered("SELECT :b, ':a', $a, :b /* :c */ -- @d\n, @a")).toEqual({
      sql: "SELECT ?1, ':a', ?2, ?1 /* :c */ -- @d\n, ?2",
      names: ['b', 'a'],
    });
    const db = open();
    await db.execute({
      sql: "INSERT INTO t (a, b) VALUES (:b || ':a' || json_extract('{\"x\":1}', '$.x'), :a || :b)",
      args: { a: 'A', b: 'B' },
    });
    expect((await db.execute('SELECT a, b FROM t')).rows).toEqual([{ a: 'B:a1', b: 'AB' }]);
  });

  it('runs a batch on one snapshot and counts the rows a write changed', async () => {
    const db = open();
    await db.execute({ sql: 'INSERT INTO t (a, b) VALUES (?, ?)', args: ['1', '2'] });
    const updated = await db.execute({ sql: "UPDATE t SET b = 'z' WHERE a = ?", args: ['1'] });
    expect(updated.rowsAffected).toBe(1);
    const [count, rows] = await db.batch(['SELECT count(*) AS n FROM t', 'SELECT b FROM t']);
    expect(count?.rows[0]).toEqual({ n: 1 });
    expect(rows?.rows).toEqual([{ b: 'z' }]);
  });

  it('reads a LIMIT 1 statement as one row, or none, like any other', async () => {
    const db = open();
    await db.execute({ sql: 'INSERT INTO t (a, b) VALUES (?, ?), (?, ?)', args: ['1', 'x', '2', 'y'] });
    expect((await db.execute({ sql: 'SELECT a, b FROM t WHERE a = ? LIMIT 1', args: ['2'] })).rows).toEqual([
      { a: '2', b: 'y' },
    ]);
    expect((await db.execute('SELECT b FROM t ORDER BY a DESC limit 1 ')).rows).toEqual([{ b: 'y' }]);
    expect((await db.execute({ sql: 'SELECT a FROM t WHERE a = ? LIMIT 1', args: ['3'] })).rows).toEqual([]);
    // LIMIT 10 is not LIMIT 1: every row comes back.
    expect((await db.execute('SELECT a FROM t ORDER BY a LIMIT 10')).rows).toEqual([{ a: '1' }, { a: '2' }]);
  });
});
