import type { Logger } from 'pino';
import type { Captcha } from './captcha/index.ts';
import type { CatalogCache } from './catalog-cache.ts';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import type { Clock } from './domain/clock.ts';

/** Everything the routes need, built once by server.ts (or a test) and passed to createApp. */
export interface Deps {
  config: Config;
  db: Database;
  captcha: Captcha;
  catalogs: CatalogCache;
  logger: Logger;
  /** The application's one clock (domain/clock.ts); tests move it to check deadlines and overdue requests. */
  now: Clock;
}
