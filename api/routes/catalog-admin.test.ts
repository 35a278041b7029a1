import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServices, type TestServices } from '../../test/support/services.ts';
import { StaffBrowser } from '../../test/support/staff-browser.ts';

let t: TestServices;
let server: Server;
let base: string;

async function as(email: string) {
  const browser = new StaffBrowser(base);
  expect((await browser.signIn(email, 'contacto-demo')).status, email).toBe(200);
  return browser;
}

beforeAll(async () => {
  t = await startTestServices();
  server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await t?.close();
});

describe('the institution admin edits the catalog', () => {
  it('reads the catalog file, writes it back changed, and the public catalog follows; audited', async () => {
    const admin = await as('admin@mdt.demo');
    const read = await admin.request('GET', '/api/v1/institutions/MDT/catalog');
    expect(read.status).toBe(200);
    const { revision, ...catalog } = await read.json();
    expect(catalog.code).toBe('MDT');
    expect(Array.isArray(catalog.allowedOrigins)).toBe(true);
    const [first, ...rest] = catalog.services;
    const changed = {
      ...catalog,
      allowedOrigins: [...catalog.allowedOrigins, 'https://www.trabajo.example'],
      services: [{ ...first, name: { es: 'Servicio renombrado', en: 'Renamed service' } }, ...rest],
    };
    const written = await admin.request('PUT', '/api/v1/institutions/MDT/catalog', changed);
    expect(written.status).toBe(200);
    const saved = await written.json();
    expect(saved.revision).toBeGreaterThan(revision);
    expect(saved.allowedOrigins).toContain('https://www.trabajo.example');
    const publicCatalog = await (await fetch(`${base}/api/v1/institutions/MDT`)).json();
    expect(publicCatalog.services.find((s: { id: string }) => s.id === first.id).name.es).toBe(
      'Servicio renombrado',
    );
    const { rows } = await t.deps.db.read.execute(
      "SELECT actor FROM audit_log WHERE action = 'catalog.update' AND institution = 'MDT'",
    );
    expect(rows.map((r) => String(r.actor))).toEqual([expect.stringMatching(/^account:\d+$/)]);
  });

  it("refuses what the catalog file's schema refuses, and another institution's code", async () => {
    const admin = await as('admin@mdt.demo');
    const { revision: _, ...catalog } = await (
      await admin.request('GET', '/api/v1/institutions/MDT/catalog')
    ).json();
    const bad = await admin.request('PUT', '/api/v1/institutions/MDT/catalog', {
      ...catalog,
      allowedOrigins: ['https://www.trabajo.example/path/'],
    });
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.issues[0].path).toContain('allowedOrigins');
    const other = await admin.request('PUT', '/api/v1/institutions/MDT/catalog', {
      ...catalog,
      code: 'GPUT',
    });
    expect(other.status).toBe(400);
  });

  it('is for institution admins of that institution only', async () => {
    for (const email of ['supervisor@mdt.demo', 'auditor@mdt.demo', 'agente@mdt.demo', 'admin@gput.demo']) {
      const browser = await as(email);
      expect((await browser.request('GET', '/api/v1/institutions/MDT/catalog')).status, email).toBe(403);
      expect((await browser.request('PUT', '/api/v1/institutions/MDT/catalog', {})).status, email).toBe(403);
    }
    expect((await fetch(`${base}/api/v1/institutions/MDT/catalog`)).status).toBe(401);
  });
});
