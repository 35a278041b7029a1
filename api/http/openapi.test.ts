import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServices, type TestServices } from '../../test/support/services.ts';
import { buildOpenApi } from './openapi.ts';

// The document is written by hand beside the routes (openapi*.ts): this keeps the two together.

let t: TestServices;
beforeAll(async () => {
  t = await startTestServices();
});
afterAll(async () => {
  await t?.close();
});

describe('the OpenAPI document', () => {
  it('documents every method of every path the app serves under /api/v1', () => {
    const paths = buildOpenApi().paths as Record<string, Record<string, unknown>>;
    const served = new Set(
      t.app.routes
        // Middleware is registered for every method; the handlers name theirs.
        .filter((route) => route.path.startsWith('/api/v1') && route.method !== 'ALL')
        .map((route) => `${route.method.toLowerCase()} ${route.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')}`),
    );
    expect(served.size).toBeGreaterThan(40);
    const undocumented = [...served].filter((key) => {
      const [method = '', path = ''] = key.split(' ');
      return paths[path]?.[method] === undefined;
    });
    expect(undocumented).toEqual([]);
    expect(served).toContain('delete /api/v1/institutions/{code}/webhooks/{id}');
  });
});
