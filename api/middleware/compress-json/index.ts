import type { MiddlewareHandler } from 'hono';
import { chooseEncoding, compressBody } from '../../http/compression.ts';
import { setHeader } from '../response-headers/index.ts';

/**
 * Compresses JSON answers of GET requests of at least `threshold` bytes with brotli or gzip, per
 * `Accept-Encoding`, and says `Vary: Accept-Encoding` on every answer it could have compressed.
 * Writes (filings, events) are left alone: their answers are small, and the filing path must not pay
 * for reading its body back. Answers that carry their own encoding (the catalog's precompressed
 * bodies) pass as they are. Hono's compress() cannot be used here: it decides by Content-Length,
 * which c.json() does not set, so it would compress every answer.
 */
export function compressJson({ threshold = 1024 }: { threshold?: number } = {}): MiddlewareHandler {
  return async function compressJson(c, next) {
    await next();
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return;
    // Vary through the Node response, and the answer's own headers read only when the client takes
    // a compressed body: reading c.res.headers turns @hono/node-server's light Response into a
    // full one, a cost every GET would pay otherwise.
    setHeader(c, 'Vary', 'Accept-Encoding', { append: true });
    const encoding = chooseEncoding(c.req.header('Accept-Encoding'));
    if (!encoding) return;
    const res = c.res;
    if (
      !res.body ||
      res.headers.has('Content-Encoding') ||
      !/^application\/(?:[\w.+-]+\+)?json\b/i.test(res.headers.get('Content-Type') ?? '')
    )
      return;
    const body = new Uint8Array(await res.arrayBuffer());
    // Hono's res setter copies the old answer's headers onto the new one: adjust them after it.
    if (body.length < threshold) {
      c.res = new Response(body, res);
      return;
    }
    c.res = new Response(new Uint8Array(await compressBody(body, encoding)), res);
    c.res.headers.set('Content-Encoding', encoding);
    c.res.headers.delete('Content-Length');
    const etag = c.res.headers.get('ETag');
    // The compressed bytes are another representation: a strong validator would claim they are the same.
    if (etag && !etag.startsWith('W/')) c.res.headers.set('ETag', `W/${etag}`);
  };
}
