import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { valid } from '../../test/fixtures/requests.ts';
import { solveAltcha, startTestServices, type TestServices } from '../../test/support/services.ts';

const complaint = valid.mdtComplaint.body;

describe('ALTCHA (the default)', () => {
  let t: TestServices;
  beforeAll(async () => {
    t = await startTestServices({ CAPTCHA: 'altcha' });
  });
  afterAll(() => t.close());

  it('announces itself in the catalog', async () => {
    const catalog = await (await t.app.request('/api/v1/institutions/MDT')).json();
    expect(catalog.captcha).toEqual({ provider: 'altcha', challengeUrl: '/api/v1/captcha/challenge' });
  });

  it('accepts a solved challenge once and refuses it when replayed', async () => {
    const token = await solveAltcha(t.app);
    const first = await t.file('MDT', { ...complaint, captcha: token });
    expect(first.status).toBe(201);
    const replay = await t.file('MDT', { ...complaint, captcha: token });
    expect(replay.status).toBe(403);
    expect((await replay.json()).error.code).toBe('captcha_failed');
  });

  it('refuses a missing, malformed or tampered solution', async () => {
    const token = await solveAltcha(t.app);
    const payload = JSON.parse(Buffer.from(token, 'base64').toString());
    // The proof is the derived key (the counter is only how it was found): change one hex digit.
    const key: string = payload.solution.derivedKey;
    payload.solution.derivedKey = (key[0] === 'a' ? 'b' : 'a') + key.slice(1);
    const tampered = Buffer.from(JSON.stringify(payload)).toString('base64');
    for (const captcha of [undefined, '', 'not-base64-json', tampered]) {
      const response = await t.file('MDT', { ...complaint, ...(captcha === undefined ? {} : { captcha }) });
      expect(response.status, String(captcha)).toBe(403);
      expect((await response.json()).error.code).toBe('captcha_failed');
    }
  });

  it('lets an idempotent retry through although its captcha was spent by the first attempt', async () => {
    const token = await solveAltcha(t.app);
    const headers = { 'Idempotency-Key': 'altcha-retry' };
    const first = await t.file('MDT', { ...complaint, captcha: token }, headers);
    const retry = await t.file('MDT', { ...complaint, captcha: token }, headers);
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect((await retry.json()).ticket).toBe((await first.json()).ticket);
  });

  it('lets a challenge expire by the application clock, whatever the system clock says', async () => {
    let clock = new Date('2030-06-01T12:00:00Z');
    const moving = await startTestServices({ CAPTCHA: 'altcha' }, { now: () => clock });
    try {
      const fresh = await solveAltcha(moving.app);
      expect((await moving.file('MDT', { ...complaint, captcha: fresh })).status).toBe(201);
      const stale = await solveAltcha(moving.app);
      clock = new Date(clock.getTime() + 601_000);
      const late = await moving.file('MDT', { ...complaint, captcha: stale });
      expect(late.status).toBe(403);
      expect((await late.json()).error.code).toBe('captcha_failed');
    } finally {
      await moving.close();
    }
  });
});

/** A local stand-in for hCaptcha's siteverify: the real host is unreachable from here. */
function siteverify(behaviour: 'accept' | 'refuse' | 'hang' | 'error') {
  const received: URLSearchParams[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const form = new URLSearchParams(body);
      received.push(form);
      if (behaviour === 'hang') return; // never answers
      if (behaviour === 'error') {
        res.writeHead(500).end('oops');
        return;
      }
      const success =
        behaviour === 'accept' && form.get('response') === 'good-token' && form.get('secret') === 'sec';
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ success, ...(success ? {} : { 'error-codes': ['invalid-input-response'] }) }));
    });
  });
  return new Promise<{ url: string; received: URLSearchParams[]; close(): Promise<void> }>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/siteverify`,
        received,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

describe('hCaptcha against a local siteverify server', () => {
  const hcaptchaEnv = (url: string) => ({
    CAPTCHA: 'hcaptcha',
    HCAPTCHA_SITEKEY: 'site-key',
    HCAPTCHA_SECRET: 'sec',
    HCAPTCHA_VERIFY_URL: url,
    HCAPTCHA_TIMEOUT_MS: '300',
  });

  it('files when siteverify accepts the token, and sends it the secret and token', async () => {
    const server = await siteverify('accept');
    const t = await startTestServices(hcaptchaEnv(server.url));
    try {
      const catalog = await (await t.app.request('/api/v1/institutions/MDT')).json();
      expect(catalog.captcha).toEqual({ provider: 'hcaptcha', sitekey: 'site-key' });
      const response = await t.file('MDT', { ...complaint, captcha: 'good-token' });
      expect(response.status).toBe(201);
      expect(server.received[0]?.get('secret')).toBe('sec');
      expect(server.received[0]?.get('response')).toBe('good-token');
    } finally {
      await t.close();
      await server.close();
    }
  });

  it('answers 403 captcha_failed when siteverify refuses', async () => {
    const server = await siteverify('refuse');
    const t = await startTestServices(hcaptchaEnv(server.url));
    try {
      const response = await t.file('MDT', { ...complaint, captcha: 'bad-token' });
      expect(response.status).toBe(403);
      expect((await response.json()).error.code).toBe('captcha_failed');
    } finally {
      await t.close();
      await server.close();
    }
  });

  it('answers 503 captcha_unavailable quickly when siteverify hangs, errs or is down', async () => {
    const hanging = await siteverify('hang');
    const failing = await siteverify('error');
    const down = await siteverify('accept');
    await down.close();
    try {
      for (const url of [hanging.url, failing.url, down.url]) {
        const t = await startTestServices(hcaptchaEnv(url));
        try {
          const started = Date.now();
          const response = await t.file('MDT', { ...complaint, captcha: 'good-token' });
          const body = await response.json();
          expect(response.status, url).toBe(503);
          expect(body.error.code).toBe('captcha_unavailable');
          expect(response.headers.get('Retry-After')).toBe('30');
          // Bounded by the 300 ms timeout configured above, not by the provider.
          expect(Date.now() - started).toBeLessThan(5_000);
        } finally {
          await t.close();
        }
      }
    } finally {
      await hanging.close();
      await failing.close();
    }
  });
});

describe('CAPTCHA=off', () => {
  it('announces no captcha and files without one', async () => {
    const t = await startTestServices({ CAPTCHA: 'off' });
    try {
      expect((await (await t.app.request('/api/v1/institutions/MDT')).json()).captcha).toEqual({
        provider: 'off',
      });
      expect((await t.app.request('/api/v1/captcha/challenge')).status).toBe(404);
      expect((await t.file('MDT', complaint)).status).toBe(201);
    } finally {
      await t.close();
    }
  });
});
