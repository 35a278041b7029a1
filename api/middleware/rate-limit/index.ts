import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import type { Context, MiddlewareHandler } from 'hono';
import { type ClientRateLimitInfo, rateLimiter, type Store } from 'hono-rate-limiter';
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
  /** Clients remembered at most; past it the least recently seen is forgotten. */
  maxKeys?: number;
}

/** The eight 16-bit groups of an IPv6 address (valid, as `isIP` says), `::` expanded. */
function ipv6Groups(address: string): string[] {
  let text = address;
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const middle = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''));
}

/**
 * A client's rate-limit key: an IPv4 address as it is; an IPv6 address by its /64, the block one
 * subscriber is given (a host picks any of its 2^64 addresses at will, so per address it would
 * have 2^64 buckets). Anything else, hashed to a fixed size.
 */
export function rateLimitKey(clientIp: string): string {
  const family = isIP(clientIp);
  if (family === 4) return clientIp;
  if (family === 6) return `${ipv6Groups(clientIp).slice(0, 4).join(':')}::/64`;
  return `#${createHash('sha256').update(clientIp).digest('base64url').slice(0, 22)}`;
}

/**
 * hono-rate-limiter's MemoryStore keeps every key seen in a window, without a bound: this one
 * keeps at most `maxKeys` (a Map in order of last use; the least recently seen is forgotten
 * first), and a key longer than 64 characters is stored as its hash, so memory is bounded
 * whatever clients send.
 */
export class BoundedMemoryStore implements Store<AppEnv> {
  readonly #clients = new Map<string, ClientRateLimitInfo & { resetTime: Date }>();
  #windowMs = 60_000;
  readonly localKeys = true;

  constructor(readonly maxKeys = 50_000) {}

  init(options: { windowMs: number }): void {
    this.#windowMs = options.windowMs;
  }

  get size(): number {
    return this.#clients.size;
  }

  #key(key: string): string {
    return key.length > 64 ? `#${createHash('sha256').update(key).digest('base64url')}` : key;
  }

  #client(key: string, now: number) {
    const k = this.#key(key);
    let client = this.#clients.get(k);
    if (client) this.#clients.delete(k);
    if (!client || client.resetTime.getTime() <= now) {
      client = { totalHits: 0, resetTime: new Date(now + this.#windowMs) };
    }
    this.#clients.set(k, client);
    while (this.#clients.size > this.maxKeys) {
      const oldest = this.#clients.keys().next().value;
      if (oldest === undefined) break;
      this.#clients.delete(oldest);
    }
    return client;
  }

  get(key: string): ClientRateLimitInfo | undefined {
    const client = this.#clients.get(this.#key(key));
    return client && client.resetTime.getTime() > Date.now() ? client : undefined;
  }

  increment(key: string): ClientRateLimitInfo {
    const client = this.#client(key, Date.now());
    client.totalHits++;
    return client;
  }

  decrement(key: string): void {
    const client = this.#clients.get(this.#key(key));
    if (client && client.totalHits > 0) client.totalHits--;
  }

  resetKey(key: string): void {
    this.#clients.delete(this.#key(key));
  }

  resetAll(): void {
    this.#clients.clear();
  }
}

/**
 * Per-client limits (hono-rate-limiter over a bounded store, in memory: per process, so N server
 * processes allow up to N times the limit). Past the limit: 429 rate_limited in the contract's
 * shape, with Retry-After in seconds. Clients are told apart by `rateLimitKey(clientIp)`.
 */
export function rateLimit({
  limit,
  windowMs,
  failuresOnly,
  key = (c) => rateLimitKey(c.get('clientIp')),
  enabled = true,
  maxKeys,
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
    store: new BoundedMemoryStore(maxKeys),
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
