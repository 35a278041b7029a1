import nodemailer, { type Transporter } from 'nodemailer';
import type { OutboxConfig } from './dispatcher.ts';

export interface AccountMail {
  to: string;
  subject: string;
  text: string;
}

export interface AccountMailer {
  /** Whether mail is configured (SMTP_URL). */
  readonly configured: boolean;
  send(mail: AccountMail): Promise<void>;
}

/**
 * Mails to staff (invitations, password resets) leave at once through the same SMTP server and
 * sender as the outbox, not through the outbox: what they carry is a one-time secret that must
 * never be stored (the database keeps only its hash), and a lost mail is answered by asking again.
 */
export function createAccountMailer(config: OutboxConfig): AccountMailer {
  let transport: Transporter | null = null;
  return {
    configured: Boolean(config.smtpUrl),
    async send(mail) {
      if (!config.smtpUrl) throw new Error('SMTP_URL is not configured');
      const url = new URL(config.smtpUrl);
      url.searchParams.set('connectionTimeout', String(config.timeoutMs));
      url.searchParams.set('greetingTimeout', String(config.timeoutMs));
      url.searchParams.set('socketTimeout', String(config.timeoutMs));
      transport ??= nodemailer.createTransport(url.toString());
      await transport.sendMail({
        from: config.mailFrom,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
    },
  };
}

/** The texts, in the account's language. The link's secret is in the fragment: never sent to a server log. */
export function invitationMail(
  lang: string,
  name: string,
  link: string,
  institution: string,
): AccountMail & { to: '' } {
  const en = lang === 'en';
  return {
    to: '',
    subject: en
      ? `Your account at Contacto Ciudadano (${institution})`
      : `Su cuenta en Contacto Ciudadano (${institution})`,
    text: en
      ? `Hello ${name},\n\nYou have been invited to work citizens' requests of ${institution}.\nChoose your password here (the link works once and expires in 7 days):\n\n${link}\n\nIf you did not expect this, ignore this mail.\n`
      : `Hola ${name}:\n\nLe invitaron a atender las solicitudes ciudadanas de ${institution}.\nElija su contraseña aquí (el enlace sirve una vez y caduca en 7 días):\n\n${link}\n\nSi no esperaba este correo, ignórelo.\n`,
  };
}

export function resetMail(lang: string, link: string): AccountMail & { to: '' } {
  const en = lang === 'en';
  return {
    to: '',
    subject: en
      ? 'Reset your Contacto Ciudadano password'
      : 'Restablezca su contraseña de Contacto Ciudadano',
    text: en
      ? `Someone asked to reset the password of this account. Choose a new one here (the link works once and expires in 1 hour):\n\n${link}\n\nIf it was not you, ignore this mail: your password stays as it is.\n`
      : `Alguien pidió restablecer la contraseña de esta cuenta. Elija una nueva aquí (el enlace sirve una vez y caduca en 1 hora):\n\n${link}\n\nSi no fue usted, ignore este correo: su contraseña no cambia.\n`,
  };
}
