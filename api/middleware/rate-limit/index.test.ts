import { describe, expect, it } from 'vitest';
import { middlewareTestApp } from '../../../test/support/middleware-app.ts';
import { BoundedMemoryStore, rateLimit, rateLimitKey } from './index.ts';

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

  it('counts the addresses of one IPv6 /64 as one client', async () => {
    const app = middlewareTestApp().get('/', rateLimit({ limit: 2, windowMs: 60_000 }), (c) => c.text('ok'));
    const from = (ip: string) => app.request('/', { headers: { 'X-Test-Client': ip } });
    expect((await from('2001:db8:1:2::1')).status).toBe(200);
    expect((await from('2001:db8:1:2:ffff:ffff:ffff:fffe')).status).toBe(200);
    expect((await from('2001:0DB8:0001:0002:0:0:0:9')).status).toBe(429);
    expect((await from('2001:db8:1:3::1')).status).toBe(200);
  });
});

describe('rateLimitKey', () => {
  it('keeps IPv4, groups IPv6 by /64, and hashes anything else to a fixed size', () => {
    expect(rateLimitKey('203.0.113.7')).toBe('203.0.113.7');
    expect(rateLimitKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(rateLimitKey('2001:db8:0:0:abcd::1')).toBe('2001:db8:0:0::/64');
    expect(rateLimitKey('::1')).toBe('0:0:0:0::/64');
    expect(rateLimitKey('64:ff9b::192.0.2.33')).toBe('64:ff9b:0:0::/64');
    expect(rateLimitKey('unknown')).toMatch(/^#[\w-]{22}$/);
    expect(rateLimitKey('x'.repeat(8192))).toHaveLength(23);
  });
});

describe('BoundedMemoryStore', () => {
  it('remembers at most maxKeys clients, whatever their keys: 20,000 spoofed 8 KB keys keep it small', () => {
    const store = new BoundedMemoryStore(1_000);
    store.init({ windowMs: 60_000 });
    for (let i = 0; i < 20_000; i++) store.increment(`${i}:`.padEnd(8192, 'x'));
    expect(store.size).toBe(1_000);
    // Long keys are kept as their hash: what is held is about 1,000 × 44 characters, not 8 MB.
    expect(store.increment('k'.repeat(8192)).totalHits).toBe(1);
    expect(store.increment('k'.repeat(8192)).totalHits).toBe(2);
  });

  it('forgets the least recently seen client first, and starts a new window when one ends', () => {
    const store = new BoundedMemoryStore(2);
    store.init({ windowMs: 60_000 });
    store.increment('a');
    store.increment('b');
    store.increment('a');
    store.increment('c'); // b is the least recently seen
    expect(store.get('b')).toBeUndefined();
    expect(store.get('a')?.totalHits).toBe(2);
    store.decrement('a');
    expect(store.get('a')?.totalHits).toBe(1);
    const ended = new BoundedMemoryStore(10);
    ended.init({ windowMs: -1 });
    ended.increment('a');
    expect(ended.increment('a').totalHits).toBe(1);
  });
});
