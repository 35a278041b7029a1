import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../api/cli.ts';
import { createStaffToken } from '../api/commands/staff-tokens.ts';
import { loadConfig } from '../api/config.ts';
import { createServices } from '../api/services.ts';
import { valid } from './fixtures/requests.ts';
import { startReceiver, startSmtp } from './support/mail-servers.ts';
import { freePort } from './support/ports.ts';
import { tempDatabaseUrl } from './support/services.ts';

// The life of a request's mails and webhooks (issue 17) through a real SMTP server and a real
// signed-webhook receiver: each new event once, in the citizen's language, with the rating link's
// code in the fragment only.

const database = tempDatabaseUrl();
afterAll(() => database.cleanup());

describe('mails and webhooks of the life of a request', async () => {
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
  };

  it('tells the citizen and the institution of every step, once', async () => {
    const services = await createServices(loadConfig(env), {
      logger: pino({ level: 'silent' }),
      now: () => clock,
      outbox: 'manual',
    });
    const lines: string[] = [];
    await runCli(['webhook', 'add', 'MDT', `http://127.0.0.1:${hookPort}/hooks`], env, (l) => lines.push(l));
    const secret = /signing secret: (\S+)/.exec(lines.join('\n'))?.[1] ?? '';
    const smtp = await startSmtp(smtpPort);
    const receiver = await startReceiver(
      hookPort,
      () => clock,
      () => secret,
    );
    try {
      const { app } = services;
      const token = (await createStaffToken(services.deps.db, 'MDT', 'test', clock)).token;
      const staff = (ticket: string, path: string, body: unknown) =>
        app.request(`/api/v1/institutions/MDT/requests/${ticket}/${path}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify(body),
        });
      const citizen = (r: { ticket: string; trackingCode: string }, path: string, body: unknown) =>
        app.request(`/api/v1/requests/${r.ticket}/${path}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Tracking-Code': r.trackingCode },
          body: JSON.stringify(body),
        });
      const file = async (body: unknown) =>
        (await (
          await app.request('/api/v1/institutions/MDT/requests', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          })
        ).json()) as { ticket: string; trackingCode: string };

      // One request through a request for information, a reply, an extension, the answer, the rating.
      const ana = await file(valid.mdtComplaint.body);
      expect(
        (await staff(ana.ticket, 'events', { status: 'needs_info', note: 'Adjunte el contrato' })).status,
      ).toBe(201);
      expect((await citizen(ana, 'replies', { message: 'Lo envío por ventanilla' })).status).toBe(201);
      expect(
        (await staff(ana.ticket, 'extensions', { dueDate: '2027-01-15', reason: 'Inspección en sitio' }))
          .status,
      ).toBe(201);
      expect(
        (await staff(ana.ticket, 'events', { status: 'answered', note: 'Su contrato quedó registrado' }))
          .status,
      ).toBe(201);
      expect((await citizen(ana, 'satisfaction', { resolved: true, rating: 5 })).status).toBe(201);
      // Another, in English, transferred to MSP.
      const luis = await file({
        ...valid.mdtComplaint.body,
        locale: 'en',
        citizen: { ...valid.mdtComplaint.body.citizen, email: 'luis@example.org' },
      });
      expect((await staff(luis.ticket, 'transfer', { to: 'MSP', note: 'Health matter' })).status).toBe(201);
      // A third left unanswered: reminded, then tacitly withdrawn (EC: 10 business days, to 8 Dec).
      const eva = await file({
        ...valid.mdtComplaint.body,
        citizen: { ...valid.mdtComplaint.body.citizen, email: 'eva@example.org' },
      });
      await staff(eva.ticket, 'events', { status: 'needs_info', note: 'Falta la cédula' });
      clock = new Date('2026-12-03T15:00:00Z');
      await services.maintain();
      clock = new Date('2026-12-09T15:00:00Z');
      await services.maintain();
      await services.maintain();

      while ((await services.dispatcher.runOnce()).sent > 0) {}
      const mailsTo = (to: string) => smtp.mails.filter((m) => m.to === to).map((m) => m.subject);

      expect(mailsTo('ana.quispe@example.org')).toEqual([
        `Solicitud ${ana.ticket} recibida`,
        `Solicitud ${ana.ticket}: nuevo estado`,
        `Solicitud ${ana.ticket}: nuevo plazo`,
        `Solicitud ${ana.ticket}: nuevo estado`,
      ]);
      // Quoted-printable: `=3D` is `=`.
      const answer = (smtp.mails.filter((m) => m.to === 'ana.quispe@example.org')[3]?.raw ?? '').replace(
        /=3D/g,
        '=',
      );
      // The rating link: ticket, code and rate=1 in the fragment; never a query string with the code.
      expect(answer).toContain(
        `https://contacto.example.gob.ec/demo/estado.html#ticket=${ana.ticket}&code=${ana.trackingCode}&rate=1`,
      );
      expect(answer).not.toContain('?code=');
      const extension = smtp.mails.filter((m) => m.to === 'ana.quispe@example.org')[2]?.raw ?? '';
      expect(extension).toContain('2027-01-15');
      expect(extension).toContain('Inspecci');

      expect(mailsTo('luis@example.org')).toEqual([
        `Request ${luis.ticket} received`,
        `Request ${luis.ticket}: transferred`,
      ]);
      expect(smtp.mails.find((m) => m.subject === `Request ${luis.ticket}: transferred`)?.raw).toContain(
        'MSP-QUE-2026-00001',
      );

      expect(mailsTo('eva@example.org')).toEqual([
        `Solicitud ${eva.ticket} recibida`,
        `Solicitud ${eva.ticket}: nuevo estado`,
        `Solicitud ${eva.ticket}: responda antes del 2026-12-08`,
        `Solicitud ${eva.ticket}: desistimiento`,
      ]);
      const institution = mailsTo('buzon-ciudadano@mdt.demo.localhost');
      expect(institution.filter((s) => s.startsWith('Respuesta del ciudadano'))).toEqual([
        `Respuesta del ciudadano / Citizen replied: ${ana.ticket}`,
      ]);
      expect(institution.filter((s) => s.startsWith('Solicitud desistida'))).toEqual([
        `Solicitud desistida / Request withdrawn: ${eva.ticket}`,
      ]);
      // MSP heard of its new request in its own mailbox (the subject is folded over two header
      // lines; the test's server reads the first).
      expect(mailsTo('buzon-ciudadano@msp.demo.localhost')).toEqual([
        'Nueva solicitud MSP-QUE-2026-00001 / New request',
      ]);

      const events = (ticket: string) =>
        receiver.hooks.filter((h) => JSON.stringify(h.body.data).includes(ticket)).map((h) => h.event);
      expect(events(ana.ticket)).toEqual([
        'request.created',
        'request.status_changed',
        'request.citizen_replied',
        'request.extended',
        'request.status_changed',
        'request.rated',
      ]);
      expect(events(luis.ticket)).toEqual(['request.created', 'request.transferred']);
      expect(events(eva.ticket)).toEqual([
        'request.created',
        'request.status_changed',
        'request.reply_reminder',
        'request.tacitly_withdrawn',
      ]);
      expect(receiver.hooks.every((h) => h.signed)).toBe(true);
      // Exactly once, and no tracking code in any webhook.
      expect(new Set(receiver.hooks.map((h) => h.deliveryId)).size).toBe(receiver.hooks.length);
      expect(new Set(smtp.mails.map((m) => m.deliveryId)).size).toBe(smtp.mails.length);
      for (const r of [ana, luis, eva]) expect(JSON.stringify(receiver.hooks)).not.toContain(r.trackingCode);
    } finally {
      await services.close();
      await smtp.close();
      await receiver.close();
    }
  });
});
