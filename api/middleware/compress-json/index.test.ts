import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { chooseEncoding } from '../../http/compression.ts';
import { compressJson } from './index.ts';

const big = {
  items: Array.from({ length: 200 }, (_, i) => ({ ticket: `MDT-QUE-2026-${i}`, status: 'received' })),
};

function app() {
  return new Hono()
    .use(compressJson())
    .get('/big', (c) => c.json(big, 200, { ETag: '"v1"' }))
    .get('/small', (c) => c.json({ ok: true }))
    .get('/text', (c) => c.text('x'.repeat(5000)))
    .post('/big', (c) => c.json(big, 201));
}

describe('compressJson', () => {
  it('compresses a large JSON answer with brotli when the client accepts it, and says so for caches', async () => {
    const response = await app().request('/big', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(response.headers.get('Content-Encoding')).toBe('br');
    expect(response.headers.get('Vary')).toBe('Accept-Encoding');
    expect(response.headers.get('ETag')).toBe('W/"v1"');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.length).toBeLessThan(JSON.stringify(big).length / 4);
    expect(JSON.parse(brotliDecompressSync(bytes).toString())).toEqual(big);
  });

  it('falls back to gzip, and to identity when nothing is accepted', async () => {
    const gz = await app().request('/big', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers.get('Content-Encoding')).toBe('gzip');
    expect(JSON.parse(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString())).toEqual(big);
    const plain = await app().request('/big', { headers: { 'Accept-Encoding': 'br;q=0, identity' } });
    expect(plain.headers.get('Content-Encoding')).toBeNull();
    expect(plain.headers.get('Vary')).toBe('Accept-Encoding');
    expect(await plain.json()).toEqual(big);
  });

  it('leaves small answers, writes and other types as they are', async () => {
    const headers = { 'Accept-Encoding': 'br' };
    const small = await app().request('/small', { headers });
    expect(small.headers.get('Content-Encoding')).toBeNull();
    expect(await small.json()).toEqual({ ok: true });
    const post = await app().request('/big', { method: 'POST', headers });
    expect(post.headers.get('Content-Encoding')).toBeNull();
    expect(post.headers.get('Vary')).toBeNull();
    const text = await app().request('/text', { headers });
    expect(text.headers.get('Content-Encoding')).toBeNull();
  });

  it('reads Accept-Encoding with weights and wildcards', () => {
    expect(chooseEncoding('gzip;q=1.0, br;q=0.5')).toBe('br');
    expect(chooseEncoding('br;q=0, gzip')).toBe('gzip');
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('*;q=0')).toBeNull();
    expect(chooseEncoding('identity')).toBeNull();
    expect(chooseEncoding(undefined)).toBeNull();
  });
});
