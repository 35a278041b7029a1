import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { listInstitutions } from '../db/institutions.ts';
import type { Deps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { chooseEncoding, compressBody, type Encoding } from '../middleware/compress-json/index.ts';
import { setHeader } from '../middleware/response-headers/index.ts';

/** The directory of institutions and each institution's public catalog. */
export function catalogRoutes({ db, catalogs }: Deps) {
  // Each revision of a catalog compressed once per encoding, at the highest level: every citizen's
  // first visit downloads it (brotli's top level takes some 300 bytes more off than the level
  // compressJson uses on the fly), and no request pays for compressing it. Keyed by ETag.
  const encoded = new Map<string, Promise<Buffer>>();
  const encode = (body: string, etag: string, encoding: Encoding): Promise<Buffer> => {
    const key = `${encoding} ${etag}`;
    let bytes = encoded.get(key);
    if (!bytes) {
      bytes = compressBody(new TextEncoder().encode(body), encoding, 11);
      bytes.catch(() => encoded.delete(key));
      if (encoded.size > 1_000) encoded.clear(); // made-up revisions cannot grow it without bound
      encoded.set(key, bytes);
    }
    return bytes;
  };

  return new Hono<AppEnv>()
    .get('/', async (c) => {
      setHeader(c, 'Cache-Control', 'public, max-age=60');
      return c.json(await listInstitutions(db.read));
    })
    .get('/:code', async (c) => {
      const institution = await catalogs.get(c.req.param('code'));
      if (!institution) throw new ApiError('institution_not_found');
      const encoding = chooseEncoding(c.req.header('Accept-Encoding'));
      // Pages embedding the widget may revalidate cheaply: a 304 carries no body. A compressed answer
      // has other bytes than the plain one: a weak validator, as compressJson gives its answers.
      setHeader(c, 'ETag', encoding ? `W/${institution.etag}` : institution.etag);
      setHeader(c, 'Cache-Control', 'public, max-age=60, stale-while-revalidate=600');
      const ifNoneMatch = c.req.header('If-None-Match');
      if (ifNoneMatch?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === institution.etag)) {
        return c.body(null, 304);
      }
      const type = 'application/json; charset=UTF-8';
      if (!encoding) return c.body(institution.publicBody, 200, { 'Content-Type': type });
      // compressJson leaves an answer that has its encoding as it is.
      const body = await encode(institution.publicBody, institution.etag, encoding);
      return c.body(new Uint8Array(body), 200, {
        'Content-Type': type,
        'Content-Encoding': encoding,
        Vary: 'Accept-Encoding',
      });
    });
}
