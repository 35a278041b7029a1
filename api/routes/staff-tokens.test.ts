import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { valid } from '../../test/fixtures/requests.ts';
import { startTestServices, TEST_NOW, type TestServices } from '../../test/support/services.ts';
import { createStaffToken } from '../commands/staff-tokens.ts';
import { isoSeconds } from '../domain/clock.ts';

// Staff tokens' expiry and read-only scope (issue 15, item 9), and the log of who read personal
// data (item 4): the token's id and what was read, never the data.

let t: TestServices;
const logs: Record<string, unknown>[] = [];
let ticket = '';

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  t = await startTestServices({}, { logger: pino({ level: 'info' }, sink) });
  ticket = (await (await t.file('MDT', valid.mdtComplaint.body)).json()).ticket;
});
afterAll(() => t.close());

const token = (options: { expiresAt?: string; readOnly?: boolean }) =>
  createStaffToken(t.deps.db, 'MDT', 'scoped', t.deps.now(), options).then((created) => created);
const get = (path: string, secret: string) =>
  t.app.request(`/api/v1/institutions/MDT/${path}`, { headers: { Authorization: `Bearer ${secret}` } });
const postEvent = (secret: string) =>
  t.app.request(`/api/v1/institutions/MDT/requests/${ticket}/events`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ status: 'in_progress' }),
  });

describe('staff token expiry and scope', () => {
  it('refuses an expired token with 401, on the application clock', async () => {
    const expired = await token({ expiresAt: isoSeconds(new Date(TEST_NOW.getTime() - 1000)) });
    const response = await get('requests', expired.token);
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe('unauthorized');
    const live = await token({ expiresAt: isoSeconds(new Date(TEST_NOW.getTime() + 86_400_000)) });
    expect((await get('requests', live.token)).status).toBe(200);
  });

  it('lets a read-only token read, and answers 403 forbidden to any write', async () => {
    const reader = await token({ readOnly: true });
    expect((await get('requests', reader.token)).status).toBe(200);
    expect((await get(`requests/${ticket}`, reader.token)).status).toBe(200);
    const refused = await postEvent(reader.token);
    expect(refused.status).toBe(403);
    expect((await refused.json()).error).toMatchObject({
      code: 'forbidden',
      message: 'Este token no puede hacer esto: es de otra institución o es de solo lectura.',
    });
    const writer = await token({});
    expect((await postEvent(writer.token)).status).toBe(201);
  });
});

describe('the log of staff reads', () => {
  it('names the token, the institution and the ticket or count, never the personal data', async () => {
    const reader = await token({ readOnly: true });
    logs.length = 0;
    await get('requests', reader.token);
    await get(`requests/${ticket}`, reader.token);
    // The export streams: its log line, with the count of rows sent, comes once it has been read.
    await (await get('reports/requests.csv?from=2026-11-01&to=2026-11-30', reader.token)).text();
    const reads = logs.filter((l) => String(l.msg).startsWith('staff '));
    expect(reads).toEqual([
      expect.objectContaining({
        msg: 'staff read the inbox',
        staff: reader.id,
        institution: 'MDT',
        count: 1,
      }),
      expect.objectContaining({ msg: 'staff read a request', staff: reader.id, institution: 'MDT', ticket }),
      expect.objectContaining({
        msg: 'staff exported requests',
        staff: reader.id,
        institution: 'MDT',
        count: 1,
      }),
    ]);
    const text = JSON.stringify(logs);
    for (const personal of ['ana.quispe@example.org', 'Quispe', '1714307103', '99 123 4567']) {
      expect(text).not.toContain(personal);
    }
  });
});
