import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { isLocale, negotiateLocale } from '../../schema/messages.ts';

/**
 * Picks the language of messages: `?locale=` first (a link can force it), then Accept-Language.
 * The filing route lets the body's own `locale` override it.
 */
export function locale(): MiddlewareHandler<AppEnv> {
  return async function locale(c, next) {
    const query = c.req.query('locale');
    c.set('locale', isLocale(query) ? query : negotiateLocale(c.req.header('Accept-Language')));
    await next();
  };
}
