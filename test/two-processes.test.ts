import { createClient } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trackingCodeMatches } from '../api/domain/tracking-code.ts';
import { valid } from './fixtures/requests.ts';
import { type ServerProcess, startServerProcess } from './support/server-process.ts';
import { tempDatabaseUrl } from './support/services.ts';

const database = tempDatabaseUrl();
let servers: ServerProcess[] = [];

beforeAll(async () => {
  // The first migrates and seeds; the second then starts on the same file.
  servers.push(await startServerProcess({ DATABASE_URL: database.url }));
  servers.push(await startServerProcess({ DATABASE_URL: database.url }));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  servers = [];
  database.cleanup();
});

describe('two server processes on one database file', () => {
  it('lose nothing under concurrent load: every 201 is stored once, sequences have no gap', async () => {
    const types = ['QUE', 'SUG', 'PRE'];
    const total = 600;
    const receipts: { ticket: string; trackingCode: string }[] = [];
    const failures: string[] = [];
    let next = 0;
    // 40 concurrent clients, alternating between the two processes.
    await Promise.all(
      Array.from({ length: 40 }, async () => {
        while (next < total) {
          const i = next++;
          const server = servers[i % 2] as ServerProcess;
          const body = {
            ...valid.mdtComplaint.body,
            type: types[i % types.length],
            description: `Solicitud número ${i}`,
          };
          const response = await fetch(`${server.url}/api/v1/institutions/MDT/requests`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          });
          if (response.status === 201) receipts.push(await response.json());
          else failures.push(`${response.status} ${await response.text()}`);
        }
      }),
    );
    expect(failures).toEqual([]);
    expect(receipts).toHaveLength(total);

    const db = createClient({ url: database.url });
    try {
      const rows = (
        await db.execute('SELECT ticket, type, sequence, tracking_hash, description FROM requests')
      ).rows;
      expect(rows).toHaveLength(total);
      const byTicket = new Map(rows.map((r) => [String(r.ticket), r]));
      for (const receipt of receipts) {
        const row = byTicket.get(receipt.ticket);
        expect(trackingCodeMatches(receipt.trackingCode, String(row?.tracking_hash))).toBe(true);
      }
      for (const type of types) {
        const sequences = rows
          .filter((r) => r.type === type)
          .map((r) => Number(r.sequence))
          .sort((a, b) => a - b);
        expect(sequences).toEqual(Array.from({ length: total / types.length }, (_, i) => i + 1));
      }
      // Every citizen's text arrived intact.
      const descriptions = new Set(rows.map((r) => String(r.description)));
      for (let i = 0; i < total; i++) expect(descriptions.has(`Solicitud número ${i}`)).toBe(true);
    } finally {
      db.close();
    }
  });

  it('shuts down gracefully on SIGTERM', async () => {
    const server = servers.pop() as ServerProcess;
    expect(await server.stop('SIGTERM')).toBe(0);
  });
});
