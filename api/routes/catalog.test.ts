import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServices, type TestServices } from '../../test/support/services.ts';
import { readCatalogFile } from '../catalog/file.ts';
import { importCatalog } from '../commands/import-catalog.ts';
import { InstitutionSummarySchema } from '../schema/responses.ts';

let t: TestServices;
beforeAll(async () => {
  t = await startTestServices();
});
afterAll(() => t.close());

describe('GET /institutions', () => {
  it('lists the four seeded demo institutions (MSP receives the transfers of MDT)', async () => {
    const response = await t.app.request('/api/v1/institutions');
    expect(response.status).toBe(200);
    const list = v.parse(v.array(InstitutionSummarySchema), await response.json());
    expect(list.map((i) => `${i.code}:${i.country}`).sort()).toEqual([
      'GPUT:CO',
      'MDT:EC',
      'MML:PE',
      'MSP:EC',
    ]);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
  });
});

describe('GET /institutions/{code}', () => {
  it("serves the catalog with its country's request types and deadlines", async () => {
    const catalog = await (await t.app.request('/api/v1/institutions/MDT')).json();
    expect(catalog).toMatchObject({
      code: 'MDT',
      name: 'Ministerio del Trabajo',
      country: 'EC',
      timezone: 'America/Guayaquil',
    });
    const days = Object.fromEntries(
      catalog.requestTypes.map((t: { code: string; responseDays: number }) => [t.code, t.responseDays]),
    );
    expect(days).toEqual({ PRE: 30, QUE: 30, SUG: 30, SOL: 30, FEL: null, DEN: 30, PDP: 15 });
    expect(catalog.services.length).toBeGreaterThanOrEqual(8);
    expect(catalog.documentTypes.map((d: { code: string }) => d.code)).toEqual([
      'cedula',
      'ruc',
      'pasaporte',
    ]);
    expect(catalog.privacyNotice.version).toBe('2026-01');
    // Which websites may file is the server's business, not the public's.
    expect(catalog.allowedOrigins).toBeUndefined();
  });

  it('has the Colombian and Peruvian types of the contract', async () => {
    const gput = await (await t.app.request('/api/v1/institutions/GPUT')).json();
    const mml = await (await t.app.request('/api/v1/institutions/MML')).json();
    const days = (c: { requestTypes: { code: string; responseDays: number | null }[] }) =>
      Object.fromEntries(c.requestTypes.map((t) => [t.code, t.responseDays]));
    expect(days(gput)).toEqual({ PET: 15, QUE: 15, REC: 15, SUG: 15, DEN: 15, SOL: 10, CON: 30, FEL: null });
    expect(days(mml)).toEqual({ REC: 30, SUG: 30, FEL: null });
    expect(gput.requestTypes.find((r: { code: string }) => r.code === 'DEN').anonymousAllowed).toBe(true);
  });

  it('sends an ETag and answers If-None-Match with an empty 304', async () => {
    const first = await t.app.request('/api/v1/institutions/GPUT');
    const etag = first.headers.get('ETag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('Cache-Control')).toContain('max-age');
    const again = await t.app.request('/api/v1/institutions/GPUT', {
      headers: { 'If-None-Match': etag ?? '' },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const stale = await t.app.request('/api/v1/institutions/GPUT', { headers: { 'If-None-Match': '"old"' } });
    expect(stale.status).toBe(200);
  });

  it('sends the catalog compressed once per revision, with a validator per encoding', async () => {
    const plain = await t.app.request('/api/v1/institutions/MDT');
    const br = await t.app.request('/api/v1/institutions/MDT', {
      headers: { 'Accept-Encoding': 'gzip, br' },
    });
    const gzip = await t.app.request('/api/v1/institutions/MDT', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(br.headers.get('Content-Encoding')).toBe('br');
    expect(gzip.headers.get('Content-Encoding')).toBe('gzip');
    expect(plain.headers.get('Content-Encoding')).toBeNull();
    for (const response of [plain, br, gzip])
      expect(response.headers.get('Vary')).toContain('Accept-Encoding');
    const text = await plain.text();
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(brBytes.length).toBeLessThan(text.length / 2);
    expect(brotliDecompressSync(brBytes).toString()).toBe(text);
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString()).toBe(text);
    const tags = [plain, br, gzip].map((r) => r.headers.get('ETag') ?? '');
    expect(new Set(tags).size).toBe(3);
    // A page that cached one representation revalidates with its tag, whatever it accepts now.
    for (const tag of tags) {
      const again = await t.app.request('/api/v1/institutions/MDT', {
        headers: { 'If-None-Match': tag, 'Accept-Encoding': 'br' },
      });
      expect(again.status, tag).toBe(304);
    }
  });

  it('changes the ETag when the catalog is imported again with changes', async () => {
    const before = (await t.app.request('/api/v1/institutions/MML')).headers.get('ETag');
    const catalog = readCatalogFile('demo/catalogs/pe-mml.json');
    await importCatalog(t.deps.db, { ...catalog, name: 'Municipalidad de Lima' }, t.deps.now());
    t.deps.catalogs.clear();
    const after = await t.app.request('/api/v1/institutions/MML');
    expect((await after.json()).name).toBe('Municipalidad de Lima');
    expect(after.headers.get('ETag')).not.toBe(before);
  });

  it('answers 404 institution_not_found for an unknown code', async () => {
    const response = await t.app.request('/api/v1/institutions/NOPE');
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe('institution_not_found');
  });
});

describe('operations', () => {
  it('puts a request id and security headers on every response, errors included', async () => {
    for (const path of ['/api/v1/institutions', '/api/v1/institutions/NOPE', '/nowhere']) {
      const response = await t.app.request(path);
      expect(response.headers.get('X-Request-Id'), path).toBeTruthy();
      expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(response.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
    }
    const unknown = await t.app.request('/nowhere');
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe('not_found');
  });

  it("gives the API's JSON the API's security headers and pages the full set", async () => {
    const api = await t.app.request('/api/v1/institutions/MDT');
    expect(api.headers.get('Strict-Transport-Security')).toContain('max-age=');
    expect(api.headers.get('X-Frame-Options')).toBe('DENY');
    expect(api.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
    // Document-only headers are not sent with JSON.
    expect(api.headers.get('X-DNS-Prefetch-Control')).toBeNull();
    expect(api.headers.get('Referrer-Policy')).toBeNull();
    const page = await t.app.request('/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('Referrer-Policy')).toBe('no-referrer');
    expect(page.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
    expect(page.headers.get('X-Frame-Options')).toBe('DENY');
  });

  it('serves an OpenAPI 3.1 document and a readable reference', async () => {
    const doc = await (await t.app.request('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/institutions/{code}/requests', '/api/v1/requests/{ticket}']),
    );
    expect(doc.components.schemas.Filing.properties.description).toMatchObject({
      type: 'string',
      maxLength: 5000,
    });
    const page = await t.app.request('/docs');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/api/v1/institutions/{code}/requests/{ticket}/events');
    expect(html).not.toMatch(/<script/i);
  });
});
