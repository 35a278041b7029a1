import type { OutboxConfig } from './outbox/dispatcher.ts';
/** Environment → typed configuration. A bad variable stops the server with one line naming it. */

export type CaptchaConfig =
  | { provider: 'altcha' }
  | { provider: 'hcaptcha'; sitekey: string; secret: string; verifyUrl: string; timeoutMs: number }
  | { provider: 'off' };

export interface Config {
  port: number;
  host: string;
  /**
   * The origin citizens and mail readers reach this server at ('https://contacto.gob.ec'): every
   * link the server writes starts with it, and browsers on it may file for any institution.
   */
  publicUrl: string;
  databaseUrl: string;
  databaseAuthToken?: string;
  captcha: CaptchaConfig;
  rateLimit: boolean;
  seedDemo: boolean;
  production: boolean;
  /**
   * How many reverse proxies you control stand in front of the server: the client's address is the
   * X-Forwarded-For entry that many places from the right (each proxy appends the address it saw).
   * 0: the socket's address; X-Forwarded-For is ignored.
   */
  trustProxy: number;
  /** Mail and webhooks: see api/outbox/dispatcher.ts. */
  outbox: OutboxConfig;
  logLevel: string;
  /** SECRET_KEY: seals what the database keeps that must not be readable from its file (domain/secret-box.ts). */
  secretKey: Uint8Array;
  /** SECRET_KEY_PREVIOUS: still opens what it sealed, during a rotation. */
  secretKeyPrevious: Uint8Array[];
  /** No SECRET_KEY outside production: the demo's fixed, public key (DEV_SECRET_KEY) is in use. */
  secretKeyIsDev: boolean;
  /** Webhooks may go to loopback (a receiver on this machine: the demo, the tests); never in production by default. */
  webhookAllowLoopback: boolean;
}

/**
 * The key of the demo and the tests when SECRET_KEY is not set. It is in this public file, so it
 * protects nothing: production refuses to start without SECRET_KEY, and the server warns at start
 * whenever this one is in use.
 */
export const DEV_SECRET_KEY = 'ZGVtbyBvbmx5OiBub3QgYSBzZWNyZXQgLSBjb250YWN0by1jaXVkYWRhbm8';

/** A key of at least 32 bytes, written as hex (64+ digits: a string of hex digits is read as hex) or base64/base64url. */
function secretKey(env: Env, name: string): Uint8Array | undefined {
  const value = env[name]?.trim();
  if (!value) return undefined;
  let bytes: Buffer | null = null;
  if (/^[0-9a-fA-F]+$/.test(value) && value.length % 2 === 0) {
    bytes = Buffer.from(value, 'hex');
  } else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) {
    bytes = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  }
  if (!bytes || bytes.length < 32) {
    throw new ConfigError(
      name,
      'must be at least 32 random bytes, as hex or base64 (make one with: openssl rand -base64 32)',
    );
  }
  return bytes;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const value = env[name]?.trim();
  if (value === undefined || value === '') return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got "${value}")`);
  }
  return value as T;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const value = env[name]?.trim().toLowerCase();
  if (value === undefined || value === '') return fallback;
  if (['true', '1', 'on', 'yes'].includes(value)) return true;
  if (['false', '0', 'off', 'no'].includes(value)) return false;
  throw new ConfigError(name, `must be true/false or on/off (got "${env[name]}")`);
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = env[name]?.trim();
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max} (got "${value}")`);
  }
  return n;
}

function url(env: Env, name: string, fallback: string, protocols: string[]): string {
  const value = env[name]?.trim() || fallback;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(name, `is not a URL (got "${value}")`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.join(' or ')} (got "${value}")`);
  }
  return value;
}

/** PUBLIC_URL, else the address the server listens on (a wildcard host is reached as loopback). */
function publicUrl(env: Env, host: string, port: number): string {
  const value = env.PUBLIC_URL?.trim();
  if (!value) {
    if (port === 0)
      throw new ConfigError('PUBLIC_URL', 'is required when PORT=0 (the port is not known beforehand)');
    const name =
      host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;
    return new URL(`http://${name}:${port}`).origin;
  }
  const parsed = new URL(url(env, 'PUBLIC_URL', '', ['http:', 'https:']));
  if (parsed.pathname !== '/' || parsed.search || parsed.hash || parsed.username) {
    throw new ConfigError(
      'PUBLIC_URL',
      `must be an origin, scheme://host[:port] with no path (got "${value}")`,
    );
  }
  return parsed.origin;
}

/** TRUST_PROXY: a number of proxies, or true (one) / false (none) as before it was a number. */
function proxies(env: Env): number {
  const value = env.TRUST_PROXY?.trim().toLowerCase();
  if (value === undefined || value === '') return 0;
  if (['true', 'on', 'yes'].includes(value)) return 1;
  if (['false', 'off', 'no'].includes(value)) return 0;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 10) {
    throw new ConfigError(
      'TRUST_PROXY',
      `must be the number of reverse proxies in front of the server, 0 to 10, or true (1) / false (0) (got "${env.TRUST_PROXY}")`,
    );
  }
  return n;
}

function required(env: Env, name: string, because: string): string {
  const value = env[name]?.trim();
  if (!value) throw new ConfigError(name, `is required ${because}`);
  return value;
}

export function loadConfig(env: Env = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const provider = oneOf(env, 'CAPTCHA', ['altcha', 'hcaptcha', 'off'], 'altcha');
  if (provider === 'off' && production) {
    throw new ConfigError('CAPTCHA', 'cannot be "off" when NODE_ENV=production');
  }
  let captcha: CaptchaConfig;
  if (provider === 'hcaptcha') {
    captcha = {
      provider,
      sitekey: required(env, 'HCAPTCHA_SITEKEY', 'when CAPTCHA=hcaptcha'),
      secret: required(env, 'HCAPTCHA_SECRET', 'when CAPTCHA=hcaptcha'),
      // Plain HTTP only outside production (tests point it at a local server): in production the
      // secret and the citizen's token would cross the network in clear.
      verifyUrl: url(
        env,
        'HCAPTCHA_VERIFY_URL',
        'https://api.hcaptcha.com/siteverify',
        production ? ['https:'] : ['https:', 'http:'],
      ),
      timeoutMs: integer(env, 'HCAPTCHA_TIMEOUT_MS', 3000, 100, 30_000),
    };
  } else {
    captcha = { provider };
  }
  const rateLimit = oneOf(env, 'RATE_LIMIT', ['on', 'off'], 'on') === 'on';
  if (!rateLimit && production) {
    throw new ConfigError('RATE_LIMIT', 'cannot be "off" when NODE_ENV=production');
  }
  const databaseUrl = url(env, 'DATABASE_URL', 'file:data/contacto.db', [
    'file:',
    'http:',
    'https:',
    'libsql:',
    'ws:',
    'wss:',
  ]);
  const databaseAuthToken = env.DATABASE_AUTH_TOKEN?.trim() || undefined;
  const smtpUrl = env.SMTP_URL?.trim() ? url(env, 'SMTP_URL', '', ['smtp:', 'smtps:']) : undefined;
  const outbox: OutboxConfig = {
    ...(smtpUrl ? { smtpUrl } : {}),
    mailFrom: env.MAIL_FROM?.trim() || 'Contacto Ciudadano <no-reply@contacto-ciudadano.localhost>',
    intervalMs: integer(env, 'OUTBOX_INTERVAL_MS', 2000, 50, 600_000),
    retryBaseMs: integer(env, 'OUTBOX_RETRY_BASE_MS', 30_000, 1, 3_600_000),
    maxDelayMs: integer(env, 'OUTBOX_MAX_DELAY_MS', 6 * 3_600_000, 1, 7 * 24 * 3_600_000),
    maxAttempts: integer(env, 'OUTBOX_MAX_ATTEMPTS', 10, 1, 100),
    timeoutMs: integer(env, 'OUTBOX_TIMEOUT_MS', 10_000, 100, 120_000),
  };
  const configuredKey = secretKey(env, 'SECRET_KEY');
  if (!configuredKey && production) {
    throw new ConfigError(
      'SECRET_KEY',
      'is required when NODE_ENV=production (make one with: openssl rand -base64 32)',
    );
  }
  const previousKey = secretKey(env, 'SECRET_KEY_PREVIOUS');
  const webhookAllowLoopback = bool(env, 'WEBHOOK_ALLOW_LOOPBACK', !production);
  if (webhookAllowLoopback && production) {
    throw new ConfigError('WEBHOOK_ALLOW_LOOPBACK', 'cannot be true when NODE_ENV=production');
  }
  const port = integer(env, 'PORT', 8787, 0, 65535);
  const host = env.HOST?.trim() || '127.0.0.1';
  return {
    port,
    host,
    publicUrl: publicUrl(env, host, port),
    databaseUrl,
    ...(databaseAuthToken ? { databaseAuthToken } : {}),
    captcha,
    rateLimit,
    seedDemo: bool(env, 'SEED_DEMO', !production),
    production,
    trustProxy: proxies(env),
    outbox,
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
    secretKey: configuredKey ?? Buffer.from(DEV_SECRET_KEY, 'base64url'),
    secretKeyPrevious: previousKey ? [previousKey] : [],
    secretKeyIsDev: !configuredKey,
    webhookAllowLoopback,
  };
}
