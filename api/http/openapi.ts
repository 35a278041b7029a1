import { toJsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import { UploadReceiptSchema } from '../schema/attachments.ts';
import { CatalogFileSchema } from '../schema/catalog.ts';
import { AnonymizationSchema, CitizenDataQuerySchema } from '../schema/data-rights.ts';
import { FilingSchema } from '../schema/filing.ts';
import { ReportResponseSchema } from '../schema/report.ts';
import {
  AnonymizationResultSchema,
  CitizenDataExportSchema,
  ErrorBodySchema,
  InboxPageSchema,
  InboxRowPageSchema,
  InstitutionSummarySchema,
  ReceiptSchema,
  RequestSearchResultSchema,
  StaffRequestSchema,
  StatusViewSchema,
} from '../schema/responses.ts';
import { InboxQuerySchema, RequestSearchSchema, StaffEventSchema } from '../schema/status.ts';
import { ERROR_STATUS } from './errors.ts';
import { LIFE_SCHEMAS, lifePaths } from './openapi-life.ts';
import { peoplePaths, peopleSchemas, SESSION_SECURITY_SCHEME } from './openapi-people.ts';

// The OpenAPI 3.1 document, generated from the same valibot schemas that validate requests and
// (in tests) responses. Refinements a JSON Schema cannot express (check digits, catalog rules) are
// described in prose; `errorMode: 'ignore'` leaves them out of the generated schemas.

const schema = (s: v.GenericSchema) => toJsonSchema(s, { errorMode: 'ignore', target: 'draft-2020-12' });

const SCHEMAS = {
  Filing: FilingSchema,
  Receipt: ReceiptSchema,
  StatusView: StatusViewSchema,
  Error: ErrorBodySchema,
  InstitutionSummary: InstitutionSummarySchema,
  CatalogFile: CatalogFileSchema,
  StaffEvent: StaffEventSchema,
  StaffRequest: StaffRequestSchema,
  InboxPage: InboxPageSchema,
  InboxRowPage: InboxRowPageSchema,
  RequestSearch: RequestSearchSchema,
  RequestSearchResult: RequestSearchResultSchema,
  Anonymization: AnonymizationSchema,
  AnonymizationResult: AnonymizationResultSchema,
  CitizenDataQuery: CitizenDataQuerySchema,
  CitizenDataExport: CitizenDataExportSchema,
  UploadReceipt: UploadReceiptSchema,
  ...LIFE_SCHEMAS,
} as const;

const ref = (name: keyof typeof SCHEMAS) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: keyof typeof SCHEMAS, description: string) => ({
  description,
  content: { 'application/json': { schema: ref(name) } },
});
const errors = (...codes: (keyof typeof ERROR_STATUS)[]) => {
  const byStatus: Record<string, string[]> = {};
  for (const code of codes) {
    const status = String(ERROR_STATUS[code]);
    byStatus[status] = [...(byStatus[status] ?? []), code];
  }
  return Object.fromEntries(
    Object.entries(byStatus).map(([status, list]) => [status, json('Error', list.join(', '))]),
  );
};
const pathParam = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});
const staffSecurity = [{ staffToken: [] }];
const dateRange = ['from', 'to'].map((name) => ({
  name,
  in: 'query',
  required: true,
  description: 'A local date of the institution, included',
  schema: { type: 'string', format: 'date' },
}));

export function buildOpenApi() {
  const inboxQuery = schema(InboxQuerySchema) as { properties?: Record<string, unknown> };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Contacto Ciudadano intake API',
      version: '1.0.0',
      description:
        'One channel for Preguntas, Quejas, Reclamos, Sugerencias, Solicitudes de información, Felicitaciones and ' +
        'Denuncias to public institutions. Every error is `{"error": {"code", "message", "issues"?}}`, with the ' +
        'message in the language of the `locale` field, `?locale=` or `Accept-Language` (es, en).',
    },
    servers: [{ url: '/' }],
    components: {
      schemas: {
        ...Object.fromEntries(Object.entries(SCHEMAS).map(([name, s]) => [name, schema(s)])),
        ...peopleSchemas(),
      },
      securitySchemes: {
        staffToken: {
          type: 'http',
          scheme: 'bearer',
          description:
            'A staff token of one institution, created with `npm run cli -- token create CODE NAME`.',
        },
        sessionCookie: SESSION_SECURITY_SCHEME,
      },
    },
    paths: {
      '/api/v1/institutions': {
        get: {
          summary: 'Directory of institutions that accept requests',
          responses: {
            200: {
              description: 'Institutions',
              content: {
                'application/json': { schema: { type: 'array', items: ref('InstitutionSummary') } },
              },
            },
          },
        },
      },
      '/api/v1/institutions/{code}': {
        get: {
          summary: "An institution's public catalog",
          description:
            'Request types with their legal deadlines, services, document types, captcha and privacy notice. ' +
            'Sent with a strong `ETag`; `If-None-Match` answers 304. The body is the catalog file without ' +
            '`allowedOrigins`, plus `captcha`.',
          parameters: [pathParam('code', 'Institution code, e.g. MDT')],
          responses: {
            200: json('CatalogFile', 'The catalog'),
            304: { description: 'Not modified' },
            ...errors('institution_not_found'),
          },
        },
      },
      '/api/v1/institutions/{code}/uploads': {
        post: {
          summary: 'Upload a file to attach to a filing, a reply or a staff event',
          description:
            'The file is the raw body, with its `Content-Type` and `Content-Disposition: attachment; filename="…"` ' +
            "(or `filename*=UTF-8''…`). The type is decided from the bytes, never from the name or the header: only " +
            "the catalog's `attachments.types` (PDF, JPEG, PNG); images are re-encoded without their metadata " +
            '(EXIF, GPS), their orientation applied. At most `attachments.maxBytes` (413 as soon as the body passes ' +
            "it; also when the institution's storage quota is reached). The id is claimed by the first filing, reply " +
            'or staff event that names it in `attachments`; unclaimed, it is deleted after 24 hours. Rate-limited per ' +
            'client like filing.',
          parameters: [
            pathParam('code', 'Institution code'),
            {
              name: 'Content-Disposition',
              in: 'header',
              required: false,
              description: 'attachment; filename="contrato.pdf"',
              schema: { type: 'string' },
            },
          ],
          requestBody: {
            required: true,
            content: {
              'application/pdf': { schema: { type: 'string', format: 'binary' } },
              'image/jpeg': { schema: { type: 'string', format: 'binary' } },
              'image/png': { schema: { type: 'string', format: 'binary' } },
            },
          },
          responses: {
            201: json(
              'UploadReceipt',
              'Stored; the id goes in `attachments` of a filing, a reply or a staff event',
            ),
            ...errors(
              'origin_not_allowed',
              'institution_not_found',
              'payload_too_large',
              'unsupported_media_type',
              'rate_limited',
            ),
          },
        },
      },
      '/api/v1/institutions/{code}/requests/{ticket}/attachments/{id}': {
        get: {
          summary: 'Staff: download a file of a request',
          description:
            'Served as `Content-Disposition: attachment` with `X-Content-Type-Options: nosniff` and ' +
            "`Content-Security-Policy: sandbox; default-src 'none'`: never shown inline from the API's origin.",
          security: staffSecurity,
          parameters: [
            pathParam('code', 'Institution code'),
            pathParam('ticket', 'Ticket'),
            pathParam('id', 'The upload id, as the request lists it'),
          ],
          responses: {
            200: {
              description: 'The file',
              content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
            },
            ...errors('unauthorized', 'forbidden', 'request_not_found', 'not_found'),
          },
        },
      },
      '/api/v1/requests/{ticket}/attachments/{id}': {
        get: {
          summary: "The citizen: download a file of their request (theirs or the institution's)",
          description:
            'With the tracking code in `X-Tracking-Code` (never in the URL). A file of another request, an unknown ' +
            'ticket and a wrong code all answer 404; repeated failures from one client give 429. Headers as for staff.',
          parameters: [
            pathParam('ticket', 'Ticket'),
            pathParam('id', 'The upload id, as the status view lists it'),
            { name: 'X-Tracking-Code', in: 'header', required: true, schema: { type: 'string' } },
          ],
          responses: {
            200: {
              description: 'The file',
              content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
            },
            ...errors('request_not_found', 'not_found', 'rate_limited'),
          },
        },
      },
      '/api/v1/institutions/{code}/requests': {
        post: {
          summary: 'File a request',
          description:
            'Validated against the institution catalog too: the type must exist and the service must take it; ' +
            'anonymous filing only where the type allows it (then no `citizen`, no `responseChannel`); the ' +
            'document number must pass its country check (cédula módulo 10, NIT and RUC check digits); the email ' +
            'channel needs an email and the phone channel a phone. JSON only, 64 KB at most. A browser request ' +
            "must come from one of the institution's allowed origins.",
          parameters: [
            pathParam('code', 'Institution code'),
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              description: 'Same key and same body: the first 201 again. Same key, other body: 409.',
              schema: { type: 'string', minLength: 1, maxLength: 128 },
            },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: ref('Filing') } } },
          responses: {
            201: {
              ...json(
                'Receipt',
                'Filed. `Location` points to the status URL. Keep the tracking code: it is shown once.',
              ),
              headers: { Location: { schema: { type: 'string' } } },
            },
            ...errors(
              'invalid_json',
              'validation_failed',
              'captcha_failed',
              'origin_not_allowed',
              'institution_not_found',
              'idempotency_conflict',
              'payload_too_large',
              'unsupported_media_type',
              'rate_limited',
              'captcha_unavailable',
            ),
          },
        },
        get: {
          summary: "Staff: the institution's inbox, newest first",
          description:
            'Newest first, or by due date (`sort=due`, the overdue first). `unit` and `assignee` (an account id, ' +
            'or `me`: the signed-in person; nobody for a token) narrow it; for an agent, a unit outside their ' +
            'own gives an empty page. `view=row` answers `InboxRowPage`: what a row of the back office shows, ' +
            'without the description nor the citizen’s data.',
          security: staffSecurity,
          parameters: [
            pathParam('code', 'Institution code'),
            ...Object.keys(inboxQuery.properties ?? {}).map((name) => ({
              name,
              in: 'query',
              required: false,
              schema: inboxQuery.properties?.[name],
            })),
          ],
          responses: {
            200: {
              description:
                'One page; pass `nextCursor` as `cursor` for the next (`InboxRowPage` with `view=row`)',
              content: { 'application/json': { schema: { oneOf: [ref('InboxPage'), ref('InboxRowPage')] } } },
            },
            ...errors('validation_failed', 'unauthorized', 'forbidden'),
          },
        },
      },
      '/api/v1/institutions/{code}/request-search': {
        post: {
          summary: 'Staff: search requests by the citizen’s name or document number',
          description:
            'The term goes in the body, never in the address (it is personal data). A term with a digit is a ' +
            'document number, matched exactly whatever its type, newest first; otherwise a name, "last name ' +
            'first name" by prefix, accents and case aside, in name order. Agents find their units’ requests ' +
            'only; anonymised requests are never found. Auditors and read-only tokens may search. Each search ' +
            'is written to the audit log (`request.search`: how it searched, how many and which tickets, never ' +
            'the term).',
          security: staffSecurity,
          parameters: [pathParam('code', 'Institution code')],
          requestBody: { required: true, content: { 'application/json': { schema: ref('RequestSearch') } } },
          responses: {
            200: json('RequestSearchResult', 'Up to `limit` rows; `more` when there were more'),
            ...errors(
              'invalid_json',
              'validation_failed',
              'unauthorized',
              'forbidden',
              'unsupported_media_type',
            ),
          },
        },
      },
      '/api/v1/institutions/{code}/requests/{ticket}': {
        get: {
          summary: 'Staff: one request with its full history (status events, extensions, assignments)',
          security: staffSecurity,
          parameters: [pathParam('code', 'Institution code'), pathParam('ticket', 'Ticket number')],
          responses: {
            200: json(
              'StaffRequest',
              'The request, with personal data and internal notes, its `unit` and its `assignee`, its `events` and its `activity`: the extensions of its due date and its assignments (read from the audit log), oldest first, each with `actor` and `at`',
            ),
            ...errors('unauthorized', 'forbidden', 'request_not_found'),
          },
        },
      },
      '/api/v1/institutions/{code}/requests/{ticket}/events': {
        post: {
          summary: 'Staff: move a request to a new status',
          description:
            'Allowed transitions: received → in_progress | needs_info | transferred | answered | closed; ' +
            'in_progress → needs_info | transferred | answered | closed; needs_info → in_progress | answered | ' +
            'closed; transferred → closed; answered → in_progress | closed; closed → nothing. `note` is public ' +
            '(for `answered` it is the response the citizen sees); `internalNote` is for staff only.',
          security: staffSecurity,
          parameters: [pathParam('code', 'Institution code'), pathParam('ticket', 'Ticket number')],
          requestBody: { required: true, content: { 'application/json': { schema: ref('StaffEvent') } } },
          responses: {
            201: { description: 'The event appended to the history' },
            ...errors(
              'invalid_json',
              'validation_failed',
              'unauthorized',
              'forbidden',
              'request_not_found',
              'invalid_transition',
              'unsupported_media_type',
            ),
          },
        },
      },
      '/api/v1/institutions/{code}/requests/{ticket}/export': {
        get: {
          summary: "Staff: everything held about a request's citizen (right of access)",
          description:
            'The request with its personal data, its whole history (internal notes included) and every outbox ' +
            'message about it (what it says, its status, its last error). The read is logged with the token id, ' +
            'never the data.',
          security: staffSecurity,
          parameters: [pathParam('code', 'Institution code'), pathParam('ticket', 'Ticket number')],
          responses: {
            200: json('CitizenDataExport', 'The export, `key` = the ticket'),
            ...errors('unauthorized', 'forbidden', 'request_not_found'),
          },
        },
      },
      '/api/v1/institutions/{code}/citizen-data': {
        post: {
          summary: 'Staff: everything held about a citizen at this institution, by identity document',
          description:
            'Every request of this institution filed with that document type and number (compacted as a filing ' +
            'is: blanks, dots and dashes dropped), each as in the export by ticket. A POST so that the document ' +
            'number never appears in a URL (proxy and access logs). Anonymised requests no longer match.',
          security: staffSecurity,
          parameters: [pathParam('code', 'Institution code')],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: ref('CitizenDataQuery') } },
          },
          responses: {
            200: json('CitizenDataExport', 'The export (no request: an empty list)'),
            ...errors(
              'invalid_json',
              'validation_failed',
              'unauthorized',
              'forbidden',
              'unsupported_media_type',
            ),
          },
        },
      },
      '/api/v1/institutions/{code}/requests/{ticket}/anonymization': {
        post: {
          summary: "Staff: erase a request's personal data (right of erasure)",
          description:
            'Replaces the names, document, email, phone and preferential attention (null), the subject (null) and ' +
            'the description (empty), erases the public and internal notes of its events and the payloads and ' +
            'last errors of its outbox messages (pending ones are cancelled). Keeps the ticket, type, service, ' +
            'status, dates, due date, response channel and locale, so reports still count it; the citizen can ' +
            'still look the status up. An `anonymized` event records the token and the reason. Irreversible; ' +
            'the erased bytes are also removed from the database file and its WAL.',
          security: staffSecurity,
          parameters: [pathParam('code', 'Institution code'), pathParam('ticket', 'Ticket number')],
          requestBody: { required: true, content: { 'application/json': { schema: ref('Anonymization') } } },
          responses: {
            201: json('AnonymizationResult', 'Anonymised; the event that records it'),
            ...errors(
              'invalid_json',
              'validation_failed',
              'unauthorized',
              'forbidden',
              'request_not_found',
              'already_anonymized',
              'unsupported_media_type',
            ),
          },
        },
      },
      '/api/v1/institutions/{code}/reports': {
        get: {
          summary: 'Staff: figures over the requests filed in a date range',
          description:
            'Counts by type, service and status; share answered (has an `answered` event); share answered ' +
            'within the legal deadline (of the requests that have one, answered on or before their due date); ' +
            'average and p90 (nearest rank) business days from receipt to the first answer; the overdue list ' +
            '(still open, due date passed). `from` and `to` are local dates of the institution, both included, ' +
            'at most 366 days (a leap year) apart, else 400 `validation_failed` on `to`.',
          security: staffSecurity,
          parameters: [pathParam('code', 'Institution code'), ...dateRange],
          responses: {
            200: {
              description: 'The report',
              content: { 'application/json': { schema: schema(ReportResponseSchema) } },
            },
            ...errors('validation_failed', 'unauthorized', 'forbidden'),
          },
        },
      },
      '/api/v1/institutions/{code}/reports/requests.csv': {
        get: {
          summary: 'Staff: the requests filed in a date range, as CSV',
          description:
            'UTF-8 with a byte order mark (spreadsheets then read accents right), CRLF lines, RFC 4180 quoting of ' +
            'every cell holding a comma, semicolon, tab, quote or line break; an apostrophe before every = + - @, ' +
            'tab or CR that starts a cell or follows a comma, semicolon, tab or line break, so that no spreadsheet ' +
            '(whatever its separator: es-CO uses ;) runs a formula. Streamed in pages (chunked): the range is at ' +
            'most 366 days; 10 exports per 10 minutes per token, then 429 with Retry-After. Anonymised requests ' +
            'have empty personal columns. Includes personal data: handle it as the institution handles its cases.',
          security: staffSecurity,
          parameters: [pathParam('code', 'Institution code'), ...dateRange],
          responses: {
            200: { description: 'The CSV file', content: { 'text/csv': { schema: { type: 'string' } } } },
            ...errors('validation_failed', 'unauthorized', 'forbidden', 'rate_limited'),
          },
        },
      },
      '/api/v1/requests/{ticket}': {
        get: {
          summary: "A request's status, for the citizen",
          description:
            'Needs the tracking code in the `X-Tracking-Code` header; a `?code=` in the URL is refused with 400 ' +
            '(URLs end up in proxy and browser-history logs). No personal data, no description. ' +
            'An unknown ticket and a wrong code answer the same 404; repeated failures from one client, 429.',
          parameters: [
            pathParam('ticket', 'Ticket number, e.g. MDT-QUE-2026-00001'),
            { name: 'X-Tracking-Code', in: 'header', required: true, schema: { type: 'string' } },
          ],
          responses: {
            200: json('StatusView', 'Status and public history'),
            ...errors('validation_failed', 'request_not_found', 'rate_limited'),
          },
        },
      },
      '/api/v1/captcha/challenge': {
        get: {
          summary: 'A fresh ALTCHA proof-of-work challenge (when CAPTCHA=altcha)',
          description:
            'Solve it (altcha-lib `solveChallenge`, PBKDF2/SHA-256) and send base64(JSON {challenge, solution}) as ' +
            'the filing `captcha`. A solved challenge is accepted once.',
          responses: { 200: { description: 'An ALTCHA v2 challenge' }, ...errors('not_found') },
        },
      },
      ...peoplePaths(),
      ...lifePaths({ ref, errors, pathParam, staffSecurity }),
    },
  };
}
