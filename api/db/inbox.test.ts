import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { valid } from '../../test/fixtures/requests.ts';
import { startTestServices, type TestServices } from '../../test/support/services.ts';
import { OPEN_STATUSES } from '../schema/status.ts';
import { type InboxFilter, inboxQuery } from './inbox.ts';

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

  it("answers an agent's worklist from their units' own range of open requests by due date", async () => {
    const worklist = await plan({ units: [1], byDue: true });
    expect(worklist).toMatch(
      /INDEX requests_unit_open_due \(institution=\? AND unit_id=\? AND due_date>\?\)/,
    );
    expect(worklist).not.toMatch(/TEMP B-TREE/);
    expect(await plan({ units: [1], overdue: true })).toMatch(/INDEX requests_unit_open_due/);
  });

  it('keeps every partial index of open or closed requests in step with them too', async () => {
    for (const name of ['requests_open_status_due', 'requests_closed', 'requests_unit_open_due']) {
      const row = (
        await t.deps.db.read.execute({ sql: 'SELECT sql FROM sqlite_master WHERE name = ?', args: [name] })
      ).rows[0];
      const listed = [...String(row?.sql).matchAll(/'([a-z_]+)'/g)].map((m) => m[1]);
      expect(listed, name).toEqual([...OPEN_STATUSES]);
    }
  });
});

// Every filter, paged, gives exactly what its definition says: checked against the whole table
// filtered by hand, on requests with deadlines spread over weeks, in every status, for several days.
describe('inbox filters', () => {
  let clock = new Date('2026-11-02T15:00:00Z');
  let s: TestServices;
  beforeAll(async () => {
    s = await startTestServices({}, { now: () => clock });
    const token = await s.staffToken('MDT');
    const move = (ticket: string, status: string) =>
      s.app.request(`/api/v1/institutions/MDT/requests/${ticket}/events`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ status }),
      });
    for (let i = 0; i < 24; i++) {
      clock = new Date(clock.getTime() + 2 * 86_400_000);
      // Complaints (30 business days), anonymous reports, and compliments, which have no deadline.
      const body =
        i % 5 === 0
          ? valid.mdtAnonymousReport.body
          : i % 7 === 0
            ? { ...valid.mdtComplaint.body, type: 'FEL' }
            : valid.mdtComplaint.body;
      const { ticket } = await (await s.file('MDT', body)).json();
      const status = ['in_progress', 'closed', 'needs_info', 'answered'][i % 6];
      if (status) expect((await move(ticket, status)).status).toBe(201);
    }
  });
  afterAll(() => s?.close());

  it('pages through each filter to exactly the requests it names, in order', async () => {
    const all = (await s.deps.db.read.execute("SELECT * FROM requests WHERE institution = 'MDT'")).rows;
    const open = (r: (typeof all)[number]) =>
      OPEN_STATUSES.includes(r.status as (typeof OPEN_STATUSES)[number]);
    const days = ['2026-11-01', '2026-12-20', '2027-01-15', '2027-03-01'];
    const filters: Partial<InboxFilter>[] = [
      { overdue: false },
      { overdue: false, type: 'QUE' },
      { overdue: false, status: 'received' },
      { overdue: true },
      { overdue: true, status: 'in_progress' },
      { overdue: true, type: 'DEN' },
      { status: 'closed' },
      {},
    ];
    for (const today of days) {
      for (const filter of filters) {
        const overdue = (r: (typeof all)[number]) =>
          open(r) && r.due_date !== null && String(r.due_date) < today;
        const expected = all
          .filter((r) => !filter.status || r.status === filter.status)
          .filter((r) => !filter.type || r.type === filter.type)
          .filter((r) => filter.overdue === undefined || overdue(r) === filter.overdue)
          .sort((a, b) =>
            filter.overdue
              ? String(a.due_date).localeCompare(String(b.due_date)) || Number(a.id) - Number(b.id)
              : Number(b.id) - Number(a.id),
          )
          .map((r) => Number(r.id));
        const seen: number[] = [];
        let cursor: Partial<InboxFilter> = {};
        for (let page = 0; page < 20; page++) {
          const { sql, args } = inboxQuery({
            institution: 'MDT',
            today,
            openStatuses: OPEN_STATUSES,
            limit: 4,
            ...filter,
            ...cursor,
          });
          const rows = (await s.deps.db.read.execute({ sql, args })).rows;
          seen.push(...rows.map((r) => Number(r.id)));
          const last = rows.at(-1);
          if (rows.length < 4 || !last) break;
          cursor = filter.overdue
            ? { afterDue: { dueDate: String(last.due_date), id: Number(last.id) } }
            : { beforeId: Number(last.id) };
        }
        expect(seen, `${today} ${JSON.stringify(filter)}`).toEqual(expected);
      }
    }
    // The data covers every case: some requests overdue on the middle days, some not, some closed.
    expect(all.some((r) => r.due_date === null)).toBe(true);
    expect(new Set(all.map((r) => r.status)).size).toBeGreaterThanOrEqual(4);
  });

  it('reads one page per part of the not-overdue inbox, and the overdue inbox of one status from its own index', async () => {
    const notOverdue = await plan({ overdue: false });
    expect(notOverdue).toMatch(/INDEX requests_closed/);
    expect(notOverdue).toMatch(/INDEX requests_open_due \(institution=\? AND due_date>\?\)/);
    expect(await plan({ overdue: true, status: 'received' })).toMatch(/INDEX requests_open_status_due/);
  });
});
