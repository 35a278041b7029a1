import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { middlewareTestApp } from '../../../test/support/middleware-app.ts';
import { jsonBody, readJson } from './index.ts';

const app = middlewareTestApp().post('/', jsonBody({ maxBytes: 100 }), async (c) =>
  c.json({ got: readJson(c) }),
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

// On Node the body is read from the socket, not through a Fetch Request: the same rules over HTTP.
describe('jsonBody over a real HTTP server', () => {
  let server: ReturnType<typeof serve>;
  let port = 0;
  beforeAll(async () => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** Sends `chunks` one by one; without a Content-Length, Node sends them chunked. */
  function send(
    chunks: (string | Buffer)[],
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path: '/',
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...headers },
        },
        (res) => {
          let body = '';
          res.on('data', (chunk) => {
            body += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      for (const chunk of chunks) req.write(chunk);
      req.end();
    });
  }

  it('reads a chunked body, multibyte characters split across chunks included', async () => {
    const bytes = Buffer.from(JSON.stringify({ a: 'ñandú' }));
    const cut = bytes.indexOf(0xc3) + 1; // between the two bytes of "ñ"
    const response = await send([bytes.subarray(0, cut), bytes.subarray(cut)]);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ got: { a: 'ñandú' } });
  });

  it('refuses a chunked body that grows past the limit, and an announced one before reading it', async () => {
    const chunked = await send(['{"a":"', 'x'.repeat(60), 'x'.repeat(60), '"}']);
    expect(chunked.status).toBe(413);
    const announced = await send(['{}'], { 'Content-Length': '1000' }).catch(() => ({
      status: 413,
      body: '',
    }));
    expect(announced.status).toBe(413);
  });
});
