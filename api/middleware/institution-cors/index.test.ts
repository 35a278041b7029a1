import { describe, expect, it } from 'vitest';
import { middlewareTestApp } from '../../../test/support/middleware-app.ts';
import { institutionCors } from './index.ts';

const ORIGINS: Record<string, string[]> = { MDT: ['https://www.trabajo.gob.ec'] };
const app = middlewareTestApp();
app.use(
  '/i/:code/*',
  institutionCors({ allowedOrigins: async (c) => ORIGINS[c.req.param('code') ?? ''] ?? null }),
);
app.get('/i/:code/x', (c) => c.json({ ok: true }));
app.post('/i/:code/x', (c) => c.json({ ok: true }, 201));

describe('institutionCors', () => {
  it("answers the institution's own origins with CORS headers", async () => {
    const response = await app.request('/i/MDT/x', { headers: { Origin: 'https://www.trabajo.gob.ec' } });
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('https://www.trabajo.gob.ec');
    expect(response.headers.get('Vary')).toContain('Origin');
  });

  it('gives other origins no CORS headers and refuses their POSTs with 403', async () => {
    const get = await app.request('/i/MDT/x', { headers: { Origin: 'https://evil.example' } });
    expect(get.status).toBe(200);
    expect(get.headers.get('Access-Control-Allow-Origin')).toBeNull();
    const post = await app.request('/i/MDT/x', {
      method: 'POST',
      headers: { Origin: 'https://evil.example' },
    });
    expect(post.status).toBe(403);
    expect(await post.json()).toEqual({ error: { code: 'origin_not_allowed' } });
  });

  it('lets requests without Origin through (servers, curl)', async () => {
    expect((await app.request('/i/MDT/x', { method: 'POST' })).status).toBe(201);
  });

  it('answers preflights for allowed origins only', async () => {
    const ok = await app.request('/i/MDT/x', {
      method: 'OPTIONS',
      headers: { Origin: 'https://www.trabajo.gob.ec' },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('Access-Control-Allow-Methods')).toContain('POST');
    const no = await app.request('/i/MDT/x', {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example' },
    });
    expect(no.status).toBe(204);
    expect(no.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('leaves unknown institutions to the route (no 403 before the 404)', async () => {
    const response = await app.request('/i/NOPE/x', {
      method: 'POST',
      headers: { Origin: 'https://evil.example' },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });
});
