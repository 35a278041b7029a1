import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { precompress } from '../../scripts/precompress-widget.ts';
import { middlewareTestApp } from '../../test/support/middleware-app.ts';
import { staticRoutes } from './static.ts';

// A built widget and a demo site of our own: the real build is not there before `npm run build`.
const dir = mkdtempSync(join(tmpdir(), 'cc-static-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const widget = join(dir, 'widget');
const demo = join(dir, 'demo');
mkdirSync(join(widget, 'chunks'), { recursive: true });
mkdirSync(demo);
const ENTRY = `export const widget = ${JSON.stringify('contacto '.repeat(500))};\n`;
writeFileSync(join(widget, 'contacto-ciudadano.js'), ENTRY);
writeFileSync(join(widget, 'chunks', 'steps-AbC123.js'), 'export const steps = 1;\n');
writeFileSync(join(demo, 'index.html'), `<!doctype html><title>Demo</title>${'<p>demo</p>'.repeat(300)}`);
writeFileSync(join(demo, 'mdt.html'), '<!doctype html><title>MDT</title>');
// Under Hono's default threshold of 1 KB, as the real demo pages are.
const smallPage = `<!doctype html><title>Small</title>${'<p>a line of the demo page</p>'.repeat(25)}`;
writeFileSync(join(demo, 'small.html'), smallPage);
writeFileSync(join(dir, 'secret.js'), 'export const secret = 1;');
precompress(widget);

const app = middlewareTestApp().route('/', staticRoutes({ widget, demo }));
const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });

describe('static files', () => {
  it('sends the entry script precompressed with brotli, with a validator and Vary', async () => {
    const response = await get('/widget/contacto-ciudadano.js', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Encoding')).toBe('br');
    expect(response.headers.get('Vary')).toContain('Accept-Encoding');
    expect(response.headers.get('Content-Type')).toMatch(/^text\/javascript/);
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=300, must-revalidate');
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.length).toBeLessThan(ENTRY.length / 10);
    expect(brotliDecompressSync(body).toString()).toBe(ENTRY);
    expect(response.headers.get('ETag')).toMatch(/^"[\w-]+"$/);
  });

  it('answers a revalidation of the unchanged entry with a 304 and no body', async () => {
    const headers = { 'Accept-Encoding': 'br' };
    const first = await get('/widget/contacto-ciudadano.js', headers);
    const again = await get('/widget/contacto-ciudadano.js', {
      ...headers,
      'If-None-Match': first.headers.get('ETag') ?? '',
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('Cache-Control')).toBe('public, max-age=300, must-revalidate');
  });

  it('gives each encoding its own validator, and identity to a client that accepts none', async () => {
    const br = await get('/widget/contacto-ciudadano.js', { 'Accept-Encoding': 'br' });
    const gzip = await get('/widget/contacto-ciudadano.js', { 'Accept-Encoding': 'gzip' });
    const plain = await get('/widget/contacto-ciudadano.js');
    expect(gzip.headers.get('Content-Encoding')).toBe('gzip');
    expect(plain.headers.get('Content-Encoding')).toBeNull();
    expect(plain.headers.get('Vary')).toContain('Accept-Encoding');
    expect(await plain.text()).toBe(ENTRY);
    const tags = new Set([br, gzip, plain].map((r) => r.headers.get('ETag')));
    expect(tags.size).toBe(3);
  });

  it('validates the widget files by ETag alone: no Last-Modified beside it', async () => {
    const entry = await get('/widget/contacto-ciudadano.js', { 'Accept-Encoding': 'br' });
    expect(entry.headers.get('ETag')).toBeTruthy();
    expect(entry.headers.get('Last-Modified')).toBeNull();
  });

  it('caches content-hashed chunks for a year', async () => {
    const response = await get('/widget/chunks/steps-AbC123.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
  });

  it('refuses what is not there and paths that climb out of the folder', async () => {
    // URL parsing already folds plain `..` segments; what reaches the route encoded must not climb.
    for (const path of [
      '/widget/nope.js',
      '/widget/..%2fsecret.js',
      '/widget/..%5csecret.js',
      '/widget/%2e%2e%2fsecret.js',
      '/demo/..%2fsecret.js',
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
    }
  });

  it('serves the demo pages compressed, revalidated on each visit', async () => {
    const index = await get('/', { 'Accept-Encoding': 'gzip' });
    expect(index.status).toBe(200);
    expect(index.headers.get('Content-Encoding')).toBe('gzip');
    const page = await get('/demo/mdt.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('Cache-Control')).toBe('no-cache');
    expect(await page.text()).toBe('<!doctype html><title>MDT</title>');
  });

  it('compresses a demo page of under a kilobyte too', async () => {
    expect(Buffer.byteLength(smallPage)).toBeLessThan(1024);
    const page = await get('/demo/small.html', { 'Accept-Encoding': 'gzip' });
    expect(page.headers.get('Content-Encoding')).toBe('gzip');
    const bytes = new Uint8Array(await page.arrayBuffer());
    expect(bytes.length).toBeLessThan(Buffer.byteLength(smallPage));
    expect(gunzipSync(bytes).toString('utf8')).toBe(smallPage);
  });

  it('answers a revalidation of an unchanged demo page with a 304', async () => {
    const page = await get('/demo/mdt.html', { 'Accept-Encoding': 'gzip' });
    const again = await get('/demo/mdt.html', {
      'Accept-Encoding': 'gzip',
      'If-None-Match': page.headers.get('ETag') ?? '',
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });
});
