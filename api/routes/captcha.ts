import { Hono } from 'hono';
import type { AppEnv, Deps } from '../app-env.ts';
import { ApiError } from '../http/errors.ts';
import { setHeader } from '../middleware/response-headers/index.ts';

/** ALTCHA challenges for the widget; 404 when another provider (or none) is configured. */
export function captchaRoutes({ captcha }: Deps) {
  return new Hono<AppEnv>().get('/challenge', async (c) => {
    if (!captcha.challenge) throw new ApiError('not_found');
    setHeader(c, 'Cache-Control', 'no-store');
    return c.json(await captcha.challenge());
  });
}
