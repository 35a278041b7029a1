import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../../context.ts';
import { ApiError } from '../../errors.ts';

/**
 * For JSON endpoints: refuses other media types with 415 and bodies over `maxBytes` with 413 before
 * anything reads them (hono's bodyLimit also stops a chunked body that grows past the limit).
 */
export function jsonBody({ maxBytes = 64 * 1024 }: { maxBytes?: number } = {}): MiddlewareHandler<AppEnv> {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError('payload_too_large', { params: { n: Math.round(maxBytes / 1024) } });
    },
  });
  return async function jsonBody(c, next) {
    const type = c.req.header('Content-Type') ?? '';
    if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
      throw new ApiError('unsupported_media_type');
    }
    return limit(c, next);
  };
}

/** Reads the JSON body; malformed JSON is the client's mistake (400 invalid_json), never a 500. */
export async function readJson(c: { req: { text(): Promise<string> } }): Promise<unknown> {
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('invalid_json');
  }
}
