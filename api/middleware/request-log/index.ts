import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import type { AppEnv } from '../../app-env.ts';

/**
 * One structured line per request: id, method, path, status, duration. Deliberately without the
 * query string (it may carry a tracking code), bodies, headers or the client's address: the logs
 * hold no personal data, so they can be kept and shared for audits.
 *
 * Handlers log through `c.get('logger')`, a pino child carrying the request id. It is made only
 * when a handler first logs: a pino child is costly next to the rest of this middleware.
 */
export function requestLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async function requestLog(c, next) {
    const started = performance.now();
    const requestId = c.get('requestId');
    let child: Logger | undefined;
    const lazy = () => {
      child ??= logger.child({ requestId });
      return child;
    };
    // A line below the level is dropped before the child is made: the filing route's "request
    // filed" made one per filing at LOG_LEVEL=warn, to write nothing.
    c.set('logger', {
      info: (...args: Parameters<Logger['info']>) => {
        if (logger.isLevelEnabled('info')) lazy().info(...args);
      },
      warn: (...args: Parameters<Logger['warn']>) => {
        if (logger.isLevelEnabled('warn')) lazy().warn(...args);
      },
      error: (...args: Parameters<Logger['error']>) => lazy().error(...args),
    });
    await next();
    if (!logger.isLevelEnabled('info')) return;
    logger.info(
      {
        requestId,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      },
      'request',
    );
  };
}
