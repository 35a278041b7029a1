import type { Logger } from 'pino';
import type { Captcha } from './captcha/index.ts';
import type { CatalogCache } from './catalog/cache.ts';
import type { AppDatabase } from './commands/index.ts';
import type { Config } from './config.ts';
import type { StaffTokenRecord } from './db/staff-tokens.ts';
import type { Clock } from './domain/clock.ts';
import type { SecretBox } from './domain/secret-box.ts';
import type { Locale } from './schema/messages.ts';

/** Everything the routes need, built once by services.ts (or a test) and passed to createApp. */
export interface Deps {
  config: Config;
  db: AppDatabase;
  captcha: Captcha;
  catalogs: CatalogCache;
  logger: Logger;
  /** The application's one clock (domain/clock.ts); tests move it to check deadlines and overdue requests. */
  now: Clock;
  /** Seals and opens what the database keeps secret (SECRET_KEY; domain/secret-box.ts). */
  secrets: SecretBox;
}

/** What middleware puts on the Hono context for handlers. */
export interface AppEnv {
  Variables: {
    locale: Locale;
    requestId: string;
    /** Logs with the request's id (see the request-log middleware). */
    logger: Pick<Logger, 'info' | 'warn' | 'error'>;
    /** The client's address, for rate limits and hCaptcha; never logged or stored. */
    clientIp: string;
    staff: StaffTokenRecord;
    /** The raw body of a JSON endpoint, read (within its size limit) by the jsonBody middleware. */
    jsonText: string;
  };
}
