import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../app-env.ts';

/** An address as written in a header or by the socket: IPv4-mapped IPv6 as IPv4, no zone, no brackets. */
export function normalizeAddress(raw: string | undefined): string | null {
  if (!raw) return null;
  let address = raw.trim();
  if (address.startsWith('[') && address.endsWith(']')) address = address.slice(1, -1);
  address = address.replace(/%[\w.-]+$/, '');
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped?.[1]) address = mapped[1];
  return isIP(address) ? address.toLowerCase() : null;
}

/**
 * The client's address behind `hops` reverse proxies: each proxy appends the address it was
 * reached from (nginx: `proxy_add_x_forwarded_for`), so the entries from the right are written by
 * proxies we trust and everything to their left by the client, who may write anything. The entry
 * `hops` places from the right is the one the outermost trusted proxy saw. Missing, short or not
 * an IP: the socket's address.
 */
export function clientAddress(
  forwardedFor: string | undefined,
  socketAddress: string | undefined,
  hops: number,
): string {
  const socket = normalizeAddress(socketAddress) ?? 'unknown';
  if (hops <= 0 || !forwardedFor) return socket;
  // Longer than any list of real hops: a client's padding, not addresses (and no work spent on it).
  if (forwardedFor.length > 4096) return socket;
  const entries = forwardedFor.split(',');
  if (entries.length < hops) return socket;
  return normalizeAddress(entries[entries.length - hops]) ?? socket;
}

/**
 * Sets `clientIp`: the socket's address, or with `trustProxy` hops the address from
 * X-Forwarded-For as `clientAddress` reads it. Straight from Node's socket (getConnInfo builds an
 * object per call); `app.request()` has none, and gets 'unknown'.
 */
export function clientIp({ trustProxy = 0 }: { trustProxy?: number } = {}): MiddlewareHandler<AppEnv> {
  return async function clientIp(c, next) {
    const socket = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket?.remoteAddress;
    c.set(
      'clientIp',
      clientAddress(trustProxy > 0 ? c.req.header('X-Forwarded-For') : undefined, socket, trustProxy),
    );
    await next();
  };
}
