import { SMTPServer } from 'smtp-server';

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
