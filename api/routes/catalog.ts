import { Hono } from 'hono';
import type { AppEnv, Deps } from '../app-env.ts';
import { listInstitutions } from '../db/institutions.ts';
import { chooseEncoding } from '../http/compression.ts';
import { ApiError } from '../http/errors.ts';
import { setHeader } from '../middleware/response-headers/index.ts';

/** The directory of institutions and each institution's public catalog. */
export function catalogRoutes({ db, catalogs }: Deps) {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      setHeader(c, 'Cache-Control', 'public, max-age=60');
      return c.json(await listInstitutions(db.read));
    })
    .get('/:code', async (c) => {
      const institution = await catalogs.get(c.req.param('code'));
      if (!institution) throw new ApiError('institution_not_found');
      const encoding = chooseEncoding(c.req.header('Accept-Encoding'));
      // One revision, one validator per encoding ("…-br"): a compressed body is another representation.
      const etag = encoding ? `${institution.etag.slice(0, -1)}-${encoding}"` : institution.etag;
      setHeader(c, 'ETag', etag);
      setHeader(c, 'Cache-Control', 'public, max-age=60, stale-while-revalidate=600');
      // Pages embedding the widget may revalidate cheaply: a 304 carries no body. Any encoding's tag
      // of the current revision will do (If-None-Match compares weakly).
      const revision = institution.etag.slice(1, -1);
      const ifNoneMatch = c.req.header('If-None-Match');
      if (
        ifNoneMatch
          ?.match(/"[^"]*"/g)
          ?.some((tag) => tag.slice(1, -1).replace(/-(br|gzip)$/, '') === revision)
      ) {
        return c.body(null, 304);
      }
      const headers = { 'Content-Type': 'application/json; charset=UTF-8' };
      if (!encoding) return c.body(institution.publicBody, 200, headers);
      return c.body(await institution.encoded(encoding), 200, { ...headers, 'Content-Encoding': encoding });
    });
}
