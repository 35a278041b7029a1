import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { ApiError } from '../../http/errors.ts';

/**
 * Reads a Node request body up to `maxBytes`; null as soon as it grows past them (chunked bodies
 * included). Events, not `for await`, which costs a promise per chunk and destroys the socket
 * when left early (the client would see a reset instead of the 413). The rest is discarded.
 */
function readIncoming(incoming: IncomingMessage, maxBytes: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (result: string | null, error?: unknown) => {
      incoming.off('data', onData).off('end', onEnd).off('error', onError);
      if (error) reject(error);
      else resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      done(null);
      incoming.resume();
    };
    const onEnd = () => done(Buffer.concat(chunks).toString('utf8'));
    const onError = (error: unknown) => done(null, error);
    incoming.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

/** The same over a web stream, for `app.request` in tests and other runtimes. */
async function readLimited(source: AsyncIterable<Uint8Array>, maxBytes: number): Promise<string | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of source) {
    size += chunk.byteLength;
    if (size > maxBytes) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * For JSON endpoints: refuses other media types with 415 and bodies over `maxBytes` with 413, then
 * reads the body for `readJson`. On Node it reads the socket's IncomingMessage directly: going
 * through the Fetch `Request` would build an AbortSignal and a web stream for every request, a
 * large share of a filing's work. Elsewhere (tests' `app.request`) it reads the Request's stream.
 */
export function jsonBody({ maxBytes = 64 * 1024 }: { maxBytes?: number } = {}): MiddlewareHandler<AppEnv> {
  const tooLarge = () => new ApiError('payload_too_large', { params: { n: Math.round(maxBytes / 1024) } });
  return async function jsonBody(c, next) {
    const type = c.req.header('Content-Type') ?? '';
    if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
      throw new ApiError('unsupported_media_type');
    }
    if (Number(c.req.header('Content-Length') ?? 0) > maxBytes) throw tooLarge();
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    const text = incoming
      ? await readIncoming(incoming, maxBytes)
      : await readLimited((c.req.raw.body ?? []) as unknown as AsyncIterable<Uint8Array>, maxBytes);
    if (text === null) throw tooLarge();
    c.set('jsonText', text);
    await next();
  };
}

/** The JSON body `jsonBody` read; malformed JSON is the client's mistake (400 invalid_json), never a 500. */
export function readJson(c: Context<AppEnv>): unknown {
  try {
    return JSON.parse(c.get('jsonText') ?? '');
  } catch {
    throw new ApiError('invalid_json');
  }
}
