import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { ApiError } from '../http/errors.ts';
import { setHeader } from '../middleware/response-headers/index.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const WIDGET_DIR = join(ROOT, 'dist', 'widget');
const DEMO_DIR = join(ROOT, 'demo', 'site');

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=UTF-8',
  '.map': 'application/json; charset=UTF-8',
  '.json': 'application/json; charset=UTF-8',
  '.html': 'text/html; charset=UTF-8',
  '.css': 'text/css; charset=UTF-8',
};

/** Reads a file under `dir` for a URL path, refusing anything that would climb out of it. */
async function readUnder(dir: string, path: string): Promise<{ body: Buffer; type: string } | null> {
  const type = TYPES[extname(path)];
  const full = normalize(join(dir, path));
  if (!type || !full.startsWith(`${dir}/`)) return null;
  try {
    return { body: await readFile(full), type };
  } catch {
    return null;
  }
}

/**
 * The widget bundle under /widget/ and the demo institutions' sites under / and /demo/.
 * The widget is loaded cross-origin by institutions' websites as a module script, which browsers
 * fetch in CORS mode: hence `Access-Control-Allow-Origin: *` (it is public code).
 */
export function staticRoutes() {
  return new Hono<AppEnv>()
    .get('/widget/*', async (c) => {
      const path = c.req.path.slice('/widget/'.length);
      const file = await readUnder(WIDGET_DIR, path);
      if (!file) throw new ApiError('not_found');
      setHeader(c, 'Access-Control-Allow-Origin', '*');
      // Chunks carry a content hash in their name; the entry keeps its name and must be revalidated.
      setHeader(
        c,
        'Cache-Control',
        path.startsWith('chunks/')
          ? 'public, max-age=31536000, immutable'
          : 'public, max-age=300, must-revalidate',
      );
      return c.body(new Uint8Array(file.body), 200, { 'Content-Type': file.type });
    })
    .get('/', async (c) => {
      const file = await readUnder(DEMO_DIR, 'index.html');
      if (!file) throw new ApiError('not_found');
      return c.body(new Uint8Array(file.body), 200, { 'Content-Type': file.type });
    })
    .get('/demo/*', async (c) => {
      const file = await readUnder(DEMO_DIR, c.req.path.slice('/demo/'.length));
      if (!file) throw new ApiError('not_found');
      setHeader(c, 'Cache-Control', 'no-cache');
      return c.body(new Uint8Array(file.body), 200, { 'Content-Type': file.type });
    });
}
