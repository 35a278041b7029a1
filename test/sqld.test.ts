import type { Client } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GroupCommitWriter } from '../api/db/group-commit.ts';
import { clientWriteConnection } from '../api/db/write-connection.ts';
import { valid } from './fixtures/requests.ts';
import { startTestServices, type TestServices } from './support/services.ts';
import { startSqld } from './support/sqld.ts';

// The same code on a libSQL server instead of an embedded file: DATABASE_URL=http://…
let sqld: Awaited<ReturnType<typeof startSqld>>;
let t: TestServices;
beforeAll(async () => {
  sqld = await startSqld();
  t = await startTestServices({ DATABASE_URL: sqld.url });
});
afterAll(async () => {
  await t?.close();
  await sqld?.stop();
});

describe('on a libSQL server (sqld over HTTP)', () => {
  it('migrates, seeds, serves catalogs and files gapless tickets under concurrency', async () => {
    expect((await (await t.app.request('/api/v1/institutions')).json()).length).toBe(4); // MDT, MSP, GPUT, MML
    const responses = await Promise.all(Array.from({ length: 60 }, () => t.file('MML', valid.mmlClaim.body)));
    expect(responses.map((r) => r.status)).toEqual(Array(60).fill(201));
    const tickets = await Promise.all(responses.map(async (r) => (await r.json()).ticket as string));
    expect(tickets.map((ticket) => Number(ticket.slice(-5))).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 60 }, (_, i) => i + 1),
    );
  });

  it('looks requests up and records staff events', async () => {
    const receipt = await (await t.file('GPUT', valid.gputPetition.body)).json();
    const token = await t.staffToken('GPUT');
    const event = await t.app.request(`/api/v1/institutions/GPUT/requests/${receipt.ticket}/events`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: 'in_progress', note: 'En revisión' }),
    });
    expect(event.status).toBe(201);
    const view = await (await t.lookup(receipt.ticket, receipt.trackingCode)).json();
    expect(view.history.map((h: { status: string }) => h.status)).toEqual(['received', 'in_progress']);
  });

  it('rolls back a failed job alone inside a shared batch (savepoints over HTTP)', async () => {
    // The mechanics themselves, with closures, on the same server client the application uses.
    const read = t.deps.db.read as Client;
    const writer = new GroupCommitWriter(() => clientWriteConnection(read));
    await writer.run((tx) => tx.execute('CREATE TABLE probe (v INTEGER UNIQUE)'));
    const results = await Promise.allSettled([
      writer.run((tx) => tx.execute('INSERT INTO probe VALUES (1)')),
      writer.run(async (tx) => {
        await tx.execute('INSERT INTO probe VALUES (2)');
        throw new Error('fails after writing');
      }),
      writer.run((tx) => tx.execute('INSERT INTO probe VALUES (3)')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await read.execute('SELECT v FROM probe ORDER BY v')).rows.map((r) => Number(r.v))).toEqual([
      1, 3,
    ]);
    await writer.close();
  });
});
