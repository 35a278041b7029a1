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
/**
 * A request's logger: a pino child carrying the request id, made only when a line at an enabled
 * level is first written. One object per request with its methods on the prototype, rather than
 * closures made for every request.
 */
class RequestLogger implements Pick<Logger, 'info' | 'warn' | 'error'> {
  readonly #logger: Logger;
  readonly #requestId: string;
  #child: Logger | undefined;

  constructor(logger: Logger, requestId: string) {
    this.#logger = logger;
    this.#requestId = requestId;
  }

  #get(): Logger {
    this.#child ??= this.#logger.child({ requestId: this.#requestId });
    return this.#child;
  }

  // A line below the level is dropped before the child is made: the filing route's "request
  // filed" made one per filing at LOG_LEVEL=warn, to write nothing.
  info(...args: Parameters<Logger['info']>) {
    if (this.#logger.isLevelEnabled('info')) this.#get().info(...args);
  }

  warn(...args: Parameters<Logger['warn']>) {
    if (this.#logger.isLevelEnabled('warn')) this.#get().warn(...args);
  }

  error(...args: Parameters<Logger['error']>) {
    this.#get().error(...args);
  }
}

export function requestLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async function requestLog(c, next) {
    const started = performance.now();
    const requestId = c.get('requestId');
    c.set('logger', new RequestLogger(logger, requestId));
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
