import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { valid } from '../../test/fixtures/requests.ts';
import { startTestServices, type TestServices } from '../../test/support/services.ts';
import { createStaffToken, revokeStaffToken } from '../commands/staff-tokens.ts';
import { InboxPageSchema, StaffRequestSchema } from '../schema/responses.ts';

let t: TestServices;
let mdtToken: string;
let gputToken: string;
const tickets: { ticket: string; trackingCode: string }[] = [];

beforeAll(async () => {
  t = await startTestServices();
  mdtToken = await t.staffToken('MDT');
  gputToken = await t.staffToken('GPUT');
  for (let i = 0; i < 5; i++) tickets.push(await (await t.file('MDT', valid.mdtComplaint.body)).json());
  tickets.push(await (await t.file('MDT', valid.mdtAnonymousReport.body)).json());
});
afterAll(() => t.close());

function filed(index: number) {
  const found = tickets[index];
  if (!found) throw new Error(`no filed request #${index}`);
  return found;
}

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const postEvent = (ticket: string, body: unknown, token = mdtToken) =>
  t.app.request(`/api/v1/institutions/MDT/requests/${ticket}/events`, {
    method: 'POST',
    headers: { ...auth(token), 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('staff authentication', () => {
  it("answers 401 without a valid token and 403 with another institution's", async () => {
    const none = await t.app.request('/api/v1/institutions/MDT/requests');
    expect(none.status).toBe(401);
    expect((await none.json()).error.code).toBe('unauthorized');
    expect(
      (await t.app.request('/api/v1/institutions/MDT/requests', { headers: auth('cc_made-up-token') }))
        .status,
    ).toBe(401);
    const other = await t.app.request('/api/v1/institutions/MDT/requests', { headers: auth(gputToken) });
    expect(other.status).toBe(403);
    expect((await other.json()).error.code).toBe('forbidden');
    expect((await postEvent(filed(0).ticket, { status: 'in_progress' }, gputToken)).status).toBe(403);
  });

  it('stops accepting a revoked token', async () => {
    const { id, token } = await createStaffToken(t.deps.db, 'MDT', 'temporary', t.deps.now());
    expect((await t.app.request('/api/v1/institutions/MDT/requests', { headers: auth(token) })).status).toBe(
      200,
    );
    expect(await revokeStaffToken(t.deps.db, id, t.deps.now())).toBe(true);
    expect((await t.app.request('/api/v1/institutions/MDT/requests', { headers: auth(token) })).status).toBe(
      401,
    );
  });
});

describe('inbox', () => {
  it('lists requests newest first with personal data, page by page', async () => {
    const first = v.parse(
      InboxPageSchema,
      await (
        await t.app.request('/api/v1/institutions/MDT/requests?limit=4', { headers: auth(mdtToken) })
      ).json(),
    );
    expect(first.items).toHaveLength(4);
    expect(first.items[0]?.ticket).toBe(tickets.at(-1)?.ticket);
    expect(first.items[1]?.citizen?.firstName).toBe('Ana');
    expect(first.nextCursor).not.toBeNull();
    const second = v.parse(
      InboxPageSchema,
      await (
        await t.app.request(`/api/v1/institutions/MDT/requests?limit=4&cursor=${first.nextCursor}`, {
          headers: auth(mdtToken),
        })
      ).json(),
    );
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    const all = [...first.items, ...second.items].map((r) => r.ticket);
    expect(new Set(all).size).toBe(6);
  });

  it('filters by type and status, and refuses bad filters with 400', async () => {
    const dens = await (
      await t.app.request('/api/v1/institutions/MDT/requests?type=DEN', { headers: auth(mdtToken) })
    ).json();
    expect(dens.items.map((r: { type: string }) => r.type)).toEqual(['DEN']);
    expect(dens.items[0].citizen).toBeNull();
    const bad = await t.app.request('/api/v1/institutions/MDT/requests?status=lost&limit=1000', {
      headers: auth(mdtToken),
    });
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['limit', 'status']);
  });
});

describe('status changes', () => {
  it('moves a request on, shows public notes to the citizen and hides internal ones', async () => {
    const { ticket, trackingCode } = filed(0);
    const moved = await postEvent(ticket, {
      status: 'in_progress',
      note: 'Asignado a la Dirección de Inspecciones.',
      internalNote: 'Revisar con Ing. Pérez',
    });
    expect(moved.status).toBe(201);
    expect(await moved.json()).toMatchObject({
      status: 'in_progress',
      actor: expect.stringMatching(/^staff:\d+$/),
    });
    const answered = await postEvent(ticket, {
      status: 'answered',
      note: 'Su contrato fue registrado el 20 de noviembre.',
    });
    expect(answered.status).toBe(201);

    const citizen = await (await t.lookup(ticket, trackingCode)).json();
    expect(citizen.status).toBe('answered');
    expect(citizen.history.map((h: { status: string }) => h.status)).toEqual([
      'received',
      'in_progress',
      'answered',
    ]);
    expect(citizen.history[1].note).toBe('Asignado a la Dirección de Inspecciones.');
    expect(citizen.response).toMatchObject({ text: 'Su contrato fue registrado el 20 de noviembre.' });
    expect(JSON.stringify(citizen)).not.toContain('Pérez');

    const staff = v.parse(
      StaffRequestSchema,
      await (
        await t.app.request(`/api/v1/institutions/MDT/requests/${ticket}`, { headers: auth(mdtToken) })
      ).json(),
    );
    expect(staff.events?.map((e) => [e.status, e.actor])).toEqual([
      ['received', 'citizen'],
      ['in_progress', expect.stringMatching(/^staff:/)],
      ['answered', expect.stringMatching(/^staff:/)],
    ]);
    expect(staff.events?.[1]?.internalNote).toBe('Revisar con Ing. Pérez');
  });

  it('answers 409 invalid_transition for a move the status machine forbids', async () => {
    const { ticket } = filed(1);
    expect((await postEvent(ticket, { status: 'closed' })).status).toBe(201);
    const again = await postEvent(ticket, { status: 'in_progress' }, mdtToken);
    expect(again.status).toBe(409);
    const body = await again.json();
    expect(body.error.code).toBe('invalid_transition');
    expect(body.error.message).toContain('closed');
  });

  it("answers 404 for another institution's ticket and 400 for a bad body", async () => {
    const foreign = await (await t.file('GPUT', valid.gputPetition.body)).json();
    expect((await postEvent(foreign.ticket, { status: 'in_progress' })).status).toBe(404);
    expect(
      (
        await t.app.request(`/api/v1/institutions/MDT/requests/${foreign.ticket}`, {
          headers: auth(mdtToken),
        })
      ).status,
    ).toBe(404);
    const bad = await postEvent(filed(2).ticket, { status: 'finished' });
    expect(bad.status).toBe(400);
    const malformed = await t.app.request(`/api/v1/institutions/MDT/requests/${filed(2).ticket}/events`, {
      method: 'POST',
      headers: { ...auth(mdtToken), 'Content-Type': 'application/json' },
      body: '{"status":',
    });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.code).toBe('invalid_json');
  });

  it('serializes two staff members answering the same request at once', async () => {
    const { ticket } = filed(3);
    const results = await Promise.all([
      postEvent(ticket, { status: 'transferred' }),
      postEvent(ticket, { status: 'transferred' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it('flags and filters overdue requests by the clock', async () => {
    const later = await startTestServices({}, { now: () => new Date('2027-02-01T15:00:00Z') });
    try {
      const token = await later.staffToken('MDT');
      const old = await (await later.file('MDT', valid.mdtComplaint.body)).json();
      // Filed "now" (Feb 2027); nothing is overdue yet.
      const none = await (
        await later.app.request('/api/v1/institutions/MDT/requests?overdue=true', { headers: auth(token) })
      ).json();
      expect(none.items).toEqual([]);
      await later.deps.db.writer.run('statements', [
        { sql: "UPDATE requests SET due_date = '2027-01-07' WHERE ticket = ?", args: [old.ticket] },
      ]);
      const overdue = await (
        await later.app.request('/api/v1/institutions/MDT/requests?overdue=true', { headers: auth(token) })
      ).json();
      expect(overdue.items.map((r: { ticket: string }) => r.ticket)).toEqual([old.ticket]);
      expect((await (await later.lookup(old.ticket, old.trackingCode)).json()).overdue).toBe(true);

      // Three more, overdue by different amounts: the overdue inbox pages from the most overdue on.
      const more = await Promise.all(
        [1, 2, 3].map(async () => (await later.file('MDT', valid.mdtComplaint.body)).json()),
      );
      const dues = ['2027-01-20', '2026-12-01', '2027-01-07'];
      await later.deps.db.writer.run(
        'statements',
        more.map((r, i) => ({
          sql: 'UPDATE requests SET due_date = ? WHERE ticket = ?',
          args: [dues[i] ?? '', r.ticket],
        })),
      );
      const seen: string[] = [];
      let cursor = '';
      for (let page = 0; page < 5; page++) {
        const body = await (
          await later.app.request(`/api/v1/institutions/MDT/requests?overdue=true&limit=1${cursor}`, {
            headers: auth(token),
          })
        ).json();
        seen.push(...body.items.map((r: { ticket: string }) => r.ticket));
        if (!body.nextCursor) break;
        cursor = `&cursor=${body.nextCursor}`;
      }
      // Same due date (old and more[2]): the older id first.
      expect(seen).toEqual([more[1].ticket, old.ticket, more[2].ticket, more[0].ticket]);
    } finally {
      await later.close();
    }
  });
});
