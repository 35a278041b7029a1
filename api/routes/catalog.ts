import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { listInstitutions } from '../db/institutions.ts';
import type { Deps } from '../deps.ts';
import { ApiError } from '../errors.ts';
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
      // Pages embedding the widget may revalidate cheaply: a 304 carries no body.
      setHeader(c, 'ETag', institution.etag);
      setHeader(c, 'Cache-Control', 'public, max-age=60, stale-while-revalidate=600');
      const ifNoneMatch = c.req.header('If-None-Match');
      if (ifNoneMatch?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === institution.etag)) {
        return c.body(null, 304);
      }
      return c.body(institution.publicBody, 200, { 'Content-Type': 'application/json; charset=UTF-8' });
    });
}
