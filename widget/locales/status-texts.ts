import type { Locale } from '#schema';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

// The status view's actions (answer, withdraw, rate) and the request's life (extensions, transfers):
// only the status view's lazy chunk imports this, so these words stay out of the entry.
const es = {
  by: {
    citizen: 'por usted',
    institution: 'por la institución',
    system: 'automáticamente por el sistema',
  },
  originalDueDate: 'Fecha límite inicial',
  paused:
    'El plazo de la institución está suspendido mientras espera su respuesta: esta es la fecha límite si responde el último día.',
  replyBy: 'Responder hasta',
  question: 'La institución necesita información',
  questionIntro: 'La institución le pregunta:',
  replyByText: 'Responda hasta el {date}.',
  replyLabel: 'Su respuesta',
  replyHint: 'Escriba la información que le piden. Al enviarla, la institución seguirá con su solicitud.',
  replyRequired: 'Escriba su respuesta a la institución.',
  replyTooLong: 'Su respuesta debe tener como máximo {n} caracteres.',
  replySend: 'Enviar respuesta',
  replySent: 'Su respuesta fue enviada. La institución sigue con su solicitud.',
  extensions: 'Prórrogas del plazo',
  extension: 'Plazo ampliado hasta el {date}',
  extensionReason: 'Motivo: {reason}',
  transferredTo: 'Su solicitud fue trasladada a {institution}, que es la competente.',
  transferredToOutside: 'Su solicitud fue trasladada a {institution}, que no está en esta plataforma.',
  transferredFrom: 'Esta solicitud llegó trasladada desde {institution} ({ticket}).',
  sameCode: 'Use el mismo código de seguimiento para consultarla.',
  openLinked: 'Ver la solicitud {ticket}',
  withdrawOpen: 'Retirar esta solicitud',
  withdrawTitle: '¿Retirar la solicitud?',
  withdrawExplain:
    'Si la retira, la institución dejará de tramitarla y no le responderá. No se puede deshacer, pero puede presentar una solicitud nueva cuando quiera.',
  withdrawReason: 'Motivo',
  withdrawReasonHint: 'Si quiere, cuéntenos por qué la retira.',
  reasonTooLong: 'El motivo debe tener como máximo {n} caracteres.',
  withdrawConfirm: 'Sí, retirar la solicitud',
  withdrawCancel: 'No, mantenerla',
  withdrawDone: 'Su solicitud fue retirada. La institución ya no la tramitará.',
  rateTitle: 'Califique la respuesta',
  rateIntro: 'Su opinión ayuda a la institución a mejorar. Solo puede calificar una vez.',
  resolved: '¿La respuesta resolvió su caso?',
  resolvedYes: 'Sí',
  resolvedNo: 'No',
  resolvedRequired: 'Diga si la respuesta resolvió su caso.',
  rating: '¿Qué tan satisfecho está con la respuesta?',
  ratingHint: 'De 1 (nada satisfecho) a 5 (muy satisfecho).',
  ratings: {
    1: '1 · Nada satisfecho',
    2: '2 · Poco satisfecho',
    3: '3 · Ni satisfecho ni insatisfecho',
    4: '4 · Satisfecho',
    5: '5 · Muy satisfecho',
  },
  ratingRequired: 'Elija una calificación del 1 al 5.',
  comment: 'Comentario',
  commentTooLong: 'Su comentario debe tener como máximo {n} caracteres.',
  rateSend: 'Enviar calificación',
  rated: 'Gracias: usted ya calificó esta respuesta.',
  rateDone: 'Gracias por calificar la respuesta.',
  sending: 'Enviando…',
  networkError: 'No pudimos enviarlo: no hay conexión con el servidor. Lo que escribió se conserva.',
  conflicts: {
    not_awaiting_reply:
      'La institución ya no espera una respuesta suya en esta solicitud: su estado cambió. Lo que escribió se conserva.',
    not_open: 'Esta solicitud ya no está abierta (fue respondida, cerrada o retirada): no se puede retirar.',
    already_rated: 'Esta respuesta ya fue calificada: solo se puede calificar una vez.',
    not_answered: 'Solo puede calificar la respuesta cuando la institución haya respondido.',
  },
};

const en: Shape<typeof es> = {
  by: {
    citizen: 'by you',
    institution: 'by the institution',
    system: 'automatically by the system',
  },
  originalDueDate: 'Original due date',
  paused:
    "The institution's deadline is suspended while it waits for your answer: this is the due date if you answer on the last day.",
  replyBy: 'Answer by',
  question: 'The institution needs information',
  questionIntro: 'The institution asks you:',
  replyByText: 'Answer by {date}.',
  replyLabel: 'Your answer',
  replyHint:
    'Write the information you are asked for. Once you send it, the institution goes on with your request.',
  replyRequired: 'Write your answer to the institution.',
  replyTooLong: 'Your answer must be {n} characters or fewer.',
  replySend: 'Send answer',
  replySent: 'Your answer was sent. The institution goes on with your request.',
  extensions: 'Deadline extensions',
  extension: 'Deadline extended to {date}',
  extensionReason: 'Reason: {reason}',
  transferredTo: 'Your request was transferred to {institution}, which is competent to deal with it.',
  transferredToOutside: 'Your request was transferred to {institution}, which is not on this platform.',
  transferredFrom: 'This request was transferred from {institution} ({ticket}).',
  sameCode: 'Use the same tracking code to look it up.',
  openLinked: 'Open request {ticket}',
  withdrawOpen: 'Withdraw this request',
  withdrawTitle: 'Withdraw the request?',
  withdrawExplain:
    'If you withdraw it, the institution stops dealing with it and will not answer you. This cannot be undone, but you can file a new request at any time.',
  withdrawReason: 'Reason',
  withdrawReasonHint: 'If you like, tell us why you withdraw it.',
  reasonTooLong: 'The reason must be {n} characters or fewer.',
  withdrawConfirm: 'Yes, withdraw the request',
  withdrawCancel: 'No, keep it',
  withdrawDone: 'Your request was withdrawn. The institution will no longer deal with it.',
  rateTitle: 'Rate the answer',
  rateIntro: 'Your opinion helps the institution improve. You can rate only once.',
  resolved: 'Did the answer resolve your case?',
  resolvedYes: 'Yes',
  resolvedNo: 'No',
  resolvedRequired: 'Say whether the answer resolved your case.',
  rating: 'How satisfied are you with the answer?',
  ratingHint: 'From 1 (not at all satisfied) to 5 (very satisfied).',
  ratings: {
    1: '1 · Not at all satisfied',
    2: '2 · Slightly satisfied',
    3: '3 · Neither satisfied nor dissatisfied',
    4: '4 · Satisfied',
    5: '5 · Very satisfied',
  },
  ratingRequired: 'Choose a rating from 1 to 5.',
  comment: 'Comment',
  commentTooLong: 'Your comment must be {n} characters or fewer.',
  rateSend: 'Send rating',
  rated: 'Thank you: you have already rated this answer.',
  rateDone: 'Thank you for rating the answer.',
  sending: 'Sending…',
  networkError: 'We could not send it: there is no connection to the server. What you wrote is kept.',
  conflicts: {
    not_awaiting_reply:
      'The institution is no longer waiting for your answer on this request: its status has changed. What you wrote is kept.',
    not_open:
      'This request is no longer open (it was answered, closed or withdrawn): it cannot be withdrawn.',
    already_rated: 'This answer has already been rated: it can be rated only once.',
    not_answered: 'You can rate the answer only once the institution has answered.',
  },
};

export type StatusTexts = typeof es;
const TEXTS: Record<Locale, StatusTexts> = { es, en };

export const statusTexts = (locale: Locale): StatusTexts => TEXTS[locale];
