import { createServer, type Server } from 'node:http';
import { SMTPServer } from 'smtp-server';
import { verifySignature } from '../../api/outbox/webhooks.ts';

// The mail and webhook ends of the outbox tests (test/outbox.test.ts, api/outbox/life-mails.test.ts):
// a real SMTP server and a receiver that checks signatures as an institution would.

export interface Mail {
  to: string;
  subject: string;
  deliveryId: string;
  raw: string;
}

/** A real SMTP server (smtp-server) that keeps every message it accepts. */
export async function startSmtp(port: number) {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, done) {
      let raw = '';
      stream.on('data', (chunk) => {
        raw += chunk;
      });
      stream.on('end', () => {
        const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'mi').exec(raw)?.[1]?.trim() ?? '';
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address).join(','),
          subject: header('Subject'),
          deliveryId: header('X-Contacto-Delivery'),
          // Quoted-printable soft line breaks joined, =XX left as they are.
          raw: raw.replace(/=\r?\n/g, ''),
        });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return { mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export interface Hook {
  deliveryId: string;
  event: string;
  body: { id: string; type: string; data: Record<string, unknown> };
  signed: boolean;
}

/**
 * An institution's webhook receiver: verifies each signature the documented way, against `now`
 * (the test's clock, which the dispatcher signs with).
 */
export async function startReceiver(
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
