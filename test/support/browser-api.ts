import { readdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { type AddressInfo, connect, createServer as createTcpServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { readCatalogFile } from '../../api/catalog/file.ts';
import { DEMO_CATALOGS_DIR } from '../../api/catalog/seed-demo.ts';
import { importCatalog } from '../../api/commands/import-catalog.ts';
import { solveAltcha, startTestServices } from './services.ts';

/**
 * The real API for the browser tests: a real server on a libSQL file, reached by the page through
 * a TCP relay the tests can cut, so "the server is unreachable" is a real network failure.
 */
export async function startBrowserApi(pageOrigin: string) {
  const t = await startTestServices({ CAPTCHA: 'altcha' });
  // Let the test pages' origin file requests, as an institution lists its own website.
  for (const file of readdirSync(DEMO_CATALOGS_DIR).filter((f) => f.endsWith('.json'))) {
    const catalog = readCatalogFile(join(DEMO_CATALOGS_DIR, file));
    await importCatalog(
      t.deps.db,
      { ...catalog, allowedOrigins: [...catalog.allowedOrigins, pageOrigin] },
      t.deps.now(),
    );
  }
  t.deps.catalogs.clear();

  const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const apiPort = (server.address() as AddressInfo).port;

  let down = false;
  const sockets = new Set<Socket>();
  const relay = createTcpServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const target = connect(apiPort, '127.0.0.1');
    sockets.add(client);
    sockets.add(target);
    client.pipe(target).pipe(client);
    const end = () => {
      client.destroy();
      target.destroy();
      sockets.delete(client);
      sockets.delete(target);
    };
    client.on('error', end).on('close', end);
    target.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(relay.address() as AddressInfo).port}`;
  const staffTokens = new Map<string, string>();

  return {
    url,
    setDown(value: boolean) {
      down = value;
      if (down) for (const socket of sockets) socket.destroy();
    },
    async staffEvent(ticket: string, status: string, note?: string) {
      const institution = ticket.split('-')[0] ?? '';
      if (!staffTokens.has(institution)) staffTokens.set(institution, await t.staffToken(institution));
      const response = await t.app.request(`/api/v1/institutions/${institution}/requests/${ticket}/events`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${staffTokens.get(institution)}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ status, ...(note ? { note } : {}) }),
      });
      return response.status;
    },
    /** Files a request through the API as the widget does (a solved captcha): its receipt. */
    async fileRequest(institution: string, body: Record<string, unknown>) {
      const response = await t.file(institution, { ...body, captcha: await solveAltcha(t.app) });
      return { status: response.status, receipt: await response.json() };
    },
    async count(institution: string, type: string) {
      const result = await t.deps.db.read.execute({
        sql: 'SELECT count(*) AS n FROM requests WHERE institution = ? AND type = ?',
        args: [institution, type],
      });
      return Number(result.rows[0]?.n);
    },
    async close() {
      relay.close();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
      await t.close();
    },
  };
}
