import * as v from 'valibot';
import { AttachmentIdsSchema } from './attachments.ts';
import type { Catalog } from './catalog.ts';
import { LIMITS, PREFERENTIAL_GROUPS, RESPONSE_CHANNELS } from './constants.ts';
import { compactDocumentNumber, isValidDocumentNumber } from './documents.ts';
import type { IssueKey } from './messages.ts';
import { plainText } from './text.ts';

export { LIMITS, PREFERENTIAL_GROUPS, RESPONSE_CHANNELS, type ResponseChannel } from './constants.ts';

const key = (k: IssueKey) => k;

// A citizen's text: trimmed, no control characters, no bidi controls or zero-width characters
// (see text.ts: refused, never silently stripped).
const text = plainText;

export const CitizenSchema = v.object({
  documentType: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  documentNumber: v.pipe(text(LIMITS.documentNumber), v.transform(compactDocumentNumber), v.minLength(1)),
  firstName: text(LIMITS.name),
  lastName: text(LIMITS.name),
  email: v.optional(
    v.pipe(v.string(), v.trim(), v.toLowerCase(), v.maxLength(LIMITS.email), v.email(key('invalid_email'))),
  ),
  phone: v.optional(
    v.pipe(v.string(), v.trim(), v.regex(/^\+?[0-9][0-9 ().-]{5,23}$/, key('invalid_phone'))),
  ),
  preferentialAttention: v.optional(
    v.pipe(v.array(v.picklist(PREFERENTIAL_GROUPS)), v.maxLength(PREFERENTIAL_GROUPS.length)),
    [],
  ),
});
export type Citizen = v.InferOutput<typeof CitizenSchema>;

/**
 * The shape of a filing, independent of any institution: the rules the citizen's browser and the
 * API check alike. `createFilingSchema` adds what depends on the institution's catalog.
 */
export const FilingSchema = v.pipe(
  v.object({
    type: v.pipe(v.string(), v.minLength(1), v.maxLength(16)),
    service: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
    subject: v.optional(text(LIMITS.subject, 0)),
    description: text(LIMITS.description),
    anonymous: v.optional(v.boolean(), false),
    citizen: v.optional(CitizenSchema),
    responseChannel: v.optional(v.picklist(RESPONSE_CHANNELS)),
    locale: v.optional(v.picklist(['es', 'en']), 'es'),
    consent: v.literal(true, key('required')),
    captcha: v.optional(v.pipe(v.string(), v.maxLength(LIMITS.captcha))),
    /** Upload ids (CONTRACT §6); each is checked against the uploads when the request is filed. */
    attachments: v.optional(AttachmentIdsSchema),
  }),
  v.forward(
    v.partialCheck(
      [['anonymous'], ['citizen']],
      (input) => input.anonymous || input.citizen !== undefined,
      key('citizen_required'),
    ),
    ['citizen'],
  ),
  v.forward(
    v.partialCheck(
      [['anonymous'], ['citizen']],
      (input) => !input.anonymous || input.citizen === undefined,
      key('anonymous_no_citizen'),
    ),
    ['citizen'],
  ),
  v.forward(
    v.partialCheck(
      [['anonymous'], ['responseChannel']],
      (input) => !input.anonymous || input.responseChannel === undefined,
      key('anonymous_no_channel'),
    ),
    ['responseChannel'],
  ),
  v.forward(
    v.partialCheck(
      [['anonymous'], ['responseChannel']],
      (input) => input.anonymous || input.responseChannel !== undefined,
      key('channel_required'),
    ),
    ['responseChannel'],
  ),
  v.forward(
    v.partialCheck(
      [['responseChannel'], ['citizen', 'email']],
      // Without any identification, citizen_required is the one problem to report.
      (input) => input.responseChannel !== 'email' || !input.citizen || Boolean(input.citizen.email),
      key('email_required_for_channel'),
    ),
    ['citizen', 'email'],
  ),
  v.forward(
    v.partialCheck(
      [['responseChannel'], ['citizen', 'phone']],
      (input) => input.responseChannel !== 'phone' || !input.citizen || Boolean(input.citizen.phone),
      key('phone_required_for_channel'),
    ),
    ['citizen', 'phone'],
  ),
);
export type FilingInput = v.InferInput<typeof FilingSchema>;
export type Filing = v.InferOutput<typeof FilingSchema>;

type CatalogRules = Pick<Catalog, 'requestTypes' | 'services' | 'documentTypes' | 'attachments'>;

/** The filing schema of one institution: the shape plus what its catalog allows. */
export function createFilingSchema(catalog: CatalogRules) {
  const typeOf = (code: string) => catalog.requestTypes.find((t) => t.code === code);
  const serviceOf = (id: string) => catalog.services.find((s) => s.id === id);
  const documentOf = (code: string) => catalog.documentTypes.find((d) => d.code === code);
  return v.pipe(
    FilingSchema,
    v.forward(
      v.partialCheck(
        [['attachments']],
        (input) => (input.attachments?.length ?? 0) <= (catalog.attachments?.maxFiles ?? 0),
        () => `${key('too_many_files')}:${catalog.attachments?.maxFiles ?? 0}`,
      ),
      ['attachments'],
    ),
    v.forward(
      v.partialCheck([['type']], (input) => typeOf(input.type) !== undefined, key('unknown_type')),
      ['type'],
    ),
    v.forward(
      v.partialCheck(
        [['service']],
        (input) => serviceOf(input.service) !== undefined,
        key('unknown_service'),
      ),
      ['service'],
    ),
    v.forward(
      v.partialCheck(
        [['type'], ['service']],
        (input) => {
          const service = serviceOf(input.service);
          return !service || !typeOf(input.type) || service.requestTypes.includes(input.type);
        },
        key('service_type_mismatch'),
      ),
      ['service'],
    ),
    v.forward(
      v.partialCheck(
        [['type'], ['anonymous']],
        (input) => !input.anonymous || typeOf(input.type)?.anonymousAllowed !== false,
        key('anonymous_not_allowed'),
      ),
      ['anonymous'],
    ),
    v.forward(
      v.partialCheck(
        [['type'], ['description']],
        (input) => input.description.length >= (typeOf(input.type)?.minDescriptionLength ?? 0),
        // The floor travels inside the message key ("key:n") so the translated sentence can name it.
        (issue) =>
          `${key('description_needs_facts')}:${typeOf((issue.input as { type: string }).type)?.minDescriptionLength}`,
      ),
      ['description'],
    ),
    v.forward(
      v.partialCheck(
        [['citizen', 'documentType']],
        (input) => !input.citizen || documentOf(input.citizen.documentType) !== undefined,
        key('unknown_document_type'),
      ),
      ['citizen', 'documentType'],
    ),
    v.forward(
      v.partialCheck(
        [
          ['citizen', 'documentType'],
          ['citizen', 'documentNumber'],
        ],
        (input) => {
          const document = input.citizen && documentOf(input.citizen.documentType);
          return (
            !document ||
            !input.citizen ||
            isValidDocumentNumber(document.format, input.citizen.documentNumber)
          );
        },
        // The document's format travels inside the key, so the message can say what a valid number is.
        (issue) =>
          `${key('invalid_document_number')}:${documentOf((issue.input as { citizen: { documentType: string } }).citizen.documentType)?.format}`,
      ),
      ['citizen', 'documentNumber'],
    ),
  );
}
