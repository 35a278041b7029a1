import { createServer, type Server } from 'node:http';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../api/cli.ts';
import { createStaffToken } from '../api/commands/staff-tokens.ts';
import { loadConfig } from '../api/config.ts';
import { verifySignature } from '../api/outbox/webhooks.ts';
import { createServices } from '../api/services.ts';
import { valid } from './fixtures/requests.ts';
import { freePort } from './support/ports.ts';
import { startTestServices, tempDatabaseUrl } from './support/services.ts';
import { startSmtp } from './support/smtp.ts';

const database = tempDatabaseUrl();
afterAll(() => database.cleanup());

interface Hook {
  deliveryId: string;
  event: string;
  body: { id: string; type: string; data: Record<string, unknown> };
  signed: boolean;
}

/**
 * An institution's webhook receiver: verifies each signature the documented way, against `now`
 * (the test's clock, which the dispatcher signs with).
 */
async function startReceiver(
  port: number,
  now: () => Date,
  secret: () => string,
  answer: () => number = () => 204,
) {
  const hooks: Hook[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      const status = answer();
      if (status < 300) {
        hooks.push({
          deliveryId: String(req.headers['x-contacto-delivery']),
          event: String(req.headers['x-contacto-event']),
          body: JSON.parse(raw),
          signed: verifySignature(
            secret(),
            {
              timestamp: String(req.headers['x-contacto-timestamp']),
              signature: String(req.headers['x-contacto-signature']),
            },
            raw,
            Math.floor(now().getTime() / 1000),
          ),
        });
      }
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return { hooks, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('mail and webhooks through the outbox', async () => {
  const smtpPort = await freePort();
  const hookPort = await freePort();
  let clock = new Date('2026-11-24T15:00:00Z');
  const env = {
    DATABASE_URL: database.url,
    CAPTCHA: 'off',
    RATE_LIMIT: 'off',
    LOG_LEVEL: 'silent',
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    PUBLIC_URL: 'https://contacto.example.gob.ec',
    OUTBOX_RETRY_BASE_MS: '60000',
    OUTBOX_TIMEOUT_MS: '2000',
    OUTBOX_MAX_ATTEMPTS: '3',
  };
  const start = () =>
    createServices(loadConfig(env), {
      logger: pino({ level: 'silent' }),
      now: () => clock,
      outbox: 'manual',
    });

  it('delivers every message exactly once, in order per request, after SMTP and the receiver come back and the server restarts', async () => {
    let services = await start();
    const lines: string[] = [];
    expect(
      await runCli(
        ['webhook', 'add', 'MDT', `http://127.0.0.1:${hookPort}/hooks`],
        env,
        (l) => lines.push(l),
        { now: () => clock },
      ),
    ).toBe(0);
    const secret = /signing secret: (\S+)/.exec(lines.join('\n'))?.[1] ?? '';
    expect(secret).toMatch(/^whsec_/);
    const token = (await createStaffToken(services.deps.db, 'MDT', 'outbox test', services.deps.now())).token;

    const file = async (body: unknown) =>
      (
        await services.app.request('/api/v1/institutions/MDT/requests', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).json();
    const move = async (ticket: string, status: string, note: string) => {
      const response = await services.app.request(`/api/v1/institutions/MDT/requests/${ticket}/events`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ status, note, internalNote: 'solo para el personal' }),
      });
      expect(response.status).toBe(201);
    };

    // With SMTP and the receiver down: requests are filed and statuses change all the same.
    const spanish = await file(valid.mdtComplaint.body);
    const english = await file({
      ...valid.mdtComplaint.body,
      locale: 'en',
      citizen: { ...valid.mdtComplaint.body.citizen, email: 'luis@example.org' },
    });
    const anonymous = await file(valid.mdtAnonymousReport.body);
    for (const r of [spanish, english, anonymous]) {
      await move(r.ticket, 'in_progress', `En revisión ${r.ticket}`);
      await move(r.ticket, 'answered', `Respuesta a ${r.ticket}`);
    }
    const down = await services.dispatcher.runOnce();
    expect(down.sent).toBe(0);
    expect(down.retried).toBeGreaterThan(0);

    // Restart, with both back.
    await services.close();
    const smtp = await startSmtp(smtpPort);
    const receiver = await startReceiver(
      hookPort,
      () => clock,
      () => secret,
    );
    try {
      services = await start();
      // Not yet due: the backoff holds them.
      expect((await services.dispatcher.runOnce()).sent).toBe(0);
      clock = new Date(clock.getTime() + 3600_000);
      let total = 0;
      for (let run = 0; run < 5; run++) total += (await services.dispatcher.runOnce()).sent;
      // Citizens: 2 with email × (acknowledgement + 2 notices); institution: 3 notices; webhooks: 3 × 3.
      expect(total).toBe(6 + 3 + 9);
      expect(smtp.mails).toHaveLength(9);
      expect(receiver.hooks).toHaveLength(9);

      // Exactly once: no delivery id twice.
      expect(new Set(smtp.mails.map((m) => m.deliveryId)).size).toBe(9);
      expect(new Set(receiver.hooks.map((h) => h.deliveryId)).size).toBe(9);

      // In order per request, on each channel.
      for (const r of [spanish, english]) {
        const subjects = smtp.mails.filter(
          (m) => m.subject.includes(r.ticket) && !m.subject.includes('Nueva'),
        );
        expect(subjects.map((m) => m.to)).toEqual(
          Array(3).fill(r === spanish ? 'ana.quispe@example.org' : 'luis@example.org'),
        );
        expect(subjects[0]?.raw).toContain(r.trackingCode);
        expect(subjects[0]?.raw).toContain(r.dueDate);
        // The catalog names its status page as a path; the mail links it on PUBLIC_URL.
        expect(subjects[0]?.raw).toContain('https://contacto.example.gob.ec/demo/estado.html');
        expect(subjects[1]?.raw).toContain(`${r.ticket}`);
        expect(subjects[2]?.raw).toContain(`Respuesta a ${r.ticket}`);
        expect(subjects.map((m) => m.subject)).toEqual(
          r === spanish
            ? [
                `Solicitud ${r.ticket} recibida`,
                `Solicitud ${r.ticket}: nuevo estado`,
                `Solicitud ${r.ticket}: nuevo estado`,
              ]
            : [
                `Request ${r.ticket} received`,
                `Request ${r.ticket}: new status`,
                `Request ${r.ticket}: new status`,
              ],
        );
      }
      for (const r of [spanish, english, anonymous]) {
        const events = receiver.hooks.filter((h) => JSON.stringify(h.body.data).includes(r.ticket));
        expect(events.map((h) => h.event)).toEqual([
          'request.created',
          'request.status_changed',
          'request.status_changed',
        ]);
        expect(
          events.map((h) => h.body.data.status ?? (h.body.data.request as { status: string }).status),
        ).toEqual(['received', 'in_progress', 'answered']);
      }
      expect(receiver.hooks.every((h) => h.signed && h.body.id === h.deliveryId)).toBe(true);
      // The institution's notices went to its mailbox; internal notes went nowhere.
      expect(smtp.mails.filter((m) => m.to === 'buzon-ciudadano@mdt.demo.localhost')).toHaveLength(3);
      expect(smtp.mails.some((m) => m.raw.includes('solo para el personal'))).toBe(false);
      expect(receiver.hooks.some((h) => JSON.stringify(h.body).includes('solo para el personal'))).toBe(
        false,
      );
      // No personal data in any subject.
      for (const m of smtp.mails) {
        for (const personal of ['Ana', 'Quispe', 'example.org', 'contrato', '1714307103']) {
          expect(m.subject).not.toContain(personal);
        }
      }

      // Nothing is sent twice, and what was sent keeps no tracking code.
      clock = new Date(clock.getTime() + 24 * 3600_000);
      expect((await services.dispatcher.runOnce()).sent).toBe(0);
      const stored = await services.deps.db.read.execute('SELECT status, payload FROM outbox');
      expect(stored.rows.every((row) => row.status === 'sent' && row.payload === '{}')).toBe(true);
    } finally {
      await services.close();
      await smtp.close();
      await receiver.close();
    }
  });

  it('makes a dead letter after the last attempt; the CLI lists it and puts it back', async () => {
    const services = await start();
    let answer = 500;
    const lines: string[] = [];
    await runCli(['webhook', 'list', 'MDT'], env, (l) => lines.push(l), { now: () => clock });
    const secretless = lines.join('\n');
    expect(secretless).not.toContain('whsec_');
    const smtp = await startSmtp(smtpPort);
    const receiver = await startReceiver(
      hookPort,
      () => clock,
      () => '',
      () => answer,
    );
    try {
      const receipt = await (
        await services.app.request('/api/v1/institutions/MDT/requests', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(valid.mdtAnonymousReport.body),
        })
      ).json();
      for (let attempt = 0; attempt < 3; attempt++) {
        await services.dispatcher.runOnce();
        clock = new Date(clock.getTime() + 24 * 3600_000);
      }
      const dead: string[] = [];
      await runCli(['outbox', 'list', 'dead'], env, (l) => dead.push(l), { now: () => clock });
      expect(dead.join('\n')).toContain(receipt.ticket);
      expect(dead.join('\n')).toContain('webhook answered 500');

      answer = 204;
      const retried: string[] = [];
      await runCli(['outbox', 'retry', 'all'], env, (l) => retried.push(l), { now: () => clock });
      expect(retried).toEqual(['1 message(s) queued again']);
      clock = new Date(clock.getTime() + 1000);
      expect((await services.dispatcher.runOnce()).sent).toBe(1);
      expect(receiver.hooks.map((h) => h.event)).toEqual(['request.created']);
    } finally {
      await services.close();
      await smtp.close();
      await receiver.close();
    }
  });

  it('does not take the write lock when nothing is due', async () => {
    const idle = await startTestServices();
    try {
      const before = idle.deps.db.writer.stats.jobs;
      expect(await idle.dispatcher.runOnce()).toEqual({ sent: 0, retried: 0, dead: 0 });
      expect(idle.deps.db.writer.stats.jobs).toBe(before);
    } finally {
      await idle.close();
    }
  });
});
