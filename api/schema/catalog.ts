import * as v from 'valibot';
import { AttachmentPolicySchema } from './attachments.ts';
import { DOCUMENT_FORMATS } from './documents.ts';
import { type LegalClockProfile, LegalClockSettingsSchema } from './legal-clock.ts';

export const COUNTRIES = ['EC', 'CO', 'PE'] as const;
export type Country = (typeof COUNTRIES)[number];

export const InstitutionCodeSchema = v.pipe(v.string(), v.regex(/^[A-Z][A-Z0-9]{1,11}$/));
export const RequestTypeCodeSchema = v.pipe(v.string(), v.regex(/^[A-Z]{3}$/));
const SlugSchema = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,63}$/));

/** A text in both languages of the product. */
export const LocalizedTextSchema = v.object({
  es: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(2000)),
  en: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(2000)),
});
export type LocalizedText = v.InferOutput<typeof LocalizedTextSchema>;

export const RequestTypeSchema = v.object({
  code: RequestTypeCodeSchema,
  name: LocalizedTextSchema,
  description: LocalizedTextSchema,
  /** Business days the law gives to answer; null where there is no deadline (a compliment). */
  responseDays: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(365))),
  anonymousAllowed: v.boolean(),
  /** A floor on the description where the law asks for facts (Colombian anonymous denuncias). */
  minDescriptionLength: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(2000))),
});
export type RequestType = v.InferOutput<typeof RequestTypeSchema>;

export const ServiceSchema = v.object({
  id: SlugSchema,
  name: LocalizedTextSchema,
  description: LocalizedTextSchema,
  requestTypes: v.pipe(v.array(RequestTypeCodeSchema), v.minLength(1)),
});
export type Service = v.InferOutput<typeof ServiceSchema>;

export const DocumentTypeSchema = v.object({
  code: SlugSchema,
  name: LocalizedTextSchema,
  format: v.picklist(DOCUMENT_FORMATS),
});
export type DocumentType = v.InferOutput<typeof DocumentTypeSchema>;

export const OriginSchema = v.pipe(
  v.string(),
  v.regex(/^https?:\/\/[^/\s?#]+$/, 'an origin is scheme://host[:port], with no path or trailing slash'),
);

/**
 * Only web addresses: the widget and the mails render catalog links as links, and `javascript:`,
 * `data:`, `vbscript:` or `file:` there would run or open something else than a page. http: is kept
 * beside https: for intranets and local demos; the scheme is checked after URL parsing, so case and
 * leading blanks cannot disguise it.
 */
export function isWebUrl(link: string): boolean {
  if (!URL.canParse(link)) return false;
  const { protocol, hostname } = new URL(link);
  return (protocol === 'https:' || protocol === 'http:') && hostname !== '' && link === link.trim();
}

/**
 * A page the server links to: an absolute http(s) URL, or a path on this server ('/demo/estado.html')
 * that the server resolves against its PUBLIC_URL wherever it writes the link (catalog, mails), so a
 * catalog that names the platform's own pages works on whatever address the platform runs.
 */
const LinkSchema = v.pipe(
  v.string(),
  v.check(
    (link) => (/^\/(?!\/)/.test(link) ? !/\s/.test(link) : isWebUrl(link)),
    'a URL (https://… or http://…) or a path on this server starting with /',
  ),
);

/** The absolute form of a `LinkSchema` value: paths resolve against the server's public URL. */
export function absoluteLink(link: string, publicUrl: string): string {
  return new URL(link, publicUrl).href;
}

function uniqueBy<T>(key: (item: T) => string, what: string) {
  return v.check<T[], string>(
    (items) => new Set(items.map(key)).size === items.length,
    `every ${what} must be unique`,
  );
}

/**
 * The catalog file of one institution, as imported by `npm run cli -- catalog import FILE`.
 * Everything an institution can tune without code lives here.
 */
export const CatalogFileSchema = v.pipe(
  v.object({
    code: InstitutionCodeSchema,
    name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)),
    country: v.picklist(COUNTRIES),
    timezone: v.pipe(
      v.string(),
      v.check((tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'an IANA time zone such as America/Guayaquil'),
    ),
    locales: v.pipe(v.array(v.picklist(['es', 'en'])), v.minLength(1)),
    /** Website origins allowed to file for this institution from a browser (CORS and Origin check). */
    allowedOrigins: v.array(OriginSchema),
    /** The service a citizen can pick when none fits; must be one of `services`. */
    otherServiceId: v.optional(SlugSchema),
    /** Gets a notice of each new request. Never published. */
    notificationEmail: v.optional(v.pipe(v.string(), v.trim(), v.email(), v.maxLength(254))),
    /** The page of the institution's site where citizens look requests up; named in their mails. */
    statusPageUrl: v.optional(LinkSchema),
    /**
     * Days after a request is closed until its personal data is anonymised automatically (the
     * server's hourly maintenance); absent: kept until staff anonymise it. LOPDP art. 10 e),
     * Ley 1581 art. 4 and Ley 29733 art. 8 ask for data to be kept no longer than its purpose needs.
     */
    retentionDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(36_500))),
    /** The files a citizen or staff may attach (CONTRACT §6); absent: none. */
    attachments: v.optional(AttachmentPolicySchema),
    /**
     * The institution's settings of the legal clock (issue 17): only for the rules its country's
     * profile leaves to the institution; the catalog publishes the resolved profile.
     */
    legalClock: v.optional(LegalClockSettingsSchema),
    privacyNotice: v.object({
      url: LinkSchema,
      version: v.pipe(v.string(), v.minLength(1)),
    }),
    requestTypes: v.pipe(
      v.array(RequestTypeSchema),
      v.minLength(1),
      uniqueBy((t) => t.code, 'request type code'),
    ),
    services: v.pipe(
      v.array(ServiceSchema),
      v.minLength(1),
      uniqueBy((s) => s.id, 'service id'),
    ),
    documentTypes: v.pipe(
      v.array(DocumentTypeSchema),
      v.minLength(1),
      uniqueBy((d) => d.code, 'document type code'),
    ),
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const types = new Set(dataset.value.requestTypes.map((t) => t.code));
    dataset.value.services.forEach((service, index) => {
      for (const code of service.requestTypes) {
        if (!types.has(code)) {
          addIssue({
            message: `service "${service.id}" names request type "${code}", which the catalog does not define`,
            path: [
              {
                type: 'object',
                origin: 'value',
                input: dataset.value,
                key: 'services',
                value: dataset.value.services,
              },
              { type: 'array', origin: 'value', input: dataset.value.services, key: index, value: service },
            ],
          });
        }
      }
    });
    const other = dataset.value.otherServiceId;
    if (other && !dataset.value.services.some((s) => s.id === other)) {
      addIssue({ message: `otherServiceId "${other}" is not one of the services` });
    }
  }),
);
export type CatalogFile = v.InferOutput<typeof CatalogFileSchema>;

/** The public catalog, as `GET /api/v1/institutions/{code}` serves it. */
export interface Catalog extends Omit<CatalogFile, 'allowedOrigins' | 'legalClock'> {
  /** The country's legal clock with the institution's settings applied: each rule with its `legalBasis`. */
  legalClock?: LegalClockProfile;
  captcha:
    | { provider: 'altcha'; challengeUrl: string }
    | { provider: 'hcaptcha'; sitekey: string }
    | { provider: 'off' };
}

export interface InstitutionSummary {
  code: string;
  name: string;
  country: Country;
}
