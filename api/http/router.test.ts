import { RegExpRouter } from 'hono/router/reg-exp-router';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServices, type TestServices } from '../../test/support/services.ts';

// Hono's SmartRouter uses its RegExpRouter (one regular expression for every route) unless a route
// cannot be written into it, and then silently falls back to the TrieRouter, which walks a tree on
// every request: a filing paid for it. One such route was `POST …/requests/search` beside
// `…/requests/:ticket/events` (a static segment and a parameter with more segments after it at the
// same place), which is why the search is `…/request-search`. This keeps any new route honest.

let t: TestServices;
beforeAll(async () => {
  t = await startTestServices();
});
afterAll(() => t.close());

describe('routing', () => {
  it('fits every route of the app into the RegExpRouter', async () => {
    const routes = (t.app as unknown as { routes: { method: string; path: string }[] }).routes;
    expect(routes.length).toBeGreaterThan(50);
    const router = new RegExpRouter<number>();
    for (const [i, route] of routes.entries()) router.add(route.method, route.path, i);
    // The router builds its expressions on the first match: an unsupported path throws here.
    expect(() => router.match('GET', '/api/v1/institutions/MDT')).not.toThrow();
  });

  it('answers through the RegExpRouter, not the fallback', async () => {
    await t.app.request('/api/v1/institutions/MDT');
    const router = (t.app as unknown as { router: { activeRouter?: { name: string } } }).router;
    expect(router.activeRouter?.name).toBe('RegExpRouter');
  });
});
