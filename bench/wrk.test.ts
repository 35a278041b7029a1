import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { wrkLoad } from './wrk.ts';

// The benchmark's figures are only as good as its load: these run the real wrk against a server
// that records what arrives, so a request the script garbled would show here, not as a fast table.

let server: Server | null = null;
afterEach(async () => {
  const open = server;
  server = null;
  if (open) await new Promise((resolve) => open.close(resolve));
});

interface Seen {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

async function listen(status: number): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const listening = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (seen.length < 5) {
        seen.push({
          method: req.method ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
      }
      res.writeHead(status, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  server = listening;
  await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(listening.address() as AddressInfo).port}/path?q=1`, seen };
}

describe('wrkLoad', () => {
  it('sends the method, headers and body it is given, byte for byte, and counts what came back', async () => {
    const { url, seen } = await listen(201);
    // Brackets that would end a naive Lua long string, quotes, accents and a newline; a leading
    // newline and a final `]`, which Lua's long strings drop and absorb.
    const body = `\n${JSON.stringify(['Queja ]] sobre ]=] el "trámite"\nañadida'])}`;
    const result = await wrkLoad({
      url,
      connections: 4,
      seconds: 1,
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Tracking-Code': 'K7P2-9QXM',
        'X-Filter': 'tipo[QUE]',
      },
      body,
    });
    expect(seen.length).toBeGreaterThan(0);
    for (const request of seen) {
      expect(request.method).toBe('POST');
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['x-tracking-code']).toBe('K7P2-9QXM');
      expect(request.headers['x-filter']).toBe('tipo[QUE]');
      expect(request.body).toBe(body);
    }
    expect(result.requests).toBeGreaterThan(0);
    expect(result.rps).toBeGreaterThan(0);
    expect(result.errors).toBe(0);
    expect(result.p50Ms).toBeGreaterThan(0);
    expect(result.p99Ms).toBeGreaterThanOrEqual(result.p50Ms);
  });

  it('counts every answer outside 2xx and 3xx as an error', async () => {
    const { url } = await listen(500);
    const result = await wrkLoad({ url, connections: 2, seconds: 1 });
    expect(result.requests).toBeGreaterThan(0);
    expect(result.errors).toBe(result.requests);
  });

  it('fails, saying why, when there is no server to load', async () => {
    const { url } = await listen(200);
    const open = server;
    server = null;
    await new Promise((resolve) => open?.close(resolve));
    await expect(wrkLoad({ url, connections: 2, seconds: 1 })).rejects.toThrow(
      /wrk failed: .*Connection refused/,
    );
  });
});
