import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import type { AppDatabase } from '../../commands/index.ts';
import { requestPlacement } from '../../db/accounts.ts';
import { findRequestByTicket, type RequestRecord } from '../../db/requests.ts';
import { findStaffToken } from '../../db/staff-tokens.ts';
import type { Reader } from '../../db/types.ts';
import { type Clock, isoSeconds } from '../../domain/clock.ts';
import { canSeeUnit, type Principal, visibleUnits } from '../../domain/roles.ts';
import { ApiError } from '../../http/errors.ts';
import { checkCsrf, readSession } from '../session/index.ts';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Institution staff: a bearer token (integrations) or a session cookie (people, with the CSRF
 * check of middleware/session for writes). 401 without either live; 403 when the principal belongs
 * to another institution than the `:code` in the path (platform accounts included), and 403 for
 * any write by a read-only token or an auditor. Sets `staff` (domain/roles.ts Principal): which
 * requests it may see is decided by `findVisibleRequest` and `inboxUnits` below, nowhere else.
 *
 * Pass the database (`db`) so sessions are accepted and kept alive; a bare reader accepts tokens only.
 * `readsByPost`: a route that reads with a POST only to keep its input out of the URL (the search
 * of the inbox): auditors and read-only tokens may use it like any read.
 */
export function staffAuth(
  source: Reader | AppDatabase,
  now: Clock,
  publicUrl?: string,
  { readsByPost = false }: { readsByPost?: boolean } = {},
): MiddlewareHandler<AppEnv> {
  const db = 'writer' in source ? source : null;
  const read = db ? db.read : (source as Reader);
  return async function staffAuth(c, next) {
    const header = c.req.header('Authorization');
    let staff: Principal | null = null;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S{10,200})$/i.exec(header);
      const token = match?.[1] ? await findStaffToken(read, match[1], isoSeconds(now())) : null;
      if (token) {
        staff = {
          kind: 'token',
          id: token.id,
          actor: `staff:${token.id}`,
          institution: token.institution,
          role: 'integration',
          units: null,
          readOnly: token.readOnly,
        };
      }
    } else if (db) {
      const live = await readSession(c, { db, now });
      if (live) {
        checkCsrf(c, live.id, publicUrl ?? new URL(c.req.url).origin);
        if (live.session.enrolOnly) throw new ApiError('second_factor_required');
        const { account } = live;
        staff = {
          kind: 'session',
          id: account.id,
          actor: `account:${account.id}`,
          institution: account.institution,
          role: account.role,
          units: visibleUnits(
            account.role,
            account.units.map((u) => u.id),
          ),
          readOnly: account.role === 'auditor',
        };
        c.set('account', account);
        c.set('sessionId', live.id);
      }
    }
    if (!staff)
      throw new ApiError('unauthorized', { headers: { 'WWW-Authenticate': 'Bearer realm="staff"' } });
    if (staff.institution === null || staff.institution !== c.req.param('code'))
      throw new ApiError('forbidden');
    if (staff.readOnly && !READS.has(c.req.method) && !(readsByPost && c.req.method === 'POST'))
      throw new ApiError('forbidden');
    c.set('staff', staff);
    await next();
  };
}

/**
 * THE scoping rule of every staff route that names a request: the request of this ticket, if it
 * belongs to the path's institution and the principal may see its unit; otherwise the same 404 as
 * an unknown ticket (another unit's request is not confirmed to exist).
 */
export async function findVisibleRequest(
  c: Context<AppEnv>,
  read: Reader,
  ticket: string,
): Promise<RequestRecord & { unitId: number | null; assigneeId: number | null }> {
  const staff = c.get('staff');
  const request = await findRequestByTicket(read, ticket.toUpperCase());
  if (!request || request.institution !== c.req.param('code')) throw new ApiError('request_not_found');
  const placement = await requestPlacement(read, request.id);
  if (!canSeeUnit(staff, placement.unitId)) throw new ApiError('request_not_found');
  return { ...request, ...placement };
}

/** The units an inbox, export or report of this principal is limited to (null: the whole institution). */
export function inboxUnits(c: Context<AppEnv>): number[] | null {
  return c.get('staff').units;
}
