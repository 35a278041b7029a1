import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { valid } from '../../test/fixtures/requests.ts';
import { startTestServices, type TestServices } from '../../test/support/services.ts';

// The back office's default inbox: the worklist by due date (`sort=due`), with the due-within and
// service filters and the business days left on every row.

let t: TestServices;
let token: string;
const filed: Record<string, string> = {};

const complaint = valid.mdtComplaint.body;
const inbox = async (query: string) => {
  const response = await t.app.request(`/api/v1/institutions/MDT/requests?${query}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as {
    items: { ticket: string; dueDate: string | null; businessDaysLeft: number | null }[];
    nextCursor: string | null;
  };
};

beforeAll(async () => {
  t = await startTestServices();
  token = await t.staffToken('MDT');
  const file = async (name: string, body: Record<string, unknown>) => {
    filed[name] = (await (await t.file('MDT', { ...complaint, ...body })).json()).ticket;
  };
  await file('complaint', {});
  await file('dataRequest', { type: 'PDP', service: 'datos-personales' });
  await file('compliment', { type: 'FEL' });
  await file('closed', {});
  await t.app.request(`/api/v1/institutions/MDT/requests/${filed.closed}/events`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ status: 'closed' }),
  });
});
afterAll(() => t.close());

describe('the worklist (sort=due)', () => {
  it('lists the open requests with a deadline, the soonest due first, with business days left', async () => {
    const page = await inbox('sort=due');
    const tickets = page.items.map((item) => item.ticket);
    expect(tickets).toEqual([filed.dataRequest, filed.complaint]);
    const dates = page.items.map((item) => item.dueDate ?? '');
    expect([...dates].sort()).toEqual(dates);
    expect(page.items[0]?.businessDaysLeft).toBe(15);
    expect(page.items[1]?.businessDaysLeft).toBe(30);
  });

  it('pages by due date with its cursor', async () => {
    const first = await inbox('sort=due&limit=1');
    expect(first.items.map((item) => item.ticket)).toEqual([filed.dataRequest]);
    expect(first.nextCursor).toMatch(/^\d{4}-\d{2}-\d{2}_\d+$/);
    const second = await inbox(`sort=due&limit=1&cursor=${first.nextCursor}`);
    expect(second.items.map((item) => item.ticket)).toEqual([filed.complaint]);
  });

  it('keeps those due within so many business days, and those of one service', async () => {
    expect((await inbox('sort=due&dueWithin=20')).items.map((item) => item.ticket)).toEqual([
      filed.dataRequest,
    ]);
    expect((await inbox('sort=due&service=contratos')).items.map((item) => item.ticket)).toEqual([
      filed.complaint,
    ]);
  });

  it('gives no business days left where nothing is owed', async () => {
    const all = await inbox('');
    const byTicket = new Map(all.items.map((item) => [item.ticket, item]));
    expect(byTicket.get(filed.compliment as string)?.businessDaysLeft).toBeNull();
    expect(byTicket.get(filed.closed as string)?.businessDaysLeft).toBeNull();
  });

  it('refuses a malformed filter with the contract’s 400', async () => {
    const response = await t.app.request('/api/v1/institutions/MDT/requests?sort=random', {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe('validation_failed');
  });
});
