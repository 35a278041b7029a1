import type { Delivery } from '../commands/outbox-delivery.ts';
import { compose, lookUp, type MailContent } from './mail-messages.ts';

/**
 * The mails of the life of a request (issue 17), in the citizen's language: the answer with its
 * rating link (mail-messages.ts), an extension's new date and reason, a transfer, the reminder before `replyBy` and
 * the tacit withdrawal; and the institution's notices of a citizen's reply or withdrawal. Like
 * every mail, they name the ticket, never a person or the request's text.
 */

const text = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

/** The citizen's mail for a life event, or null for the kinds citizenMail already words. */
export function lifeCitizenMail(d: Delivery): MailContent | null {
  const lang = d.locale === 'en' ? 'en' : 'es';
  const es = lang === 'es';
  const p = d.payload;
  switch (d.kind) {
    case 'request.extended':
      return es
        ? compose('es', `Solicitud ${d.ticket}: nuevo plazo`, [
            `${d.institutionName} amplió el plazo para responder su solicitud ${d.ticket}.`,
            `Nueva fecha límite: ${text(p.dueDate)} (antes: ${text(p.previousDueDate)}).`,
            `Motivo: ${text(p.reason)}`,
            '',
            ...lookUp('es', d),
          ])
        : compose('en', `Request ${d.ticket}: new deadline`, [
            `${d.institutionName} has extended the deadline to answer your request ${d.ticket}.`,
            `New due date: ${text(p.dueDate)} (was: ${text(p.previousDueDate)}).`,
            `Reason: ${text(p.reason)}`,
            '',
            ...lookUp('en', d),
          ]);
    case 'request.transferred': {
      const to = (p.to ?? {}) as { ticket?: string | null; institution?: { name?: string } };
      const name = to.institution?.name ?? '';
      const note = text(p.note);
      return es
        ? compose('es', `Solicitud ${d.ticket}: trasladada`, [
            `${d.institutionName} trasladó su solicitud ${d.ticket} a ${name}, la entidad competente.`,
            ...(to.ticket
              ? [
                  `Allí tiene el número ${to.ticket} y un plazo propio; su mismo código de seguimiento abre ambas solicitudes.`,
                ]
              : [`${name} no está en esta plataforma: le responderá por sus propios medios.`]),
            ...(note ? ['', note] : []),
            '',
            ...lookUp('es', d),
          ])
        : compose('en', `Request ${d.ticket}: transferred`, [
            `${d.institutionName} has transferred your request ${d.ticket} to ${name}, the competent body.`,
            ...(to.ticket
              ? [
                  `There it has the number ${to.ticket} and its own deadline; your same tracking code opens both requests.`,
                ]
              : [`${name} is not on this platform: it will answer you by its own means.`]),
            ...(note ? ['', note] : []),
            '',
            ...lookUp('en', d),
          ]);
    }
    case 'request.reply_reminder':
      return es
        ? compose('es', `Solicitud ${d.ticket}: responda antes del ${text(p.replyBy)}`, [
            `${d.institutionName} espera la información que le pidió sobre su solicitud ${d.ticket}.`,
            `Puede responder hasta el ${text(p.replyBy)}.`,
            p.tacitWithdrawal
              ? 'Si no responde a tiempo, la ley entiende que desistió de su solicitud y se archivará.'
              : '',
            '',
            ...lookUp('es', d),
          ])
        : compose('en', `Request ${d.ticket}: reply by ${text(p.replyBy)}`, [
            `${d.institutionName} is waiting for the information it asked you for about your request ${d.ticket}.`,
            `You can reply until ${text(p.replyBy)}.`,
            p.tacitWithdrawal
              ? 'If you do not reply in time, the law takes it that you withdrew your request, and it will be closed.'
              : '',
            '',
            ...lookUp('en', d),
          ]);
    case 'request.tacitly_withdrawn':
      return es
        ? compose('es', `Solicitud ${d.ticket}: desistimiento`, [
            `No recibimos la información que ${d.institutionName} le pidió sobre su solicitud ${d.ticket} hasta el ${text(p.replyBy)}.`,
            `Por eso la solicitud se tiene por desistida (${text(p.legalBasis)}). Puede presentar una nueva cuando quiera.`,
            '',
            ...lookUp('es', d),
          ])
        : compose('en', `Request ${d.ticket}: withdrawn`, [
            `The information ${d.institutionName} asked you for about your request ${d.ticket} did not arrive by ${text(p.replyBy)}.`,
            `The request is therefore taken as withdrawn (${text(p.legalBasis)}). You may file a new one at any time.`,
            '',
            ...lookUp('en', d),
          ]);
    case 'request.withdrawn':
      return es
        ? compose('es', `Solicitud ${d.ticket}: desistida`, [
            `Registramos que desistió de su solicitud ${d.ticket} a ${d.institutionName}.`,
            '',
            ...lookUp('es', d),
          ])
        : compose('en', `Request ${d.ticket}: withdrawn`, [
            `We have recorded that you withdrew your request ${d.ticket} to ${d.institutionName}.`,
            '',
            ...lookUp('en', d),
          ]);
    default:
      return null;
  }
}

/** The institution's notice of a life event (in Spanish and English), or null for a new request's. */
export function lifeInstitutionMail(d: Delivery): MailContent | null {
  switch (d.kind) {
    case 'request.citizen_replied':
      return compose('es', `Respuesta del ciudadano / Citizen replied: ${d.ticket}`, [
        `El ciudadano respondió al pedido de información de la solicitud ${d.ticket}.${d.dueDate ? ` Plazo legal: ${d.dueDate}.` : ''}`,
        'Véala en la bandeja de su institución (filtro «el ciudadano respondió»).',
        '',
        `The citizen replied to the request for information on ${d.ticket}.${d.dueDate ? ` Legal deadline: ${d.dueDate}.` : ''}`,
        'See it in your institution\'s inbox ("citizen replied" filter).',
      ]);
    case 'request.withdrawn':
    case 'request.tacitly_withdrawn': {
      const tacit = d.kind === 'request.tacitly_withdrawn';
      return compose('es', `Solicitud desistida / Request withdrawn: ${d.ticket}`, [
        tacit
          ? `La solicitud ${d.ticket} se tuvo por desistida: el ciudadano no respondió al pedido de información a tiempo.`
          : `El ciudadano desistió de la solicitud ${d.ticket}.`,
        '',
        tacit
          ? `Request ${d.ticket} was taken as withdrawn: the citizen did not answer the request for information in time.`
          : `The citizen withdrew request ${d.ticket}.`,
      ]);
    }
    default:
      return null;
  }
}
