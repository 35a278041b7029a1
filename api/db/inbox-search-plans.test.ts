import Database from 'libsql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServices, type TestServices } from '../../test/support/services.ts';
import { nameKey, nameKeySql } from '../domain/name-key.ts';
import { OPEN_STATUSES } from '../schema/status.ts';
import { documentSearchQuery, type InboxFilter, inboxQuery, nameSearchQuery } from './inbox.ts';
import { readMigrations } from './migrations.ts';

// The unit and assignee filters and the search (issue 20) must each read one index range and stop
// at the page's end, never scan the table or sort what they read from it: then a page costs the
// same at 100 requests and at 1,000,000. Their own services, as inbox.test.ts: plans only.

let t: TestServices;
beforeAll(async () => {
  t = await startTestServices();
});
afterAll(() => t?.close());

const explain = async ({ sql, args }: { sql: string; args: (string | number)[] }) =>
  (await t.deps.db.read.execute({ sql: `EXPLAIN QUERY PLAN ${sql}`, args })).rows
    .map((row) => String(row.detail))
    .join('\n');

const plan = (filter: Partial<InboxFilter>) =>
  explain(
    inboxQuery({
      institution: 'MDT',
      today: '2026-11-24',
      openStatuses: OPEN_STATUSES,
      limit: 51,
      view: 'row',
      ...filter,
    }),
  );

/** No read of the whole table, and a sort only of a part's page (a subquery), never of the table. */
function expectRangesOnly(text: string, label: string) {
  expect(text, label).not.toMatch(/SCAN requests/);
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (/TEMP B-TREE/.test(line)) expect(lines[i - 1], `${label}: ${text}`).toMatch(/SCAN \(subquery-\d+\)/);
  });
}

describe('plans of the unit and assignee filters', () => {
  const orders: Partial<InboxFilter>[] = [{ byDue: true }, {}, { overdue: true }];
  it('reads an assignee’s own range, in the worklist and newest first, with an agent’s units too', async () => {
    for (const order of orders) {
      for (const units of [undefined, [1], [1, 2]]) {
        const text = await plan({ ...order, assignee: 7, ...(units ? { units } : {}) });
        const label = JSON.stringify({ order, units });
        expect(text, label).toMatch(
          /USING INDEX requests_assignee(_open_due)? \(institution=\? AND assignee_id=\?/,
        );
        expectRangesOnly(text, label);
      }
    }
    expect(await plan({ byDue: true, assignee: 7 })).toMatch(/requests_assignee_open_due/);
    expect(await plan({ assignee: 7, overdue: false })).toMatch(/requests_assignee/);
  });

  it('reads one unit’s range, and one range per unit for several', async () => {
    for (const order of orders) {
      for (const units of [[1], [1, 2, 3]]) {
        const text = await plan({ ...order, units });
        const label = JSON.stringify({ order, units });
        expect(text, label).toMatch(/USING INDEX requests_unit(_open_due)? \(institution=\? AND unit_id=\?/);
        expect(text.match(/USING INDEX requests_unit/g)?.length, label).toBe(units.length);
        expectRangesOnly(text, label);
      }
    }
  });

  it('combined with every other filter of the back office, still reads ranges only', async () => {
    const others: Partial<InboxFilter>[] = [
      { status: 'received' },
      { status: 'closed' },
      { type: 'QUE' },
      { service: 'contratos' },
      { replied: true },
      { overdue: true },
    ];
    for (const base of [{ units: [1] }, { units: [1, 2] }, { assignee: 7 }, { assignee: 7, units: [1, 2] }])
      for (const order of [{ byDue: true }, {}, { byDue: true, dueBy: '2026-12-01' }])
        for (const other of others) {
          const filter = { ...base, ...order, ...other };
          expectRangesOnly(await plan(filter), JSON.stringify(filter));
        }
  });

  it('keeps the assignee’s worklist index in step with the open statuses of the code', async () => {
    const row = (
      await t.deps.db.read.execute("SELECT sql FROM sqlite_master WHERE name = 'requests_assignee_open_due'")
    ).rows[0];
    const listed = [...String(row?.sql).matchAll(/'([a-z_]+)'/g)].map((m) => m[1]);
    expect(listed).toEqual([...OPEN_STATUSES]);
  });
});

describe('plans of the search', () => {
  for (const units of [null, [1], [1, 2]]) {
    it(`finds by name from requests_name, in its order (units ${JSON.stringify(units)})`, async () => {
      const text = await explain(nameSearchQuery({ institution: 'MDT', units, limit: 51 }, 'perez'));
      expect(text).toMatch(/USING INDEX requests_name \(institution=\? AND name_key>\? AND name_key<\?\)/);
      expect(text).not.toMatch(/SCAN requests|TEMP B-TREE/);
    });

    it(`finds by document number with one lookup per document type (units ${JSON.stringify(units)})`, async () => {
      const text = await explain(documentSearchQuery({ institution: 'MDT', units, limit: 51 }, '1710034065'));
      expect(text).toMatch(
        /USING INDEX requests_citizen \(institution=\? AND document_type=\? AND document_number=\?\)/,
      );
      expect(text).not.toMatch(/SCAN requests/);
    });
  }

  it('keys the requests stored before migration 018 as a filing keys them', () => {
    const db = new Database(':memory:');
    db.exec('PRAGMA foreign_keys = OFF');
    const migrations = readMigrations();
    const at = migrations.findIndex(({ file }) => file.startsWith('018_'));
    for (const { sql } of migrations.slice(0, at)) db.exec(sql);
    const names = [
      ['Pérez Gómez', 'María José'],
      ['ÁLVAREZ', 'ÍÑIGO'],
      [null, null],
    ] as const;
    const insert =
      db.prepare(`INSERT INTO requests (ticket, institution, type, year, sequence, service, status,
        description, anonymous, last_name, first_name, locale, tracking_hash, privacy_version, created_at, updated_at)
      VALUES (?, 'MDT', 'QUE', 2026, ?, 'contratos', 'received', 'x', ?, ?, ?, 'es', 'h', '1', '', '')`);
    for (const [i, [last, first]] of names.entries())
      insert.run(`MDT-QUE-2026-${i}`, i, last ? 0 : 1, last, first);
    db.exec((migrations[at] as { sql: string }).sql);
    const keys = db.prepare('SELECT name_key FROM requests ORDER BY sequence').pluck().all();
    expect(keys).toEqual(names.map(([last, first]) => (last ? nameKey(`${last} ${first}`) : null)));
    db.close();
  });

  it('folds a name in SQL exactly as the search term is folded', async () => {
    const names = [
      ['Pérez Gómez', 'María José'],
      ['ÁLVAREZ', 'ÍÑIGO'],
      ['Núñez', 'Úrsula Güiza'],
      ['Gonçalves', 'ÓSCAR'],
      ['Müller', 'Zoë'],
      ["O'Brien-Quispe", 'Ana'],
    ];
    for (const [last, first] of names) {
      const { rows } = await t.deps.db.read.execute({
        sql: `SELECT ${nameKeySql()} AS key FROM (SELECT ? AS last_name, ? AS first_name)`,
        args: [last as string, first as string],
      });
      expect(rows[0]?.key, `${last} ${first}`).toBe(nameKey(`${last} ${first}`));
    }
    expect(nameKey('  PÉREZ   gómez ')).toBe('perez gomez');
    expect(nameKey('Pe\u0301rez')).toBe('perez');
  });
});
