import type { Delivery } from '../commands/outbox-delivery.ts';

/**
 * The mails, in the citizen's language (the institution's notice in Spanish and English). Plain
 * text and HTML with the same content. Subjects carry the ticket number, which identifies a case
 * but no person: never a name, an address or the text of the request.
 */

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

const STATUS_NAMES: Record<string, { es: string; en: string }> = {
  received: { es: 'Recibida', en: 'Received' },
  in_progress: { es: 'En trámite', en: 'In progress' },
  needs_info: { es: 'Requiere información', en: 'Needs information' },
  transferred: { es: 'Trasladada', en: 'Transferred' },
  answered: { es: 'Respondida', en: 'Answered' },
  closed: { es: 'Cerrada', en: 'Closed' },
  withdrawn: { es: 'Desistida', en: 'Withdrawn' },
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A line of a mail: text, or a link (a paragraph of its own, clickable in the HTML part). */
type Line = string | { href: string };

/** Lines of text become paragraphs; `**x**` marks are not used, so nothing is interpreted. */
function toHtml(lang: 'es' | 'en', lines: Line[]): string {
  const body = lines
    .map((line) => {
      if (typeof line !== 'string')
        return `<p><a href="${escapeHtml(line.href)}">${escapeHtml(line.href)}</a></p>`;
      return line ? `<p>${escapeHtml(line)}</p>` : '';
    })
    .join('\n');
  return `<!doctype html><html lang="${lang}"><body style="font-family:sans-serif;line-height:1.5">${body}</body></html>`;
}

function compose(lang: 'es' | 'en', subject: string, lines: Line[]): MailContent {
  const text = lines.map((line) => (typeof line === 'string' ? line : line.href)).join('\n');
  return { subject, text: `${text}\n`, html: toHtml(lang, lines) };
}

/**
 * The status page with the ticket (and, in the receipt, the tracking code) in the URL fragment,
 * which the widget in status mode reads and then removes from the address bar. A fragment is never
 * sent to a server, so the code reaches no access log, proxy or CDN; a query string would.
 */
function statusLink(statusPageUrl: string, ticket: string, code?: string): string {
  const fragment = new URLSearchParams({ ticket, ...(code ? { code } : {}) }).toString();
  try {
    const url = new URL(statusPageUrl);
    url.hash = fragment;
    return url.href;
  } catch {
    return `${statusPageUrl.replace(/#.*$/, '')}#${fragment}`;
  }
}

function lookUp(lang: 'es' | 'en', d: Delivery, code?: string | null): Line[] {
  if (d.statusPageUrl) {
    return [
      lang === 'es'
        ? 'Consulte el estado de su solicitud en este enlace (o en la página de consulta, con su número de solicitud y su código de seguimiento):'
        : 'Look its status up at this link (or on the status page, with your request number and your tracking code):',
      { href: statusLink(d.statusPageUrl, d.ticket, code ?? undefined) },
    ];
  }
  return [
    lang === 'es'
      ? `Consulte el estado en el sitio web de ${d.institutionName} con su número de solicitud y su código de seguimiento.`
      : `Look its status up on ${d.institutionName}'s website with your request number and your tracking code.`,
  ];
}

export function citizenMail(d: Delivery): MailContent {
  const lang = d.locale === 'en' ? 'en' : 'es';
  if (d.kind === 'request.created') {
    // The dispatcher opened the sealed code; a dead letter put back in the queue has lost it (it is
    // erased when a message goes dead), and the citizen has it from the 201.
    const code = typeof d.payload.trackingCode === 'string' ? d.payload.trackingCode : null;
    return lang === 'es'
      ? compose('es', `Solicitud ${d.ticket} recibida`, [
          `${d.institutionName} recibió su solicitud.`,
          `Número de solicitud: ${d.ticket}`,
          code
            ? `Código de seguimiento: ${code}`
            : 'Código de seguimiento: el que se le mostró al presentar la solicitud.',
          d.dueDate
            ? `Plazo legal de respuesta: ${d.dueDate}`
            : 'Este tipo de solicitud no tiene plazo legal de respuesta.',
          '',
          ...lookUp('es', d, code),
          'Guarde este correo: el código no se puede recuperar.',
        ])
      : compose('en', `Request ${d.ticket} received`, [
          `${d.institutionName} has received your request.`,
          `Request number: ${d.ticket}`,
          code ? `Tracking code: ${code}` : 'Tracking code: the one shown to you when you filed.',
          d.dueDate
            ? `Legal deadline for an answer: ${d.dueDate}`
            : 'This kind of request has no legal deadline.',
          '',
          ...lookUp('en', d, code),
          'Keep this message: the code cannot be recovered.',
        ]);
  }
  const status = STATUS_NAMES[String(d.payload.status)]?.[lang] ?? String(d.payload.status);
  const note = typeof d.payload.note === 'string' && d.payload.note ? d.payload.note : null;
  return lang === 'es'
    ? compose('es', `Solicitud ${d.ticket}: nuevo estado`, [
        `Su solicitud ${d.ticket} a ${d.institutionName} cambió de estado: ${status}.`,
        ...(note ? ['', note] : []),
        '',
        ...lookUp('es', d),
      ])
    : compose('en', `Request ${d.ticket}: new status`, [
        `Your request ${d.ticket} to ${d.institutionName} has a new status: ${status}.`,
        ...(note ? ['', note] : []),
        '',
        ...lookUp('en', d),
      ]);
}

/** The institution's notice: that a request arrived and where to see it, not its content. */
export function institutionMail(d: Delivery): MailContent {
  return compose('es', `Nueva solicitud ${d.ticket} / New request ${d.ticket}`, [
    `Nueva solicitud ${d.ticket} en Contacto Ciudadano.${d.dueDate ? ` Plazo legal: ${d.dueDate}.` : ''}`,
    'Véala en la bandeja de su institución (API de personal o sistema de tickets).',
    '',
    `New request ${d.ticket} in Contacto Ciudadano.${d.dueDate ? ` Legal deadline: ${d.dueDate}.` : ''}`,
    "See it in your institution's inbox (staff API or ticket system).",
  ]);
}
