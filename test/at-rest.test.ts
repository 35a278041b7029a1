import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { SMTPServer } from 'smtp-server';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../api/cli.ts';
import { createStaffToken } from '../api/commands/staff-tokens.ts';
import { loadConfig } from '../api/config.ts';
import { createLogger } from '../api/logger.ts';
import { verifySignature } from '../api/outbox/webhooks.ts';
import { createServices } from '../api/services.ts';
import { valid } from './fixtures/requests.ts';
import { freePort } from './support/ports.ts';
import { solveAltcha, tempDatabaseUrl } from './support/services.ts';

// Issue 15, items 3 and 4: a copy of the database file (and its WAL) after a day of use holds no
// tracking code and no secret in plain text; an SMTP server's refusal naming a citizen's address
// reaches neither the log nor outbox.last_error; a key rotation keeps everything working.

const database = tempDatabaseUrl();
afterAll(() => database.cleanup());

const REJECTED = 'rechazo.total@example.org';
const OLD_KEY = Buffer.alloc(32, 1).toString('base64');
const NEW_KEY = Buffer.alloc(32, 2).toString('hex');

/** A real SMTP server that refuses one recipient the way real ones do: naming it. */
async function startSmtp(port: number) {
  const accepted: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address === REJECTED) {
        const error = Object.assign(
          new Error(`<${address.address}>: Recipient address rejected: User unknown`),
          {
            responseCode: 550,
          },
        );
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, done) {
      let raw = '';
      stream.on('data', (chunk) => {
        raw += chunk;
      });
      stream.on('end', () => {
        accepted.push(`${session.envelope.rcptTo.map((r) => r.address).join(',')}\n${raw}`);
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return { accepted, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** An institution's receiver: 204 to what is signed with `secret`, 500 when told to fail. */
async function startReceiver(port: number, secret: () => string, now: () => Date, fail: () => boolean) {
  const verified: string[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      const ok = verifySignature(
        secret(),
        {
          timestamp: String(req.headers['x-contacto-timestamp']),
          signature: String(req.headers['x-contacto-signature']),
        },
        raw,
        Math.floor(now().getTime() / 1000),
      );
      if (ok) verified.push(raw);
      res.writeHead(fail() || !ok ? 500 : 204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return { verified, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('secrets and tracking codes at rest', async () => {
  const smtpPort = await freePort();
  const hookPort = await freePort();
  let clock = new Date('2026-11-24T15:00:00Z');
  const env: Record<string, string> = {
    DATABASE_URL: database.url,
    CAPTCHA: 'altcha',
    RATE_LIMIT: 'off',
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    OUTBOX_MAX_ATTEMPTS: '2',
    OUTBOX_RETRY_BASE_MS: '1000',
    OUTBOX_TIMEOUT_MS: '2000',
    SECRET_KEY: OLD_KEY,
  };
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const start = (extra: Record<string, string> = {}) =>
    createServices(loadConfig({ ...env, ...extra }), {
      logger: createLogger('info', sink),
      altcha: { cost: 1, counter: [5, 20] },
      now: () => clock,
      outbox: 'manual',
    });

  it('leaves no tracking code, webhook secret or ALTCHA key in the database file or its WAL after a day of use', async () => {
    const smtp = await startSmtp(smtpPort);
    let failing = false;
    let secret = '';
    const receiver = await startReceiver(
      hookPort,
      () => secret,
      () => clock,
      () => failing,
    );
    let services = await start();
    try {
      const lines: string[] = [];
      expect(
        await runCli(
          ['webhook', 'add', 'MDT', `http://127.0.0.1:${hookPort}/hooks`],
          env,
          (l) => lines.push(l),
          {
            now: () => clock,
          },
        ),
      ).toBe(0);
      secret = /signing secret: (\S+)/.exec(lines.join('\n'))?.[1] ?? '';
      expect(secret).toMatch(/^whsec_/);
      const token = (await createStaffToken(services.deps.db, 'MDT', 'at rest', clock)).token;

      const codes: string[] = [];
      const sent = new Map<string, string>();
      const post = (text: string, key?: string) =>
        services.app.request('/api/v1/institutions/MDT/requests', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...(key ? { 'Idempotency-Key': key } : {}) },
          body: text,
        });
      const file = async (body: unknown, key?: string) => {
        const text = JSON.stringify({ ...(body as object), captcha: await solveAltcha(services.app) });
        if (key) sent.set(key, text);
        const response = await post(text, key);
        expect(response.status).toBe(201);
        const receipt = await response.json();
        codes.push(receipt.trackingCode);
        return receipt as { ticket: string; trackingCode: string };
      };
      /** A retry with the same key and body: the first 201 again, tracking code included, from what is stored. */
      const replay = async (key: string) => {
        const response = await post(sent.get(key) as string, key);
        expect(response.status).toBe(201);
        return (await response.json()) as { ticket: string; trackingCode: string };
      };
      const move = async (ticket: string, status: string) => {
        const response = await services.app.request(`/api/v1/institutions/MDT/requests/${ticket}/events`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ status, note: `Nota ${status}` }),
        });
        expect(response.status).toBe(201);
      };
      const citizen = valid.mdtComplaint.body.citizen;

      // Morning: filings (some with an idempotency key, one to an address the SMTP server refuses).
      const first = await file(valid.mdtComplaint.body, 'key-1');
      const second = await file(
        { ...valid.mdtComplaint.body, description: `${valid.mdtComplaint.body.description} Otra.` },
        'key-2',
      );
      const refused = await file(
        {
          ...valid.mdtComplaint.body,
          citizen: { ...citizen, firstName: 'Rosa', lastName: 'Tello', email: REJECTED },
        },
        'key-3',
      );
      await file(valid.mdtAnonymousReport.body);
      await move(first.ticket, 'in_progress');
      await move(second.ticket, 'in_progress');
      expect(await replay('key-1')).toEqual(first);

      // Noon: deliveries; the receiver fails for a while, so some webhooks die.
      expect((await services.dispatcher.runOnce()).sent).toBeGreaterThan(0);
      failing = true;
      await move(first.ticket, 'answered');
      clock = new Date(clock.getTime() + 3600_000);
      await services.dispatcher.runOnce();
      clock = new Date(clock.getTime() + 3600_000);
      await services.dispatcher.runOnce();
      failing = false;
      // Evening: more filings whose messages are still pending at the end of the day.
      const evening = await file(valid.mdtComplaint.body, 'key-4');
      await file({ ...valid.mdtComplaint.body, locale: 'en' });

      const outbox = await services.deps.db.read.execute('SELECT status, last_error, payload FROM outbox');
      const dead = outbox.rows.filter((r) => r.status === 'dead');
      expect(dead.length).toBeGreaterThanOrEqual(2);
      expect(outbox.rows.some((r) => r.status === 'pending')).toBe(true);
      expect(receiver.verified.length).toBeGreaterThan(0); // signed with the secret opened from its seal
      expect(smtp.accepted.some((m) => m.includes(first.trackingCode))).toBe(true);

      // The refusal named the address; neither the dead letter's error nor the log does.
      const refusal = dead.find((r) => String(r.last_error).includes('rejected'));
      expect(refusal?.last_error).toMatch(/550 <\[email\]>: Recipient address rejected/);
      const logText = logs.join('');
      expect(logText).toContain('outbox dead letter');
      for (const personal of [REJECTED, 'Rosa', 'Tello', citizen.documentNumber, citizen.email]) {
        expect(JSON.stringify(outbox.rows.map((r) => r.last_error))).not.toContain(personal);
        expect(logText).not.toContain(personal);
      }
      expect(refused.ticket).toMatch(/^MDT-QUE-2026-/);

      // The copy: the file and its WAL as they are now, checkpointed or not.
      const copy = join(database.path, '..', 'copy.db');
      copyFileSync(database.path, copy);
      if (existsSync(`${database.path}-wal`)) copyFileSync(`${database.path}-wal`, `${copy}-wal`);
      const settings = await services.deps.db.read.execute('SELECT value FROM settings');
      const altchaKeys = settings.rows.map((r) => services.deps.secrets.open(String(r.value)));
      expect(altchaKeys).toHaveLength(2);
      const raw = Buffer.concat([
        readFileSync(copy),
        existsSync(`${copy}-wal`) ? readFileSync(`${copy}-wal`) : Buffer.alloc(0),
      ]);
      expect(raw.length).toBeGreaterThan(0);
      const secrets = [
        ...codes.flatMap((code) => [code, code.replace(/-/g, ''), code.toLowerCase()]),
        secret,
        secret.slice('whsec_'.length),
        ...altchaKeys,
      ];
      expect(codes).toHaveLength(6);
      for (const value of secrets) {
        expect(raw.includes(Buffer.from(value)), `"${value}" is in the file`).toBe(false);
      }

      // After a checkpoint (close), the file alone.
      await services.close();
      const closed = readFileSync(database.path);
      for (const value of secrets) expect(closed.includes(Buffer.from(value))).toBe(false);

      // Rotation: a new key, the old one as previous; the CLI seals everything again.
      const rotated = { ...env, SECRET_KEY: NEW_KEY, SECRET_KEY_PREVIOUS: OLD_KEY };
      const out: string[] = [];
      expect(await runCli(['secrets', 'rotate'], rotated, (l) => out.push(l), { now: () => clock })).toBe(0);
      expect(out.join('\n')).toMatch(/2 setting\(s\), 1 webhook secret\(s\), 4 idempotency replay\(s\)/);
      // Without the old key now: the replay still gives the tracking code, captchas still verify,
      // and pending acknowledgements and webhooks still go out signed.
      services = await start({ SECRET_KEY: NEW_KEY });
      expect(await replay('key-4')).toEqual(evening);
      const lookup = await services.app.request(`/api/v1/requests/${evening.ticket}`, {
        headers: { 'X-Tracking-Code': evening.trackingCode },
      });
      expect(lookup.status).toBe(200);
      const sentBefore = receiver.verified.length;
      clock = new Date(clock.getTime() + 24 * 3600_000);
      await services.dispatcher.runOnce();
      expect(receiver.verified.length).toBeGreaterThan(sentBefore);
      expect(smtp.accepted.some((m) => m.includes(evening.trackingCode))).toBe(true);
      await file(valid.mdtAnonymousReport.body);
    } finally {
      await services.close();
      await smtp.close();
      await receiver.close();
    }
  });
});
