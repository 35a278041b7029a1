import { createClient } from '@libsql/client';
import { afterAll, describe, expect, it } from 'vitest';
import { valid } from './fixtures/requests.ts';
import { type ServerProcess, startServerProcess } from './support/server-process.ts';
import { tempDatabaseUrl } from './support/services.ts';

const database = tempDatabaseUrl();
const servers: ServerProcess[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop('SIGKILL')));
  database.cleanup();
});

interface Receipt {
  ticket: string;
  trackingCode: string;
}

/**
 * A power cut in the middle of a rush: the server is killed with SIGKILL (no shutdown, no flush)
 * while 40 clients keep filing. A 201 is a promise that the request is stored; after a restart
 * every ticket that got one must be there with its tracking code, once, and the numbering must go on
 * without a gap or a repeat.
 */
describe('a crash under load', () => {
  it('keeps every 201: found with its code after a restart, no ticket twice, no gap', async () => {
    const types = ['QUE', 'SUG', 'PRE'];
    const server = await startServerProcess({ DATABASE_URL: database.url });
    servers.push(server);
    const receipts: Receipt[] = [];
    let failed = 0;
    let killed = false;
    let i = 0;
    // Each client files without pause until the server is gone: it stops at its first failed
    // connection after the kill, so the server dies with clients still filing.
    const clients = Array.from({ length: 40 }, async () => {
      for (;;) {
        const n = i++;
        try {
          const response = await fetch(`${server.url}/api/v1/institutions/MDT/requests`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({
              ...valid.mdtComplaint.body,
              type: types[n % types.length],
              description: `Solicitud ${n} antes del corte`,
            }),
          });
          if (response.status === 201) receipts.push(await response.json());
          else failed++;
        } catch {
          failed++; // the connection died with the server: this filing got no 201, so no promise
          if (killed) return;
        }
      }
    });
    // Kill it once a good number of filings are through, while the others are in flight.
    while (receipts.length < 201) await new Promise((resolve) => setTimeout(resolve, 5));
    const stopped = server.stop('SIGKILL');
    killed = true;
    expect(await stopped).toBe(null);
    await Promise.all(clients);
    expect(receipts.length).toBeGreaterThanOrEqual(201);
    expect(failed).toBeGreaterThanOrEqual(40); // every client was still filing when it died

    const restarted = await startServerProcess({ DATABASE_URL: database.url });
    servers.push(restarted);
    const lookups = await Promise.all(
      receipts.map(async ({ ticket, trackingCode }) => {
        const response = await fetch(`${restarted.url}/api/v1/requests/${ticket}`, {
          headers: { 'X-Tracking-Code': trackingCode },
        });
        return response.status === 200
          ? ((await response.json()).ticket as string)
          : `${ticket}: ${response.status}`;
      }),
    );
    expect(lookups).toEqual(receipts.map((r) => r.ticket));
    expect(new Set(receipts.map((r) => r.ticket)).size).toBe(receipts.length);

    // After the restart, numbering resumes where the stored requests end.
    const after = await fetch(`${restarted.url}/api/v1/institutions/MDT/requests`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        ...valid.mdtComplaint.body,
        type: 'QUE',
        description: 'Solicitud después del corte',
      }),
    });
    expect(after.status).toBe(201);

    const db = createClient({ url: database.url });
    try {
      const rows = (await db.execute('SELECT ticket, type, sequence FROM requests')).rows;
      expect(new Set(rows.map((r) => String(r.ticket))).size).toBe(rows.length);
      for (const type of types) {
        const sequences = rows
          .filter((r) => r.type === type)
          .map((r) => Number(r.sequence))
          .sort((a, b) => a - b);
        expect(sequences, type).toEqual(Array.from({ length: sequences.length }, (_, k) => k + 1));
      }
      // No request without the first event of its audit trail: each was written whole or not at all.
      const orphans = await db.execute(
        "SELECT count(*) AS n FROM requests r WHERE NOT EXISTS (SELECT 1 FROM request_events e WHERE e.request_id = r.id AND e.status = 'received')",
      );
      expect(Number(orphans.rows[0]?.n)).toBe(0);
      const integrity = await db.execute('PRAGMA integrity_check');
      expect(String(integrity.rows[0]?.integrity_check)).toBe('ok');
    } finally {
      db.close();
    }
  });
});
