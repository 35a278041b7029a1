import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { valid } from '../../test/fixtures/requests.ts';
import { startTestServices, type TestServices } from '../../test/support/services.ts';
import { StatusViewSchema } from '../schema/responses.ts';

let t: TestServices;
let receipt: { ticket: string; trackingCode: string };
beforeAll(async () => {
  t = await startTestServices();
  receipt = await (await t.file('MDT', valid.mdtComplaint.body)).json();
});
afterAll(() => t.close());

describe('GET /requests/{ticket}', () => {
  it('shows status, names, due date and history, with the code in a header', async () => {
    const byHeader = await t.lookup(receipt.ticket, receipt.trackingCode);
    expect(byHeader.status).toBe(200);
    const view = v.parse(StatusViewSchema, await byHeader.json());
    expect(view).toMatchObject({
      ticket: receipt.ticket,
      institution: { code: 'MDT', name: 'Ministerio del Trabajo' },
      type: { code: 'QUE', name: { es: 'Queja', en: 'Complaint' } },
      service: { id: 'contratos' },
      status: 'received',
      dueDate: '2027-01-07',
      overdue: false,
      response: null,
    });
    expect(view.history).toEqual([{ status: 'received', at: '2026-11-24T15:04:05Z', by: 'citizen' }]);
    expect(byHeader.headers.get('Cache-Control')).toBe('no-store');
  });

  it('refuses a tracking code in the URL with 400, even the right one, and says where it goes', async () => {
    // Codes in URLs end up in proxy, CDN and browser-history logs: the header is the only way in.
    for (const lang of ['es', 'en'] as const) {
      const byQuery = await t.app.request(`/api/v1/requests/${receipt.ticket}?code=${receipt.trackingCode}`, {
        headers: { 'Accept-Language': lang },
      });
      expect(byQuery.status).toBe(400);
      const body = await byQuery.json();
      expect(body.error.code).toBe('validation_failed');
      expect(body.error.issues).toEqual([
        { path: 'code', message: expect.stringContaining('X-Tracking-Code') },
      ]);
      expect(JSON.stringify(body)).not.toContain(receipt.trackingCode);
    }
    // Also alongside the header: a URL that carries a code is refused whatever else it carries.
    const both = await t.app.request(`/api/v1/requests/${receipt.ticket}?code=x`, {
      headers: { 'X-Tracking-Code': receipt.trackingCode },
    });
    expect(both.status).toBe(400);
  });

  it('accepts the code and ticket as people type them', async () => {
    const sloppy = receipt.trackingCode.toLowerCase().replace(/-/g, ' ');
    expect((await t.lookup(receipt.ticket.toLowerCase(), sloppy)).status).toBe(200);
  });

  it('reveals no personal data and no description', async () => {
    const text = await (await t.lookup(receipt.ticket, receipt.trackingCode)).text();
    for (const secret of [
      'Ana',
      'Quispe',
      '1714307103',
      'ana.quispe@example.org',
      '123 4567',
      'SUT desde marzo',
      'pregnancy',
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('answers an unknown ticket and a wrong code identically', async () => {
    const wrongCode = await t.lookup(receipt.ticket, 'AAAAA-AAAAA-AAAAA');
    const unknownTicket = await t.lookup('MDT-QUE-2026-99999', receipt.trackingCode);
    const notATicket = await t.lookup('nonsense', receipt.trackingCode);
    const noCode = await t.app.request(`/api/v1/requests/${receipt.ticket}`);
    const bodies = await Promise.all([wrongCode, unknownTicket, notATicket, noCode].map((r) => r.json()));
    expect([wrongCode.status, unknownTicket.status, notATicket.status, noCode.status]).toEqual([
      404, 404, 404, 404,
    ]);
    expect(bodies.every((b) => JSON.stringify(b) === JSON.stringify(bodies[0]))).toBe(true);
    expect(bodies[0].error.code).toBe('request_not_found');
  });
});

describe('rate limits', () => {
  let limited: TestServices;
  beforeAll(async () => {
    limited = await startTestServices({ RATE_LIMIT: 'on' });
  });
  afterAll(() => limited.close());

  it('answers 429 with Retry-After after repeated failed lookups, and only failures count', async () => {
    const good = await (await limited.file('MML', valid.mmlClaim.body)).json();
    for (let i = 0; i < 15; i++)
      expect((await limited.lookup(good.ticket, good.trackingCode)).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await limited.lookup(good.ticket, 'WRONG-WRONG-WRONG')).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(404));
    expect(statuses.slice(10)).toEqual([429, 429]);
    const blocked = await limited.lookup(good.ticket, good.trackingCode);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect((await blocked.json()).error.code).toBe('rate_limited');
  });

  it('limits filings per client with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await limited.file('GPUT', valid.gputPetition.body)).status);
    // One filing above was made by the previous test from the same client.
    expect(statuses.filter((s) => s === 201)).toHaveLength(19);
    const last = await limited.file('GPUT', valid.gputPetition.body);
    expect(last.status).toBe(429);
    expect(Number(last.headers.get('Retry-After'))).toBeGreaterThan(0);
  });
});
