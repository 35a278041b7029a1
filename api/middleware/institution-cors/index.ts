import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { ApiError } from '../../http/errors.ts';
import { setHeader } from '../response-headers/index.ts';

export interface InstitutionCorsOptions {
  /** The origins allowed for a request, or null when it names no known institution. */
  allowedOrigins: (c: Parameters<MiddlewareHandler<AppEnv>>[0]) => Promise<readonly string[] | null>;
  /** Methods whose foreign Origin is refused with 403 rather than merely left without CORS headers. */
  enforceOn?: readonly string[];
}

/**
 * CORS per institution: each institution lists the websites that embed its widget. Those origins get
 * CORS headers; any other origin gets none, and a state-changing request from it is refused outright
 * (403 origin_not_allowed), since CORS alone only stops the browser from reading the answer.
 * Requests without Origin (curl, servers) are not browsers' cross-site requests and pass.
 */
export function institutionCors({
  allowedOrigins,
  enforceOn = ['POST'],
}: InstitutionCorsOptions): MiddlewareHandler<AppEnv> {
  return async function institutionCors(c, next) {
    const origin = c.req.header('Origin');
    setHeader(c, 'Vary', 'Origin', { append: true });
    if (!origin) return next();
    const allowed = await allowedOrigins(c);
    const ok = allowed?.includes(origin) ?? false;
    if (c.req.method === 'OPTIONS') {
      if (!ok) return c.body(null, 204);
      setHeader(c, 'Access-Control-Allow-Origin', origin);
      setHeader(c, 'Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      setHeader(
        c,
        'Access-Control-Allow-Headers',
        'Content-Type, Content-Disposition, Accept-Language, Idempotency-Key, X-Tracking-Code, If-None-Match',
      );
      setHeader(c, 'Access-Control-Max-Age', '600');
      return c.body(null, 204);
    }
    if (!ok && allowed && enforceOn.includes(c.req.method)) throw new ApiError('origin_not_allowed');
    if (ok) {
      setHeader(c, 'Access-Control-Allow-Origin', origin);
      setHeader(c, 'Access-Control-Expose-Headers', 'Location, ETag, Retry-After, X-Request-Id');
    }
    return next();
  };
}
