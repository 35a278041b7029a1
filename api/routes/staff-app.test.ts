import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { precompress } from '../../scripts/precompress-widget.ts';
import { middlewareTestApp } from '../../test/support/middleware-app.ts';
import { responseHeaders } from '../middleware/response-headers/index.ts';
import { staffAppRoutes } from './staff-app.ts';

// A built back office of our own: the real one is not there before `npm run build`.
const dir = mkdtempSync(join(tmpdir(), 'cc-staff-app-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(join(dir, 'assets'));
const PAGE = '<!doctype html><title>Back office</title><cc-staff-app></cc-staff-app>';
writeFileSync(join(dir, 'index.html'), PAGE);
writeFileSync(
  join(dir, 'assets', 'index-AbC123.js'),
  `export const app = ${JSON.stringify('x'.repeat(4000))};\n`,
);
precompress(dir);

const app = middlewareTestApp().use(responseHeaders()).route('/', staffAppRoutes(dir));

describe('the back office at /staff/', () => {
  it('answers every screen with the one page, revalidated, under the pages’ CSP', async () => {
    for (const path of ['/staff/', '/staff/requests/MDT-QUE-2026-00001', '/staff/reset']) {
      const response = await app.request(path);
      expect(response.status, path).toBe(200);
      expect(await response.text()).toBe(PAGE);
      expect(response.headers.get('Cache-Control')).toBe('no-cache, private');
      expect(response.headers.get('Content-Security-Policy')).toContain("script-src 'self'");
      expect(response.headers.get('X-Frame-Options')).toBe('DENY');
    }
  });

  it('sends its hashed assets precompressed and cached for good', async () => {
    const response = await app.request('/staff/assets/index-AbC123.js', {
      headers: { 'Accept-Encoding': 'br' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Encoding')).toBe('br');
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('Vary')).toContain('Accept-Encoding');
  });

  it('answers a missing asset with the JSON 404, and /staff with a redirect to /staff/', async () => {
    const missing = await app.request('/staff/assets/nothing-here.js');
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('not_found');
    const bare = await app.request('/staff');
    expect(bare.status).toBe(301);
    expect(bare.headers.get('Location')).toBe('/staff/');
  });
});
