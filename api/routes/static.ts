import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';
import { etag } from 'hono/etag';
import type { AppEnv } from '../app-env.ts';
import { ApiError } from '../http/errors.ts';
import { setHeader } from '../middleware/response-headers/index.ts';

const ROOT = join(import.meta.dirname, '..', '..');

export interface StaticDirs {
  /** The built widget (`npm run build`), with the .br and .gz copies the build writes. */
  widget: string;
  /** The demo institutions' sites. */
  demo: string;
}

export const STATIC_DIRS: StaticDirs = {
  widget: join(ROOT, 'dist', 'widget'),
  demo: join(ROOT, 'demo', 'site'),
};

/** Chunks carry a content hash in their name: a new build gives new names, never new bytes under an old one. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The entry keeps the URL webmasters embed: cached for a while, then revalidated (a 304 when unchanged). */
const ENTRY = 'public, max-age=300, must-revalidate';
/** Compression of the demo pages (on the fly: they are small and few). */
const DEMO_COMPRESSION = { threshold: 256 };

function notFound(): never {
  throw new ApiError('not_found');
}

/**
 * The widget bundle under /widget/ and the demo institutions' sites under / and /demo/, through
 * @hono/node-server's serveStatic (which refuses paths that climb out of the folder). The widget is
 * loaded cross-origin by institutions' websites as a module script, which browsers fetch in CORS
 * mode: hence `Access-Control-Allow-Origin: *` (it is public code).
 */
export function staticRoutes(dirs: StaticDirs = STATIC_DIRS) {
  const widgetHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
    await next();
    if (c.res.status >= 400) return;
    setHeader(c, 'Access-Control-Allow-Origin', '*');
    setHeader(c, 'Cache-Control', c.req.path.startsWith('/widget/chunks/') ? IMMUTABLE : ENTRY);
    // The ETag is the validator (a revalidation sends If-None-Match); a date beside it only adds
    // bytes to every answer, and a chunk is never revalidated at all.
    c.res.headers.delete('Last-Modified');
    // The same URL answers in brotli, gzip or identity: caches must key on what the client accepts.
    if (!/accept-encoding/i.test(c.res.headers.get('Vary') ?? ''))
      c.header('Vary', 'Accept-Encoding', { append: true });
  };
  const noCache: MiddlewareHandler<AppEnv> = async (c, next) => {
    await next();
    if (c.res.ok) setHeader(c, 'Cache-Control', 'no-cache');
  };
  // Each route lists its middleware itself rather than through use(): a use() pattern beside the
  // API's routes made Hono's SmartRouter give up its RegExpRouter for the slower TrieRouter, which
  // every API request then paid for.
  return (
    new Hono<AppEnv>()
      // etag() hashes the bytes sent, so each encoding has its own strong validator.
      .get(
        '/widget/*',
        widgetHeaders,
        etag(),
        serveStatic({
          root: dirs.widget,
          precompressed: true,
          rewriteRequestPath: (path) => path.slice('/widget'.length),
        }),
        notFound,
      )
      // The demo pages stand for the institutions' own sites, which compress their pages too, and
      // answer a revalidation with a 304 (etag() outside compress(): each encoding its own tag).
      // From a few hundred bytes, as a web server's defaults do (Hono's 1 KB left the demo page
      // itself, just under it, uncompressed).
      .get(
        '/',
        etag(),
        compress(DEMO_COMPRESSION),
        serveStatic({ root: dirs.demo, path: 'index.html' }),
        notFound,
      )
      .get(
        '/demo/*',
        etag(),
        compress(DEMO_COMPRESSION),
        noCache,
        serveStatic({ root: dirs.demo, rewriteRequestPath: (path) => path.slice('/demo'.length) }),
        notFound,
      )
  );
}
