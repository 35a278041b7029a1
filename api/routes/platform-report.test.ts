import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { valid } from '../../test/fixtures/requests.ts';
import { startTestServices, TEST_NOW, type TestServices } from '../../test/support/services.ts';
import { StaffBrowser } from '../../test/support/staff-browser.ts';

let t: TestServices;
let server: { close(): void };
let base: string;

async function as(email: string) {
  const browser = new StaffBrowser(base);
  expect((await browser.signIn(email, 'contacto-demo')).status, email).toBe(200);
  return browser;
}

beforeAll(async () => {
  const { serve } = await import('@hono/node-server');
  t = await startTestServices();
  const started = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => started.once('listening', () => resolve()));
  server = started;
  base = `http://127.0.0.1:${(started.address() as { port: number }).port}`;
  // Three MDT requests, one of them answered.
  const tickets: string[] = [];
  for (let i = 0; i < 3; i++) {
    const response = await t.file('MDT', valid.mdtComplaint.body);
    expect(response.status).toBe(201);
    tickets.push(((await response.json()) as { ticket: string }).ticket);
  }
  const token = await t.staffToken('MDT');
  const answered = await t.app.request(`/api/v1/institutions/MDT/requests/${tickets[0]}/events`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ status: 'answered', note: 'Respuesta de la institución.' }),
  });
  expect(answered.status).toBe(201);
});

afterAll(async () => {
  server?.close();
  await t?.close();
});

describe('GET /api/v1/platform/report', () => {
  it("gives the seeds' management table: institutions, requests attended and pending, the ranking", async () => {
    const platform = await as('plataforma@demo');
    const response = await platform.request('GET', '/api/v1/platform/report');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const report = await response.json();
    const { rows } = await t.deps.db.read.execute('SELECT COUNT(*) AS n FROM institutions');
    const total = Number(rows[0]?.n);
    // Every demo institution has demo accounts with a password: all registered, none pending.
    expect(report.institutions).toEqual({
      registered: total,
      pending: 0,
      total,
      registeredShare: 1,
      pendingShare: 0,
    });
    expect(report.requests).toEqual({
      registered: 3,
      attended: 1,
      pending: 2,
      attendedShare: 1 / 3,
      pendingShare: 2 / 3,
    });
    expect(report.top).toEqual([
      { code: 'MDT', name: expect.any(String), registered: 3, attended: 1, pending: 2, attendedShare: 1 / 3 },
    ]);
    expect(report.at).toBe(TEST_NOW.toISOString().replace(/\.\d{3}Z$/, 'Z'));
  });

  it('counts an institution whose admin has not accepted the invitation as pending', async () => {
    const platform = await as('plataforma@demo');
    // An institution with no account that has a password: created through the catalog import.
    const { importCatalog } = await import('../commands/import-catalog.ts');
    const { readCatalogFile } = await import('../catalog/file.ts');
    const { DEMO_CATALOGS_DIR } = await import('../catalog/seed-demo.ts');
    const { readdirSync } = await import('node:fs');
    const file = readdirSync(DEMO_CATALOGS_DIR).find((f) => f.endsWith('.json')) as string;
    const catalog = readCatalogFile(`${DEMO_CATALOGS_DIR}/${file}`);
    await importCatalog(t.deps.db, { ...catalog, code: 'NUEVA', name: 'Nueva institución' }, t.deps.now());
    const report = await (await platform.request('GET', '/api/v1/platform/report')).json();
    expect(report.institutions.pending).toBe(1);
    expect(report.institutions.registered + 1).toBe(report.institutions.total);
    expect(report.institutions.pendingShare).toBeCloseTo(1 / report.institutions.total);
  });

  it('exports the table as CSV, audited', async () => {
    const platform = await as('plataforma@demo');
    const response = await platform.request('GET', '/api/v1/platform/report.csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=UTF-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="platform-2026-11-24\.csv"$/,
    );
    const text = await response.text();
    expect(text.split('\r\n').slice(0, 7)).toEqual([
      'section,figure,count,share',
      expect.stringMatching(/^institutions,registered,\d+,/),
      expect.stringMatching(/^institutions,pending,\d+,/),
      expect.stringMatching(/^institutions,total,\d+,$/),
      'requests,registered,3,',
      'requests,attended,1,0.3333',
      'requests,pending,2,0.6667',
    ]);
    expect(text).toContain('code,name,registered,attended,pending,attended_share\r\nMDT,');
    const { rows } = await t.deps.db.read.execute(
      "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'platform.report.export'",
    );
    expect(Number(rows[0]?.n)).toBe(1);
  });

  it('is for platform admins only', async () => {
    for (const email of ['admin@mdt.demo', 'supervisor@mdt.demo', 'auditor@mdt.demo']) {
      const browser = await as(email);
      expect((await browser.request('GET', '/api/v1/platform/report')).status, email).toBe(403);
      expect((await browser.request('GET', '/api/v1/platform/report.csv')).status, email).toBe(403);
    }
    expect((await fetch(`${base}/api/v1/platform/report`)).status).toBe(401);
  });
});
