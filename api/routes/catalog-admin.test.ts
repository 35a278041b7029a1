import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidateOf, checkDraft, draftOf } from '../../staff/admin/catalog/draft.ts';
import { catalogErrors } from '../../staff/admin/catalog/issues.ts';
import { valid } from '../../test/fixtures/requests.ts';
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

  it("the server's issues land on the same fields of the form as the browser's check", async () => {
    const admin = await as('admin@mdt.demo');
    const { revision: _, ...catalog } = await (
      await admin.request('GET', '/api/v1/institutions/MDT/catalog')
    ).json();
    // The form's draft with what an admin may get wrong: an origin with a path, a size of 0 MB, no
    // file type, an empty type description, a new service with a bad id and no name, a repeated id.
    const draft = draftOf(catalog, 'es');
    const [first, second] = draft.catalog.services;
    const type = draft.catalog.requestTypes[1];
    if (!first || !second || !type) throw new Error('the demo catalog has two services and types');
    draft.origins = 'https://www.trabajo.gob.ec\nnot a url';
    draft.attachments.maxMb = '0';
    draft.catalog.privacyNotice.version = '';
    draft.attachments.types = [];
    type.description.en = '  ';
    draft.catalog.services.push({ ...first, id: 'Con Espacios', name: { es: '', en: 'x' } });
    draft.catalog.services.push({ ...second });
    const ids = draft.catalog.services.map((s: { id: string }) => s.id);
    const inBrowser = catalogErrors(checkDraft(draft), ids);
    const answer = await admin.request('PUT', '/api/v1/institutions/MDT/catalog', candidateOf(draft));
    expect(answer.status).toBe(400);
    const onServer = catalogErrors((await answer.json()).error.issues, ids);
    const n = draft.catalog.services.length;
    expect(inBrowser.fields).toEqual({
      allowedOrigins: 'allowedOrigins',
      privacyVersion: 'privacyVersion',
      'attachments-maxMb': 'maxSize',
      'attachments-types': 'fileTypes',
      'type-1-description-en': 'typeDescription',
      [`service-${n - 2}-id`]: 'serviceId',
      [`service-${n - 2}-name-es`]: 'serviceName',
      [`service-${n - 1}-id`]: 'serviceIdRepeated',
    });
    // Listed in the form's order, top to bottom (the schema checks privacy after attachments).
    expect(Object.keys(inBrowser.fields)).toEqual([
      'allowedOrigins',
      'privacyVersion',
      'attachments-maxMb',
      'attachments-types',
      'type-1-description-en',
      `service-${n - 2}-id`,
      `service-${n - 2}-name-es`,
      `service-${n - 1}-id`,
    ]);
    expect(onServer.fields).toEqual(inBrowser.fields);
    expect(Object.keys(onServer.fields)).toEqual(Object.keys(inBrowser.fields));
    expect(onServer.general).toEqual([]);
  });

  it('removing a service stops offering it; the requests already filed keep it, and it may come back', async () => {
    const admin = await as('admin@gput.demo');
    const filed = await (await t.file('GPUT', valid.gputPetition.body)).json();
    expect(filed.ticket).toMatch(/^GPUT-/);
    const service = (valid.gputPetition.body as { service: string }).service;
    const { revision: _, ...catalog } = await (
      await admin.request('GET', '/api/v1/institutions/GPUT/catalog')
    ).json();
    const without = {
      ...catalog,
      services: catalog.services.filter((s: { id: string }) => s.id !== service),
    };
    expect(without.services.length).toBe(catalog.services.length - 1);
    expect((await admin.request('PUT', '/api/v1/institutions/GPUT/catalog', without)).status).toBe(200);
    const ids = (c: { services: { id: string }[] }) => c.services.map((s) => s.id);
    expect(ids(await (await fetch(`${base}/api/v1/institutions/GPUT`)).json())).not.toContain(service);
    const audited = await t.deps.db.read.execute(
      "SELECT detail FROM audit_log WHERE action = 'catalog.update' AND institution = 'GPUT' ORDER BY id DESC LIMIT 1",
    );
    expect(JSON.parse(String(audited.rows[0]?.detail))).toMatchObject({
      addedServices: [],
      removedServices: [service],
    });
    // The request keeps its service, and staff still open it.
    const read = await admin.request('GET', `/api/v1/institutions/GPUT/requests/${filed.ticket}`);
    expect(read.status).toBe(200);
    expect((await read.json()).service).toBe(service);
    // A new filing for it is refused: it is no longer offered.
    expect((await t.file('GPUT', valid.gputPetition.body)).status).toBeGreaterThanOrEqual(400);
    // Back in the file, it is offered again, with the requests it had.
    expect((await admin.request('PUT', '/api/v1/institutions/GPUT/catalog', catalog)).status).toBe(200);
    expect(ids(await (await fetch(`${base}/api/v1/institutions/GPUT`)).json())).toContain(service);
    expect((await t.file('GPUT', valid.gputPetition.body)).status).toBe(201);
  });
});
