import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import type { AppEnv, Deps } from '../../app-env.ts';
import {
  type AccountRecord,
  findAccount,
  findSession,
  hashSecret,
  type SessionRecord,
} from '../../db/accounts.ts';
import { isoSeconds } from '../../domain/clock.ts';
import { SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS } from '../../domain/roles.ts';
import { ApiError } from '../../http/errors.ts';

/** `__Host-`: the browser keeps it only if Secure, Path=/ and no Domain: no subdomain can set or read it. */
export const SESSION_COOKIE = '__Host-cc_session';
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** last_seen_at is written at most this often: a session's reads are not a write each. */
const TOUCH_SECONDS = 60;

export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

/** A new one-time secret for a link (invitation, reset), and the hash that is stored. */
export function newLinkToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashSecret('link', token) };
}

export function sessionHash(id: string): string {
  return hashSecret('session', id);
}

/** The CSRF token of a session: derived from its secret, so nothing more is stored, and it reveals nothing of it. */
export function csrfToken(sessionId: string): string {
  return createHash('sha256').update(`csrf:${sessionId}`).digest('base64url');
}

export function sessionCookie(id: string): string {
  return `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=${SESSION_ABSOLUTE_SECONDS}`;
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, {
    path: '/',
    secure: true,
    httpOnly: true,
    sameSite: 'Strict',
    prefix: undefined,
  });
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * A state-changing request on a session: same-origin (Sec-Fetch-Site, else Origin, is this
 * server's) and carrying the session's CSRF token. SameSite=Strict already keeps the cookie off
 * cross-site requests in current browsers; this is the second lock, for older ones and for
 * same-site neighbours.
 */
export function checkCsrf(c: Context<AppEnv>, sessionId: string, publicUrl: string): void {
  if (READS.has(c.req.method)) return;
  const site = c.req.header('Sec-Fetch-Site');
  if (site && site !== 'same-origin') throw new ApiError('csrf_failed');
  const origin = c.req.header('Origin');
  if (origin && origin !== new URL(c.req.url).origin && origin !== new URL(publicUrl).origin) {
    throw new ApiError('csrf_failed');
  }
  const token = c.req.header('X-CSRF-Token') ?? '';
  if (!equal(token, csrfToken(sessionId))) throw new ApiError('csrf_failed');
}

export interface LiveSession {
  id: string;
  session: SessionRecord;
  account: AccountRecord;
}

/** The live session of the request's cookie, with its (enabled) account; null when there is none. */
export async function readSession(
  c: Context<AppEnv>,
  { db, now }: Pick<Deps, 'db' | 'now'>,
): Promise<LiveSession | null> {
  const id = getCookie(c, SESSION_COOKIE);
  if (!id || id.length > 100) return null;
  const at = now();
  const session = await findSession(
    db.read,
    sessionHash(id),
    isoSeconds(at),
    isoSeconds(new Date(at.getTime() - SESSION_IDLE_SECONDS * 1000)),
  );
  if (!session) return null;
  const account = await findAccount(db.read, session.accountId);
  if (!account || account.disabledAt) return null;
  if (Date.parse(session.lastSeenAt) < at.getTime() - TOUCH_SECONDS * 1000) {
    await db.writer.run('touchSession', { idHash: session.idHash, at: isoSeconds(at) });
    session.lastSeenAt = isoSeconds(at);
  }
  return { id, session, account };
}

/** When the session ends if nothing more happens: its idle limit, or its absolute one if sooner. */
export function sessionExpiry(session: SessionRecord): string {
  const idle = isoSeconds(new Date(Date.parse(session.lastSeenAt) + SESSION_IDLE_SECONDS * 1000));
  return idle < session.expiresAt ? idle : session.expiresAt;
}

/**
 * Routes for a signed-in person: 401 `unauthorized` without a live session, 403 `csrf_failed` for a
 * write without the token or from another site. `allowEnrolOnly`: the session of an admin who
 * must still enrol a second factor may use this route (the enrolment itself, the session, sign-out).
 */
export function sessionAuth(
  deps: Pick<Deps, 'db' | 'now' | 'config'>,
  { allowEnrolOnly = false }: { allowEnrolOnly?: boolean } = {},
): MiddlewareHandler<AppEnv> {
  return async function sessionAuth(c, next) {
    const live = await readSession(c, deps);
    if (!live) throw new ApiError('unauthorized');
    checkCsrf(c, live.id, deps.config.publicUrl);
    if (live.session.enrolOnly && !allowEnrolOnly) throw new ApiError('second_factor_required');
    c.set('account', live.account);
    c.set('sessionId', live.id);
    await next();
  };
}
