import { describe, expect, it } from 'vitest';
import { middlewareTestApp } from '../test-app.ts';
import { jsonBody, readJson } from './index.ts';

const app = middlewareTestApp().post('/', jsonBody({ maxBytes: 100 }), async (c) =>
  c.json({ got: await readJson(c) }),
);
const post = (body: string, type = 'application/json') =>
  app.request('/', { method: 'POST', headers: { 'Content-Type': type }, body });

describe('jsonBody', () => {
  it('passes JSON bodies within the limit, with or without charset', async () => {
    expect(await (await post('{"a":1}')).json()).toEqual({ got: { a: 1 } });
    expect((await post('{"a":1}', 'application/json; charset=utf-8')).status).toBe(200);
    expect((await post('{"a":1}', 'application/problem+json')).status).toBe(200);
  });

  it('returns 415 for other media types', async () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
      'application/jsonx',
    ]) {
      const response = await post('{}', type);
      expect(response.status, type).toBe(415);
      expect(await response.json()).toEqual({ error: { code: 'unsupported_media_type' } });
    }
  });

  it('returns 413 when the body is larger than the limit', async () => {
    const response = await post(JSON.stringify({ a: 'x'.repeat(200) }));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: { code: 'payload_too_large' } });
  });

  it('returns 400 invalid_json for malformed JSON', async () => {
    const response = await post('{"a":');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: 'invalid_json' } });
  });
});
