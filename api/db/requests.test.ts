import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServices, type TestServices } from '../../test/support/services.ts';
import { OPEN_STATUSES } from '../schema/status.ts';
import { type InboxFilter, inboxQuery } from './requests.ts';

let t: TestServices;
beforeAll(async () => {
  t = await startTestServices();
});
afterAll(() => t?.close());

const plan = async (filter: Partial<InboxFilter>) => {
  const { sql, args } = inboxQuery({
    institution: 'MDT',
    today: '2026-11-24',
    openStatuses: OPEN_STATUSES,
    limit: 21,
    ...filter,
  });
  const rows = (await t.deps.db.read.execute({ sql: `EXPLAIN QUERY PLAN ${sql}`, args })).rows;
  return rows.map((row) => String(row.detail)).join('\n');
};

// Each inbox query must walk an index in id order and stop at the page's end, never read and sort
// the archive: that is what keeps its cost flat as the table grows (the benchmark shows it).
describe('inbox query plans', () => {
  it('walks an index newest first, with no sort, for every filter', async () => {
    for (const filter of [
      {},
      { status: 'received' as const },
      { type: 'QUE' },
      { overdue: true },
      { beforeId: 10 },
    ]) {
      const text = await plan(filter);
      expect(text, JSON.stringify(filter)).toMatch(/USING (COVERING )?INDEX requests_/);
      expect(text, JSON.stringify(filter)).not.toMatch(/TEMP B-TREE/);
    }
  });

  it('answers the overdue inbox from the index of open requests by due date', async () => {
    expect(await plan({ overdue: true })).toMatch(/INDEX requests_open_due/);
  });

  it('keeps that index in step with the open statuses of the code', async () => {
    const row = (
      await t.deps.db.read.execute("SELECT sql FROM sqlite_master WHERE name = 'requests_open_due'")
    ).rows[0];
    const listed = [...String(row?.sql).matchAll(/'([a-z_]+)'/g)].map((m) => m[1]);
    expect(listed).toEqual([...OPEN_STATUSES]);
  });
});
