import type * as v from 'valibot';
import {
  ExtensionSchema,
  ReplySchema,
  SatisfactionSchema,
  TransferSchema,
  WithdrawalSchema,
} from '../schema/life.ts';
import type { ERROR_STATUS } from './errors.ts';

/**
 * The OpenAPI paths and bodies of the life of a request (contract §5), merged into the document by
 * openapi.ts, which lends its helpers so that both build their entries alike.
 */

export const LIFE_SCHEMAS = {
  Reply: ReplySchema,
  Withdrawal: WithdrawalSchema,
  Satisfaction: SatisfactionSchema,
  Extension: ExtensionSchema,
  Transfer: TransferSchema,
} satisfies Record<string, v.GenericSchema>;

type ErrorCode = keyof typeof ERROR_STATUS;

interface Helpers {
  ref: (name: keyof typeof LIFE_SCHEMAS) => unknown;
  errors: (...codes: ErrorCode[]) => Record<string, unknown>;
  pathParam: (name: string, description: string) => unknown;
  staffSecurity: unknown;
}

const ok = (description: string, properties: Record<string, unknown>) => ({
  description,
  content: { 'application/json': { schema: { type: 'object', properties } } },
});
const date = { type: 'string', format: 'date' };
const dateTime = { type: 'string', format: 'date-time' };

export function lifePaths({ ref, errors, pathParam, staffSecurity }: Helpers) {
  const ticket = pathParam('ticket', 'Ticket number, e.g. MDT-QUE-2026-00001');
  const code = pathParam('code', 'Institution code');
  const trackingCode = { name: 'X-Tracking-Code', in: 'header', required: true, schema: { type: 'string' } };
  const body = (name: keyof typeof LIFE_SCHEMAS) => ({
    required: true,
    content: { 'application/json': { schema: ref(name) } },
  });
  const citizen = [
    'invalid_json',
    'validation_failed',
    'request_not_found',
    'payload_too_large',
    'unsupported_media_type',
    'rate_limited',
  ] as const;
  const staff = [
    'invalid_json',
    'validation_failed',
    'unauthorized',
    'forbidden',
    'request_not_found',
    'unsupported_media_type',
  ] as const;
  return {
    '/api/v1/requests/{ticket}/replies': {
      post: {
        summary: "The citizen answers the institution's request for information",
        description:
          'Only while the request is `needs_info`. It goes back to `in_progress`; the legal clock resumes or ' +
          "restarts as the country's profile says (see the catalog's `legalClock`); staff are told by webhook " +
          '(`request.citizen_replied`) and mail, and find it with `?replied=true` in the inbox. The message is for ' +
          'staff: it never appears in the status view. `attachments` accepts only an empty list for now.',
        parameters: [ticket, trackingCode],
        requestBody: body('Reply'),
        responses: {
          201: ok('Answered; the request is in progress again', {
            ticket: { type: 'string' },
            status: { const: 'in_progress' },
            dueDate: { type: ['string', 'null'], format: 'date' },
            at: dateTime,
          }),
          ...errors(...citizen, 'not_awaiting_reply'),
        },
      },
    },
    '/api/v1/requests/{ticket}/withdrawal': {
      post: {
        summary: 'The citizen withdraws an open request',
        description:
          'Open requests only (received, in_progress, needs_info). The reason is seen by staff only.',
        parameters: [ticket, trackingCode],
        requestBody: body('Withdrawal'),
        responses: {
          201: ok('Withdrawn', { ticket: { type: 'string' }, status: { const: 'withdrawn' }, at: dateTime }),
          ...errors(...citizen, 'not_open'),
        },
      },
    },
    '/api/v1/requests/{ticket}/satisfaction': {
      post: {
        summary: 'The citizen rates the answer, once',
        description: 'After `answered` or `closed`. Reports show the share resolved and the average rating.',
        parameters: [ticket, trackingCode],
        requestBody: body('Satisfaction'),
        responses: {
          201: ok('Rated', {
            ticket: { type: 'string' },
            resolved: { type: 'boolean' },
            rating: { type: 'integer', minimum: 1, maximum: 5 },
            at: dateTime,
          }),
          ...errors(...citizen, 'not_answered', 'already_rated'),
        },
      },
    },
    '/api/v1/institutions/{code}/requests/{ticket}/extensions': {
      post: {
        summary: 'Staff: extend the deadline, with a reason the citizen is told',
        description:
          'Before the current due date, to a later date within the profile cap (CO: twice the original term, ' +
          'Ley 1755 art. 14 parágrafo; EC: half the term more, COA art. 161; PE: none unless the institution sets ' +
          'it), plus the business days the term was suspended. Not while suspended, nor for a type without ' +
          'deadline. The citizen gets a mail with the new date and the reason (`request.extended`).',
        security: staffSecurity,
        parameters: [code, ticket],
        requestBody: body('Extension'),
        responses: {
          201: ok('Extended', {
            dueDate: date,
            previousDueDate: date,
            reason: { type: 'string' },
            at: dateTime,
          }),
          ...errors(...staff, 'extension_not_allowed'),
        },
      },
    },
    '/api/v1/institutions/{code}/requests/{ticket}/transfer': {
      post: {
        summary: 'Staff: transfer the request to the competent institution',
        description:
          '`{to}`: an institution on the platform of the same country that takes the request type; a new request is ' +
          'filed there with the same citizen data and description, its own ticket and its own clock from now, ' +
          'linked both ways, and the same tracking code opens both. `{toName}`: an entity off the platform. The ' +
          'request becomes `transferred`; the citizen is told (`request.transferred`). The inbox shows the ' +
          "profile's window as `transferBy` (CO: 5 business days, Ley 1755 art. 21).",
        security: staffSecurity,
        parameters: [code, ticket],
        requestBody: body('Transfer'),
        responses: {
          201: ok('Transferred', {
            ticket: { type: ['string', 'null'] },
            institution: {
              type: 'object',
              properties: { code: { type: ['string', 'null'] }, name: { type: 'string' } },
            },
            at: dateTime,
          }),
          ...errors(...staff, 'invalid_transition', 'transfer_not_allowed'),
        },
      },
    },
  };
}
