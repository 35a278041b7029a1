// Server-side steps for the tests of a request's life (test/support/browser-api.ts does them on the
// real server): filing as a citizen's browser would, and what the institution's staff do after.
import { executeServerCommand } from '@web/test-runner-commands';
import { fillText, find, mount, press, until, type Widget } from './helpers.ts';

interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

const MDT_COMPLAINT = {
  type: 'QUE',
  service: 'contratos',
  description: 'Mi empleador no registró mi contrato de trabajo en el SUT desde marzo.',
  anonymous: false,
  citizen: {
    documentType: 'cedula',
    documentNumber: '1714307103',
    firstName: 'Ana',
    lastName: 'Quispe',
    email: 'ana.quispe@example.org',
    preferentialAttention: [],
  },
  responseChannel: 'email',
  locale: 'es',
  consent: true,
};

/** Files a complaint with MDT (captcha solved on the server side); its ticket and tracking code. */
export async function fileComplaint(): Promise<{ ticket: string; code: string; dueDate: string }> {
  const answer = await executeServerCommand<Answer, { institution: string; body: unknown }>('file-request', {
    institution: 'MDT',
    body: MDT_COMPLAINT,
  });
  if (answer.status !== 201) throw new Error(`filing failed: ${JSON.stringify(answer)}`);
  return {
    ticket: answer.body.ticket as string,
    code: answer.body.trackingCode as string,
    dueDate: answer.body.dueDate as string,
  };
}

export const staffExtend = (ticket: string, dueDate: string, reason: string) =>
  executeServerCommand<Answer, { ticket: string; dueDate: string; reason: string }>('staff-extend', {
    ticket,
    dueDate,
    reason,
  });

type Target = { to: string } | { toName: string };

/** Staff transfer `ticket`: to an institution on the platform (`{ to }`), or off it (`{ toName }`). */
export const staffTransfer = (ticket: string, target: Target, note: string) =>
  executeServerCommand<Answer, { ticket: string; target: Target; note: string }>('staff-transfer', {
    ticket,
    target,
    note,
  });

export interface StaffView {
  status: string;
  dueDate: string | null;
  originalDueDate?: string | null;
  pausedDays?: number;
  citizenRepliedAt?: string | null;
  transferredTo?: string | null;
  events: Array<{
    status: string;
    actor: string;
    note: string | null;
    internalNote: string | null;
    kind: string;
  }>;
}

export const staffRequest = (ticket: string) =>
  executeServerCommand<Answer<StaffView>, { ticket: string }>('staff-request', { ticket });

/** Runs the server's sweep of requests for information now: reminders, tacit withdrawals. */
export const sweepReplyDeadlines = () =>
  executeServerCommand<{ reminded: string[]; withdrawn: string[] }, undefined>('sweep-reply-deadlines');

/** Moves the server's clock on by `days` calendar days; the new time. */
export const advanceClock = (days: number) => executeServerCommand<string, number>('advance-clock', days);

/** A status view looked up with the keyboard: ticket, code, Enter. */
export async function openStatus(ticket: string, code: string, lang: 'es' | 'en'): Promise<Widget> {
  const el = await mount({ lang, mode: 'status' });
  await until(() => find(el, '#f-ticket'), 'the status lookup');
  await fillText(el, 'f-ticket', ticket);
  await fillText(el, 'f-code', code);
  await press('Enter');
  await until(() => find(el, '.status-tag'), 'the status');
  return el;
}
