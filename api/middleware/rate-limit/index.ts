import type { Context, MiddlewareHandler } from 'hono';
import { rateLimiter } from 'hono-rate-limiter';
import type { AppEnv } from '../../app-env.ts';
import { ApiError } from '../../http/errors.ts';

export interface RateLimitOptions {
  /** Requests (or failures, with `failuresOnly`) allowed per client in each window. */
  limit: number;
  windowMs: number;
  /** Count only the answers `failed` says are failures, e.g. wrong tracking codes. */
  failuresOnly?: (c: Context<AppEnv>) => boolean;
  /** Whose bucket a request counts in: the client's address unless told (a staff token's id). */
  key?: (c: Context<AppEnv>) => string;
  enabled?: boolean;
}

/**
 * Per-client limits (hono-rate-limiter, in memory: per process). Past the limit: 429 rate_limited
 * in the contract's shape, with Retry-After in seconds.
 */
export function rateLimit({
  limit,
  windowMs,
  failuresOnly,
  key = (c) => c.get('clientIp'),
  enabled = true,
}: RateLimitOptions): MiddlewareHandler<AppEnv> {
  if (!enabled) {
    return async function rateLimitOff(_c, next) {
      await next();
    };
  }
  return rateLimiter<AppEnv>({
    windowMs,
    limit,
    standardHeaders: 'draft-7',
    keyGenerator: key,
    ...(failuresOnly
      ? { skipSuccessfulRequests: true, requestWasSuccessful: (c: Context<AppEnv>) => !failuresOnly(c) }
      : {}),
    handler: (c) => {
      const info = c.get('rateLimit' as never) as { resetTime?: Date } | undefined;
      const seconds = Math.max(
        1,
        Math.ceil(((info?.resetTime?.getTime() ?? Date.now() + windowMs) - Date.now()) / 1000),
      );
      throw new ApiError('rate_limited', { headers: { 'Retry-After': String(seconds) } });
    },
  });
}
