import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type MiddlewareHandler } from 'hono';
import { etag } from 'hono/etag';
import type { AppEnv } from '../app-env.ts';
import { ApiError } from '../http/errors.ts';
import { setHeader } from '../middleware/response-headers/index.ts';

/** The built back office (`npm run build`: vite.staff.config.ts), with its .br and .gz copies. */
export const STAFF_DIR = join(import.meta.dirname, '..', '..', 'dist', 'staff');

/** Its scripts and styles carry a content hash in their names. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

function notFound(): never {
  throw new ApiError('not_found');
}

/**
 * The back office at /staff/: one HTML page for every screen (the application routes in the
 * browser), always revalidated so a new build is picked up at once, and its hashed assets cached
 * for good. The page gets the pages' security headers (the demo's strict CSP) from
 * responseHeaders(); never cached by shared caches, as what it shows is personal data.
 */
export function staffAppRoutes(dir: string = STAFF_DIR) {
  const page: MiddlewareHandler<AppEnv> = async (c, next) => {
    await next();
    if (c.res.ok) setHeader(c, 'Cache-Control', 'no-cache, private');
    c.res.headers.delete('Last-Modified');
  };
  const assets: MiddlewareHandler<AppEnv> = async (c, next) => {
    await next();
    if (!c.res.ok) return;
    setHeader(c, 'Cache-Control', IMMUTABLE);
    c.res.headers.delete('Last-Modified');
    if (!/accept-encoding/i.test(c.res.headers.get('Vary') ?? ''))
      c.header('Vary', 'Accept-Encoding', { append: true });
  };
  const index = serveStatic<AppEnv>({ root: dir, path: 'index.html' });
  return new Hono<AppEnv>()
    .get('/staff', (c) => c.redirect('/staff/', 301))
    .get(
      '/staff/assets/*',
      assets,
      etag(),
      serveStatic({
        root: dir,
        precompressed: true,
        rewriteRequestPath: (path) => path.slice('/staff'.length),
      }),
      notFound,
    )
    .get('/staff/*', page, etag(), index, notFound);
}
