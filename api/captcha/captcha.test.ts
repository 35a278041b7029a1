import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { valid } from '../../test/fixtures/requests.ts';
import { solveAltcha, startTestServices, TEST_NOW, type TestServices } from '../../test/support/services.ts';
import { getOrCreateSecret } from '../commands/settings.ts';
import { createAltcha } from './altcha.ts';

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

  it('refuses a challenge signed with its key but minted with cheaper work than it asks', async () => {
    // The test services ask cost 1 and a counter of 5–20; this minter knows the keys but asks less.
    const secrets = {
      hmacSecret: await getOrCreateSecret(t.deps.db, t.deps.secrets, 'altcha_hmac'),
      hmacKeySecret: await getOrCreateSecret(t.deps.db, t.deps.secrets, 'altcha_hmac_key'),
      now: () => new Date(TEST_NOW),
    };
    const tokenFrom = async (minter: ReturnType<typeof createAltcha>) => {
      const challenge = await minter.challenge();
      const solution = await solveChallenge({ challenge, deriveKey });
      return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
    };
    const cheapCounter = await tokenFrom(createAltcha({ ...secrets, cost: 1, counter: [1, 2] }));
    const response = await t.file('MDT', { ...complaint, captcha: cheapCounter });
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe('captcha_failed');

    // And a server that asks a higher cost refuses a challenge minted at a lower one.
    const strict = createAltcha({ ...secrets, cost: 5, counter: [5, 20] });
    const cheapCost = await tokenFrom(createAltcha({ ...secrets, cost: 1, counter: [5, 20] }));
    expect((await strict.provider.verify(cheapCost, '127.0.0.1')).ok).toBe(false);
    expect((await strict.provider.verify(await tokenFrom(strict), '127.0.0.1')).ok).toBe(true);
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

describe('the ALTCHA challenge endpoint', () => {
  it('is rate-limited per client: 60 challenges per 10 minutes, then 429 with Retry-After', async () => {
    const limited = await startTestServices({ CAPTCHA: 'altcha', RATE_LIMIT: 'on', TRUST_PROXY: '1' });
    try {
      const from = (ip: string) =>
        limited.app.request('/api/v1/captcha/challenge', { headers: { 'X-Forwarded-For': ip } });
      for (let i = 0; i < 60; i++) expect((await from('203.0.113.9')).status).toBe(200);
      const refused = await from('203.0.113.9');
      expect(refused.status).toBe(429);
      expect((await refused.json()).error.code).toBe('rate_limited');
      expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
      expect(refused.headers.get('Access-Control-Allow-Origin')).toBe('*');
      expect((await from('203.0.113.10')).status).toBe(200);
    } finally {
      await limited.close();
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
