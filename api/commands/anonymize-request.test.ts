import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { valid } from '../../test/fixtures/requests.ts';
import { startTestServices, TEST_NOW, type TestServices } from '../../test/support/services.ts';
import { readCatalogFile } from '../catalog/file.ts';
import { findRequestByTicket, listEvents } from '../db/requests.ts';
import { isoSeconds } from '../domain/clock.ts';
import { importCatalog } from './import-catalog.ts';

// Retention: closed requests are anonymised by the hourly maintenance once the institution's
// retentionDays have passed since closing, on the application's clock.

let t: TestServices;
let clock = new Date(TEST_NOW);
const DAY = 86_400_000;

beforeAll(async () => {
  t = await startTestServices({}, { now: () => new Date(clock) });
  await importCatalog(
    t.deps.db,
    { ...readCatalogFile('demo/catalogs/ec-mdt.json'), retentionDays: 30 },
    clock,
  );
});
afterAll(() => t.close());

async function fileAndMove(code: string, body: unknown, statuses: string[]): Promise<string> {
  const { ticket } = await (await t.file(code, body)).json();
  const token = await t.staffToken(code);
  for (const status of statuses) {
    const response = await t.app.request(`/api/v1/institutions/${code}/requests/${ticket}/events`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ status, note: 'Respuesta a Ana Quispe' }),
    });
    expect(response.status).toBe(201);
  }
  return ticket;
}

describe('retention', () => {
  it('is read from the catalog file and published in the catalog', async () => {
    expect((await (await t.app.request('/api/v1/institutions/MDT')).json()).retentionDays).toBe(30);
    expect((await (await t.app.request('/api/v1/institutions/GPUT')).json()).retentionDays).toBeUndefined();
  });

  it('anonymises closed requests once the period has passed, and nothing else', async () => {
    const closed = await fileAndMove('MDT', valid.mdtComplaint.body, ['answered', 'closed']);
    const open = await fileAndMove('MDT', valid.mdtComplaint.body, ['answered']);
    // GPUT has no retention period: its closed requests are kept.
    const elsewhere = await fileAndMove('GPUT', valid.gputPetition.body, ['answered', 'closed']);

    clock = new Date(TEST_NOW.getTime() + 29 * DAY);
    expect(await t.maintain()).toEqual({ anonymized: 0 });
    expect((await findRequestByTicket(t.deps.db.read, closed))?.anonymizedAt).toBeNull();

    clock = new Date(TEST_NOW.getTime() + 30 * DAY);
    expect(await t.maintain()).toEqual({ anonymized: 1 });
    const erased = await findRequestByTicket(t.deps.db.read, closed);
    expect(erased).toMatchObject({ status: 'closed', citizen: null, description: '', type: 'QUE' });
    expect(erased?.anonymizedAt).toBe(isoSeconds(clock));
    const events = await listEvents(t.deps.db.read, erased?.id ?? 0);
    expect(events.at(-1)).toMatchObject({
      kind: 'anonymized',
      actor: 'system',
      internalNote: 'retention: 30 days after closing',
    });
    expect(events.filter((e) => e.kind === 'status').every((e) => e.note === null)).toBe(true);
    expect((await findRequestByTicket(t.deps.db.read, open))?.citizen?.firstName).toBe('Ana');
    expect((await findRequestByTicket(t.deps.db.read, elsewhere))?.anonymizedAt).toBeNull();

    // Once done, the next hour finds nothing more to do.
    expect(await t.maintain()).toEqual({ anonymized: 0 });
  });

  it('sweeps a backlog larger than one job in pages', async () => {
    const tickets: string[] = [];
    for (let i = 0; i < 5; i++) tickets.push(await fileAndMove('MDT', valid.mdtComplaint.body, ['closed']));
    clock = new Date(clock.getTime() + 31 * DAY);
    const first = await t.deps.db.writer.run('anonymizeExpired', { now: isoSeconds(clock), limit: 2 });
    expect(first).toEqual({ tickets: tickets.slice(0, 2), more: true });
    expect(await t.maintain()).toEqual({ anonymized: 3 });
  });
});
