import { describe, expect, it } from 'vitest';
import { middlewareTestApp } from '../../../test/support/middleware-app.ts';
import { responseHeaders } from './index.ts';

const app = middlewareTestApp()
  .use(responseHeaders())
  .get('/api/v1/thing', (c) => c.json({ ok: true }))
  .get('/widget/contacto-ciudadano.js', (c) =>
    c.body('export {};', 200, { 'Content-Type': 'text/javascript' }),
  )
  .get('/demo/page.html', (c) => c.html('<!doctype html><title>page</title>'));

describe('responseHeaders', () => {
  it('answers with the request id it was given when it is a plain token, else a new one', async () => {
    const kept = await app.request('/api/v1/thing', { headers: { 'X-Request-Id': 'proxy-123' } });
    expect(kept.headers.get('X-Request-Id')).toBe('proxy-123');
    const replaced = await app.request('/api/v1/thing', { headers: { 'X-Request-Id': 'no spaces <>' } });
    expect(replaced.headers.get('X-Request-Id')).toMatch(/^[\da-f-]{36}$/);
  });

  it("gives the widget's scripts the headers that protect a script, and none of a document's", async () => {
    const script = await app.request('/widget/contacto-ciudadano.js');
    expect(script.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(script.headers.get('Cross-Origin-Resource-Policy')).toBe('cross-origin');
    expect(script.headers.get('Strict-Transport-Security')).toContain('max-age=');
    for (const name of [
      'Content-Security-Policy',
      'X-Frame-Options',
      'Cross-Origin-Opener-Policy',
      'Referrer-Policy',
    ]) {
      expect(script.headers.get(name), name).toBeNull();
    }
  });

  it('gives pages the full set and JSON answers the API set', async () => {
    const page = await app.request('/demo/page.html');
    expect(page.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
    expect(page.headers.get('X-Frame-Options')).toBe('DENY');
    expect(page.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
    const json = await app.request('/api/v1/thing');
    expect(json.headers.get('Content-Security-Policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(json.headers.get('Referrer-Policy')).toBeNull();
  });
});
