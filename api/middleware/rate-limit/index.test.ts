import { describe, expect, it } from 'vitest';
import { middlewareTestApp } from '../../../test/support/middleware-app.ts';
import { rateLimit } from './index.ts';

describe('rateLimit', () => {
  it('returns 429 with Retry-After past the limit, per client', async () => {
    const app = middlewareTestApp().get('/', rateLimit({ limit: 2, windowMs: 60_000 }), (c) => c.text('ok'));
    const a = () => app.request('/', { headers: { 'X-Test-Client': 'a' } });
    expect([(await a()).status, (await a()).status]).toEqual([200, 200]);
    const third = await a();
    expect(third.status).toBe(429);
    expect(await third.json()).toEqual({ error: { code: 'rate_limited' } });
    const retryAfter = Number(third.headers.get('Retry-After'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await app.request('/', { headers: { 'X-Test-Client': 'b' } })).status).toBe(200);
  });

  it('counts only failures when asked to', async () => {
    const app = middlewareTestApp().get(
      '/:ok',
      rateLimit({ limit: 1, windowMs: 60_000, failuresOnly: (c) => c.res.status === 404 }),
      (c) => (c.req.param('ok') === 'yes' ? c.text('ok') : c.text('no', 404)),
    );
    for (let i = 0; i < 5; i++) expect((await app.request('/yes')).status).toBe(200);
    expect((await app.request('/no')).status).toBe(404);
    expect((await app.request('/no')).status).toBe(429);
    expect((await app.request('/yes')).status).toBe(429);
  });

  it('does nothing when disabled', async () => {
    const app = middlewareTestApp().get('/', rateLimit({ limit: 1, windowMs: 60_000, enabled: false }), (c) =>
      c.text('ok'),
    );
    for (let i = 0; i < 5; i++) expect((await app.request('/')).status).toBe(200);
  });
});
