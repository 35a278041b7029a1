import type { Logger } from 'pino';
import type { Captcha } from './captcha/index.ts';
import type { CatalogCache } from './catalog/cache.ts';
import type { AppDatabase } from './commands/index.ts';
import type { Config } from './config.ts';
import type { AccountRecord } from './db/accounts.ts';
import type { Clock } from './domain/clock.ts';
import type { Principal } from './domain/roles.ts';
import type { SecretBox } from './domain/secret-box.ts';
import type { AuditQueue } from './http/audit-queue.ts';
import type { AccountMailer } from './outbox/account-mail.ts';
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
  /** The append-only audit log's writer (http/audit-queue.ts). */
  audit: AuditQueue;
  /** Invitations and password resets (outbox/account-mail.ts). */
  mailer: AccountMailer;
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
    /** Who is asking on a staff route: a session's account or a bearer token (middleware/staff-auth). */
    staff: Principal;
    /** The signed-in account and its session's secret, on session routes (middleware/session). */
    account: AccountRecord;
    sessionId: string;
    /** The raw body of a JSON endpoint, read (within its size limit) by the jsonBody middleware. */
    jsonText: string;
  };
}
