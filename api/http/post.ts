import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { resolvePublicAddress } from './address-guard.ts';

// Kept-alive connections: a siteverify or webhook call then costs one round trip, not a handshake.
const agents = { 'http:': new HttpAgent({ keepAlive: true }), 'https:': new HttpsAgent({ keepAlive: true }) };
// Connections to a pinned address get their own agents: a kept-alive socket of the shared ones was
// connected to an address nobody checked.
const pinnedAgents = {
  'http:': new HttpAgent({ keepAlive: true }),
  'https:': new HttpsAgent({ keepAlive: true }),
};

export interface PostOptions {
  /** Read at most this much of the answer; the rest is dropped with the connection. */
  maxBytes?: number;
  /**
   * Connect only to a public address (http/address-guard.ts): the host is resolved once, checked,
   * and the connection goes to exactly that address (TLS still checks the certificate against the
   * host name). For webhooks, whose URLs institutions choose.
   */
  publicOnly?: { allowLoopback: boolean };
}

/**
 * POSTs `body` and reads the answer (up to `maxBytes`), all within `timeoutMs`, else rejects.
 * node:http rather than fetch, which spends far more per call under concurrency (decision 012).
 * Redirects are never followed (node:http does not): a 3xx is an answer like any other. Used for
 * hCaptcha's siteverify and for webhooks.
 */
export function post(
  url: string | URL,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  { maxBytes = 1024 * 1024, publicOnly }: PostOptions = {},
): Promise<{ status: number; body: string }> {
  const target = typeof url === 'string' ? new URL(url) : url;
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const protocol = target.protocol as 'http:' | 'https:';
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      reject(error);
    };
    let req: ReturnType<typeof send> | null = null;
    const deadline = setTimeout(() => {
      const error = new Error(`no answer within ${timeoutMs} ms`);
      if (req) req.destroy(error);
      else fail(error);
    }, timeoutMs);

    const start = (lookup?: LookupFunction) => {
      if (settled) return;
      req = send(
        target,
        {
          method: 'POST',
          agent: (lookup ? pinnedAgents : agents)[protocol],
          headers: { 'Content-Length': String(Buffer.byteLength(body)), ...headers },
          ...(lookup ? { lookup } : {}),
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          const done = () => {
            if (settled) return;
            settled = true;
            clearTimeout(deadline);
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
          };
          res.on('data', (chunk: Buffer) => {
            const room = maxBytes - size;
            if (room > 0) chunks.push(chunk.subarray(0, room));
            size += chunk.length;
            if (size >= maxBytes) {
              done();
              res.destroy();
            }
          });
          res.on('error', fail);
          res.on('end', done);
        },
      );
      req.on('error', fail);
      req.end(body);
    };

    if (!publicOnly) {
      start();
      return;
    }
    resolvePublicAddress(target.hostname, publicOnly).then(({ address, family }) => {
      // The checked address, whatever the connection asks: no second DNS answer can differ.
      const pinned: LookupFunction = (_host, options, callback) => {
        if (options?.all) callback(null, [{ address, family }]);
        else callback(null, address, family);
      };
      start(pinned);
    }, fail);
  });
}
