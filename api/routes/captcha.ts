import { Hono } from 'hono';
import type { AppEnv, Deps } from '../app-env.ts';
import { ApiError } from '../http/errors.ts';
import { rateLimit } from '../middleware/rate-limit/index.ts';
import { setHeader } from '../middleware/response-headers/index.ts';

/**
 * ALTCHA challenges for the widget; 404 when another provider (or none) is configured. Minting one
 * costs the server a key derivation, and a citizen needs one per filing (a few with retries): 60
 * per client in 10 minutes is far above a person and far below a flood.
 */
export function captchaRoutes({ captcha, config }: Deps) {
  const limit = rateLimit({ limit: 60, windowMs: 10 * 60_000, enabled: config.rateLimit });
  return new Hono<AppEnv>().get('/challenge', limit, async (c) => {
    if (!captcha.challenge) throw new ApiError('not_found');
    setHeader(c, 'Cache-Control', 'no-store');
    return c.json(await captcha.challenge());
  });
}
