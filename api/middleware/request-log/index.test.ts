import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { middlewareTestApp } from '../../../test/support/middleware-app.ts';
import { requestLog } from './index.ts';

/** A stream that keeps each log line pino writes to it. */
function logSink() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, sink };
}

describe('requestLog', () => {
  it('logs method, path, status and duration, and nothing personal', async () => {
    const { lines, sink } = logSink();
    const app = middlewareTestApp();
    app.use(async (c, next) => {
      c.set('requestId', 'req-1');
      await next();
    });
    app.use(requestLog(pino({ level: 'info' }, sink)));
    app.post('/api/v1/requests/:ticket', (c) => c.json({ ok: true }));
    await app.request('/api/v1/requests/MDT-QUE-2026-00001?code=SECRET-CODE-12345', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Tracking-Code': 'HEADER-SECRET',
        'X-Test-Client': '203.0.113.9',
      },
      body: JSON.stringify({ email: 'ana@example.org' }),
    });
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] ?? '{}');
    expect(entry).toMatchObject({
      requestId: 'req-1',
      method: 'POST',
      path: '/api/v1/requests/MDT-QUE-2026-00001',
      status: 200,
    });
    expect(typeof entry.ms).toBe('number');
    for (const secret of ['SECRET-CODE', 'HEADER-SECRET', 'ana@example.org', '203.0.113.9']) {
      expect(lines[0]).not.toContain(secret);
    }
  });

  it('gives handlers a logger tagged with the request id, made only for a line that is written', async () => {
    const { lines, sink } = logSink();
    const logger = pino({ level: 'warn' }, sink);
    const child = vi.spyOn(logger, 'child');
    const app = middlewareTestApp();
    app.use(async (c, next) => {
      c.set('requestId', 'req-2');
      await next();
    });
    app.use(requestLog(logger));
    app.get('/quiet', (c) => {
      c.get('logger').info({ n: 1 }, 'below the level');
      return c.json({ ok: true });
    });
    app.get('/loud', (c) => {
      c.get('logger').warn({ n: 2 }, 'at the level');
      return c.json({ ok: true });
    });
    await app.request('/quiet');
    expect(child).not.toHaveBeenCalled();
    expect(lines).toHaveLength(0);
    await app.request('/loud');
    expect(child).toHaveBeenCalledTimes(1);
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ requestId: 'req-2', n: 2, msg: 'at the level' }),
    ]);
  });
});
