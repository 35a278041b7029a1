import { Hono } from 'hono';
import type { AppEnv } from '../../api/app-env.ts';
import { ApiError } from '../../api/http/errors.ts';

/** A bare app for middleware tests: sets the context variables app.ts would, and renders ApiError. */
export function middlewareTestApp() {
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    c.set('locale', 'es');
    c.set('clientIp', c.req.header('X-Test-Client') ?? 'client-a');
    await next();
  });
  app.onError((error, c) => {
    if (error instanceof ApiError) {
      for (const [name, value] of Object.entries(error.options.headers ?? {})) c.header(name, value);
      return c.json({ error: { code: error.code } }, error.status);
    }
    throw error;
  });
  return app;
}
