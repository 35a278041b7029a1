import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { findStaffToken } from '../../db/staff-tokens.ts';
import type { Reader } from '../../db/types.ts';
import { type Clock, isoSeconds } from '../../domain/clock.ts';
import { ApiError } from '../../http/errors.ts';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Bearer tokens of institution staff. 401 without a live token (unknown, revoked or expired on the
 * application's clock); 403 when the token belongs to another institution than the `:code` in the
 * path, and 403 for any write (a method other than GET/HEAD) with a read-only token.
 */
export function staffAuth(read: Reader, now: Clock): MiddlewareHandler<AppEnv> {
  return async function staffAuth(c, next) {
    const header = c.req.header('Authorization') ?? '';
    const match = /^Bearer\s+(\S{10,200})$/i.exec(header);
    const staff = match?.[1] ? await findStaffToken(read, match[1], isoSeconds(now())) : null;
    if (!staff)
      throw new ApiError('unauthorized', { headers: { 'WWW-Authenticate': 'Bearer realm="staff"' } });
    if (staff.institution !== c.req.param('code')) throw new ApiError('forbidden');
    if (staff.readOnly && !READS.has(c.req.method)) throw new ApiError('forbidden');
    c.set('staff', staff);
    await next();
  };
}
