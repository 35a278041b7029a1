import type { Logger } from 'pino';
import type { StaffTokenRecord } from './db/staff-tokens.ts';
import type { Locale } from './schema/messages.ts';

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
