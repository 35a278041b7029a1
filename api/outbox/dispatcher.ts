import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { AppDatabase } from '../commands/index.ts';
import type { Delivery, Settlement } from '../commands/outbox-delivery.ts';
import { type Clock, isoSeconds, unixSeconds } from '../domain/clock.ts';
import { redactError } from '../domain/redact.ts';
import type { SecretBox } from '../domain/secret-box.ts';
import { absoluteLink } from '../schema/catalog.ts';
import { lifeCitizenMail, lifeInstitutionMail } from './life-mails.ts';
import { citizenMail, institutionMail } from './mail-messages.ts';
import { postWebhook, sign } from './webhooks.ts';

export interface OutboxConfig {
  /** `smtp://user:pass@host:port` or `smtps://…`; without it no mail is written to the outbox. */
  smtpUrl?: string;
  mailFrom: string;
  /** How often the dispatcher looks for due messages. */
  intervalMs: number;
  /** First retry after this; each next one waits twice as long, up to `maxDelayMs`. */
  retryBaseMs: number;
  maxDelayMs: number;
  /** Attempts before a message becomes a dead letter (listed and retried with the CLI). */
  maxAttempts: number;
  /** Deadline of one SMTP or webhook delivery. */
  timeoutMs: number;
}

export interface Dispatcher {
  /** Claims what is due, delivers it, records the outcomes; what it did, for tests and logs. */
  runOnce(): Promise<{ sent: number; retried: number; dead: number }>;
  start(): void;
  stop(): Promise<void>;
}

/** The delay before attempt `attempts + 1`, with ±20% jitter so that retries do not march in step. */
export function backoff(attempts: number, config: Pick<OutboxConfig, 'retryBaseMs' | 'maxDelayMs'>): number {
  const delay = Math.min(config.retryBaseMs * 2 ** Math.max(0, attempts - 1), config.maxDelayMs);
  return Math.round(delay * (0.8 + Math.random() * 0.4));
}

/**
 * Delivers the outbox: mail through nodemailer over SMTP_URL, webhooks as signed JSON POSTs. At
 * least once, in order per stream (one request's messages to one destination): a stream stops at
 * its first failure, which is retried with exponential backoff, and the rest wait behind it. After
 * `maxAttempts` a message is dead and no longer holds its stream. A crash between a delivery and
 * its record means one duplicate with the same delivery id, which receivers can drop.
 */
export function createDispatcher({
  db,
  config,
  logger,
  publicUrl,
  now,
  secrets,
  webhookAllowLoopback,
}: {
  db: AppDatabase;
  config: OutboxConfig;
  /** Links in mails are resolved against it (see PUBLIC_URL). */
  publicUrl: string;
  logger: Logger;
  now: Clock;
  /** Opens the sealed tracking codes and webhook secrets (domain/secret-box.ts). */
  secrets: SecretBox;
  /** Webhooks may go to loopback (WEBHOOK_ALLOW_LOOPBACK): see http/address-guard.ts. */
  webhookAllowLoopback: boolean;
}): Dispatcher {
  let transport: Transporter | null = null;
  const mailer = () => {
    if (!config.smtpUrl) throw new Error('SMTP_URL is not configured');
    // The URL carries host, port, security and credentials; the deadlines are ours.
    const url = new URL(config.smtpUrl);
    url.searchParams.set('connectionTimeout', String(config.timeoutMs));
    url.searchParams.set('greetingTimeout', String(config.timeoutMs));
    url.searchParams.set('socketTimeout', String(config.timeoutMs));
    transport ??= nodemailer.createTransport(url.toString());
    return transport;
  };

  async function deliver(d: Delivery): Promise<void> {
    if (d.channel === 'mail') {
      const to = d.destination === 'citizen' ? d.citizenEmail : d.institutionEmail;
      if (!to) throw new Permanent('no address to send to');
      const code = d.payload.trackingCode;
      const linked = {
        ...d,
        payload: typeof code === 'string' ? { ...d.payload, trackingCode: secrets.open(code) } : d.payload,
        statusPageUrl: d.statusPageUrl && absoluteLink(d.statusPageUrl, publicUrl),
      };
      const content =
        d.destination === 'citizen'
          ? (lifeCitizenMail(linked) ?? citizenMail(linked))
          : (lifeInstitutionMail(linked) ?? institutionMail(linked));
      await mailer().sendMail({
        from: config.mailFrom,
        to,
        subject: content.subject,
        text: content.text,
        html: content.html,
        messageId: `<${d.deliveryId}@contacto-ciudadano>`,
        headers: { 'X-Contacto-Delivery': d.deliveryId, 'Auto-Submitted': 'auto-generated' },
      });
      return;
    }
    if (!d.webhook || d.webhook.revoked) throw new Permanent('the webhook was removed');
    const body = JSON.stringify({ id: d.deliveryId, type: d.kind, createdAt: d.createdAt, data: d.payload });
    const timestamp = unixSeconds(now());
    await postWebhook(
      d.webhook.url,
      body,
      {
        'X-Contacto-Delivery': d.deliveryId,
        'X-Contacto-Event': d.kind,
        'X-Contacto-Timestamp': String(timestamp),
        'X-Contacto-Signature': sign(secrets.open(d.webhook.secret), timestamp, body),
      },
      config.timeoutMs,
      { allowLoopback: webhookAllowLoopback },
    );
  }

  /** One stream's messages in order; stops at the first failure and gives the rest back. */
  async function deliverStream(stream: Delivery[]): Promise<Settlement[]> {
    const settled: Settlement[] = [];
    for (const [index, d] of stream.entries()) {
      try {
        await deliver(d);
        settled.push({ id: d.id, outcome: 'sent' });
      } catch (error) {
        // An SMTP refusal names the recipient; a receiver's error may echo what it was sent.
        const reason = redactError(error, [d.citizenEmail, d.institutionEmail, ...d.citizenPersonal]);
        const attempts = d.attempts + 1;
        // A webhook whose host resolves to a private address now may resolve otherwise later: retried.
        if (error instanceof Permanent || attempts >= config.maxAttempts) {
          settled.push({ id: d.id, outcome: 'dead', error: reason });
          logger.error(
            { delivery: d.deliveryId, channel: d.channel, attempts, error: reason },
            'outbox dead letter',
          );
        } else {
          const nextAttemptAt = isoSeconds(new Date(now().getTime() + backoff(attempts, config)));
          settled.push({ id: d.id, outcome: 'retry', error: reason, nextAttemptAt });
          logger.warn(
            { delivery: d.deliveryId, channel: d.channel, attempts, error: reason },
            'outbox retry',
          );
        }
        for (const rest of stream.slice(index + 1)) settled.push({ id: rest.id, outcome: 'released' });
        break;
      }
    }
    return settled;
  }

  let running: Promise<{ sent: number; retried: number; dead: number }> | null = null;
  async function runOnce() {
    const at = now();
    // A read first: an idle server should not take the write lock (and fsync) every interval.
    const due = await db.read.execute({
      sql: `SELECT 1 FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?
              AND (lease_until IS NULL OR lease_until < ?) LIMIT 1`,
      args: [isoSeconds(at), isoSeconds(at)],
    });
    if (due.rows.length === 0) return { sent: 0, retried: 0, dead: 0 };
    const claimed = await db.writer.run('claimOutbox', {
      now: isoSeconds(at),
      leaseUntil: isoSeconds(new Date(at.getTime() + 5 * config.timeoutMs + 60_000)),
      limit: 200,
    });
    if (claimed.length === 0) return { sent: 0, retried: 0, dead: 0 };
    const streams = new Map<string, Delivery[]>();
    for (const d of claimed) {
      const key = `${d.requestId}|${d.channel}|${d.destination}`;
      streams.set(key, [...(streams.get(key) ?? []), d]);
    }
    const settlements = (await Promise.all([...streams.values()].map(deliverStream))).flat();
    await db.writer.run('settleOutbox', { now: isoSeconds(now()), settlements });
    const count = (outcome: Settlement['outcome']) => settlements.filter((s) => s.outcome === outcome).length;
    return { sent: count('sent'), retried: count('retry'), dead: count('dead') };
  }

  let timer: NodeJS.Timeout | null = null;
  return {
    runOnce() {
      // One run at a time per process: a timer tick during a slow run waits for it.
      running ??= runOnce().finally(() => {
        running = null;
      });
      return running;
    },
    start() {
      timer = setInterval(() => {
        this.runOnce().catch((err) => logger.warn({ err: redactError(err) }, 'outbox run failed'));
      }, config.intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await running?.catch(() => {});
      transport?.close();
    },
  };
}

/** A failure no retry can fix (no address, webhook removed): the message goes straight to the dead letters. */
class Permanent extends Error {}
