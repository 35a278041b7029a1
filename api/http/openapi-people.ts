import { toJsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import {
  AcceptInvitationSchema,
  AccountPatchSchema,
  AssignmentSchema,
  InvitationSchema,
  PasswordResetCompleteSchema,
  PasswordResetSchema,
  PlatformInstitutionSchema,
  PlatformInvitationSchema,
  RoutingSchema,
  SignInSchema,
  TokenSchema,
  TotpCodeSchema,
  UnitPatchSchema,
  UnitSchema,
} from '../schema/people.ts';
import { ERROR_STATUS } from './errors.ts';

// The OpenAPI paths of sign-in, people, units, routing, tokens and the audit log (issue 19),
// merged into the document by openapi.ts.

const schema = (s: v.GenericSchema) => toJsonSchema(s, { errorMode: 'ignore', target: 'draft-2020-12' });

export const PEOPLE_SCHEMAS = {
  SignIn: SignInSchema,
  TotpCode: TotpCodeSchema,
  Invitation: InvitationSchema,
  AcceptInvitation: AcceptInvitationSchema,
  PasswordReset: PasswordResetSchema,
  PasswordResetComplete: PasswordResetCompleteSchema,
  AccountPatch: AccountPatchSchema,
  Unit: UnitSchema,
  UnitPatch: UnitPatchSchema,
  Routing: RoutingSchema,
  Assignment: AssignmentSchema,
  Token: TokenSchema,
  PlatformInstitution: PlatformInstitutionSchema,
  PlatformInvitation: PlatformInvitationSchema,
} as const;

export function peopleSchemas() {
  return {
    ...Object.fromEntries(Object.entries(PEOPLE_SCHEMAS).map(([name, s]) => [name, schema(s)])),
    Session: {
      type: 'object',
      required: ['account', 'csrfToken', 'expiresAt', 'enrolRequired'],
      properties: {
        account: {
          type: 'object',
          properties: {
            id: { type: 'integer' },
            email: { type: 'string' },
            name: { type: 'string' },
            role: { enum: ['platform_admin', 'institution_admin', 'supervisor', 'agent', 'auditor'] },
            institution: { type: ['string', 'null'] },
            units: {
              type: 'array',
              items: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } },
            },
            locale: { type: 'string' },
            totpEnabled: { type: 'boolean' },
            passkeys: { type: 'integer', description: 'Passkeys registered' },
          },
        },
        csrfToken: { type: 'string', description: 'Send as `X-CSRF-Token` on every state-changing request' },
        expiresAt: {
          type: 'string',
          format: 'date-time',
          description: 'When the session ends if idle (or its absolute end, if sooner)',
        },
        enrolRequired: {
          type: 'boolean',
          description: 'An admin without a second factor: only the TOTP enrolment works until enabled',
        },
      },
    },
  };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const body = (name: keyof typeof PEOPLE_SCHEMAS) => ({
  required: true,
  content: { 'application/json': { schema: ref(name) } },
});
const ok = (description: string, name?: string) => ({
  description,
  ...(name ? { content: { 'application/json': { schema: ref(name) } } } : {}),
});
const errors = (...codes: (keyof typeof ERROR_STATUS)[]) => {
  const byStatus: Record<string, string[]> = {};
  for (const code of codes) {
    const status = String(ERROR_STATUS[code]);
    byStatus[status] = [...(byStatus[status] ?? []), code];
  }
  return Object.fromEntries(
    Object.entries(byStatus).map(([status, list]) => [status, ok(list.join(', '), 'Error')]),
  );
};
const param = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});
const code = param('code', 'Institution code');
const session = [{ sessionCookie: [] }];
const staff = [{ staffToken: [] }, { sessionCookie: [] }];
const staffErrors = ['unauthorized', 'second_factor_required', 'csrf_failed', 'forbidden'] as const;

export const SESSION_SECURITY_SCHEME = {
  type: 'apiKey',
  in: 'cookie',
  name: '__Host-cc_session',
  description:
    'Set by POST /api/v1/session (HttpOnly, Secure, SameSite=Strict). Every state-changing request with it ' +
    'must send `X-CSRF-Token` and come from this origin (Origin / Sec-Fetch-Site), else 403 `csrf_failed`.',
};

export function peoplePaths() {
  return {
    '/api/v1/session': {
      post: {
        summary: 'Sign in with email, password and (when enrolled) a TOTP code',
        description:
          'Sets the `__Host-cc_session` cookie. Wrong password and unknown email give the same 401 ' +
          '`invalid_credentials` in the same time. Right password, code missing or wrong: 401 ' +
          '`second_factor_required`. Ten failures for one email (known or not) lock it for 15 minutes: 429 ' +
          '`rate_limited` with `Retry-After`, whatever the password. An admin (not a demo account) with no ' +
          'second factor gets a session with `enrolRequired: true` that can only enrol one.',
        requestBody: body('SignIn'),
        responses: {
          200: ok('Signed in', 'Session'),
          ...errors('validation_failed', 'invalid_credentials', 'second_factor_required', 'rate_limited'),
        },
      },
      get: {
        summary: 'The current session',
        security: session,
        responses: { 200: ok('The session', 'Session'), ...errors('unauthorized') },
      },
      delete: {
        summary: 'Sign out (this session)',
        security: session,
        responses: { 204: ok('Signed out'), ...errors('unauthorized', 'csrf_failed') },
      },
    },
    '/api/v1/session/sign-out-everywhere': {
      post: {
        summary: 'End every session of the account',
        security: session,
        responses: {
          200: ok('`{ended}`: how many sessions ended'),
          ...errors('unauthorized', 'csrf_failed'),
        },
      },
    },
    '/api/v1/session/totp/setup': {
      post: {
        summary: 'Start enrolling a TOTP second factor: a new secret, pending until confirmed',
        security: session,
        responses: {
          200: ok('`{secret, otpauthUrl}` (show the URL as a QR code)'),
          ...errors('unauthorized', 'csrf_failed'),
        },
      },
    },
    '/api/v1/session/totp/enable': {
      post: {
        summary: 'Confirm the pending secret with a current code',
        security: session,
        requestBody: body('TotpCode'),
        responses: {
          200: ok('The session, no longer enrol-only', 'Session'),
          ...errors('unauthorized', 'csrf_failed', 'second_factor_required'),
        },
      },
    },
    '/api/v1/session/passkeys/options': {
      post: {
        summary: 'Start registering a passkey (WebAuthn): PublicKeyCredentialCreationOptionsJSON',
        security: session,
        responses: {
          200: ok('Options for navigator.credentials.create (base64url fields)'),
          ...errors('unauthorized', 'csrf_failed'),
        },
      },
    },
    '/api/v1/session/passkeys': {
      post: {
        summary: "Register the passkey: `{response}` is the browser's RegistrationResponseJSON",
        description:
          'User verification is required. Counts as the second factor: an enrol-only session becomes a full one.',
        security: session,
        responses: {
          200: ok('The session', 'Session'),
          ...errors('unauthorized', 'csrf_failed', 'second_factor_required'),
        },
      },
    },
    '/api/v1/session/passkey/options': {
      post: {
        summary:
          'Start signing in with a passkey: PublicKeyCredentialRequestOptionsJSON (discoverable credentials)',
        responses: { 200: ok('Options for navigator.credentials.get'), ...errors('rate_limited') },
      },
    },
    '/api/v1/session/passkey': {
      post: {
        summary: "Sign in with a passkey: `{response}` is the browser's AuthenticationResponseJSON",
        description: 'Sets the session cookie like POST /session. Each challenge works once, for 5 minutes.',
        responses: {
          200: ok('Signed in', 'Session'),
          ...errors('validation_failed', 'invalid_credentials', 'rate_limited'),
        },
      },
    },
    '/api/v1/invitations/accept': {
      post: {
        summary: 'Accept an invitation (or the CLI setup link): choose a password',
        description: 'The token comes from the link `/staff/invitation#token=…`. Then sign in.',
        requestBody: body('AcceptInvitation'),
        responses: { 200: ok('`{email, totpRequired}`'), ...errors('validation_failed', 'invalid_link') },
      },
    },
    '/api/v1/password-reset': {
      post: {
        summary: 'Ask for a password reset link by mail',
        description: 'The same 202 whether or not the address has an account.',
        requestBody: body('PasswordReset'),
        responses: { 202: ok('`{accepted: true}`'), ...errors('validation_failed') },
      },
    },
    '/api/v1/password-reset/complete': {
      post: {
        summary: 'Set a new password with the link `/staff/reset#token=…`; ends every session of the account',
        requestBody: body('PasswordResetComplete'),
        responses: { 200: ok('`{email}`'), ...errors('validation_failed', 'invalid_link') },
      },
    },
    '/api/v1/platform/accounts': {
      get: {
        summary: 'Platform admin: the platform accounts',
        security: session,
        responses: {
          200: ok('`{items: [{id, email, name, role, totpEnabled, invited, disabled, createdAt}]}`'),
          ...errors('unauthorized', 'second_factor_required', 'forbidden'),
        },
      },
    },
    '/api/v1/platform/invitations': {
      post: {
        summary: 'Platform admin: invite another platform admin by mail',
        security: session,
        requestBody: body('PlatformInvitation'),
        responses: {
          201: ok('`{id, email, role}`'),
          ...errors(
            'validation_failed',
            'unauthorized',
            'csrf_failed',
            'forbidden',
            'email_taken',
            'mail_unavailable',
          ),
        },
      },
    },
    '/api/v1/platform/institutions': {
      get: {
        summary: 'Platform admin: every institution, with how many accounts it has',
        security: session,
        responses: {
          200: ok('`{items: [{code, name, country, accounts}]}`'),
          ...errors('unauthorized', 'second_factor_required', 'forbidden'),
        },
      },
      post: {
        summary:
          'Platform admin: create an institution (minimal catalog of its country) and invite its first admin',
        security: session,
        requestBody: body('PlatformInstitution'),
        responses: {
          201: ok('`{code, name, admin: {id, email}}`'),
          ...errors(
            'validation_failed',
            'unauthorized',
            'csrf_failed',
            'forbidden',
            'email_taken',
            'mail_unavailable',
          ),
        },
      },
    },
    '/api/v1/platform/report': {
      get: {
        summary:
          'Platform admin: the management table (institutions registered and pending, requests registered, attended and pending with their shares, the institutions with most requests)',
        security: session,
        responses: {
          200: ok(
            '`{institutions: {registered, pending}, requests: {registered, attended, pending, …shares}, top: [...]}`',
          ),
          ...errors('unauthorized', 'second_factor_required', 'forbidden'),
        },
      },
    },
    '/api/v1/platform/report.csv': {
      get: {
        summary: 'Platform admin: the same table as CSV (UTF-8 with BOM); the export is audited',
        security: session,
        responses: {
          200: { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } },
          ...errors('unauthorized', 'second_factor_required', 'forbidden'),
        },
      },
    },
    '/api/v1/institutions/{code}/catalog': {
      get: {
        summary: "Institution admin: the institution's catalog file, as the back office edits it",
        security: session,
        responses: {
          200: {
            description: 'The catalog file',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/CatalogFile' } } },
          },
          ...errors('unauthorized', 'second_factor_required', 'forbidden', 'institution_not_found'),
        },
      },
      put: {
        summary:
          'Institution admin: replace the catalog, validated by the catalog file schema; audited as `catalog.update`',
        security: session,
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/CatalogFile' } } },
        },
        responses: {
          200: {
            description: 'The catalog saved',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/CatalogFile' } } },
          },
          ...errors('validation_failed', 'unauthorized', 'csrf_failed', 'forbidden'),
        },
      },
    },
    '/api/v1/institutions/{code}/accounts': {
      get: {
        summary: 'Institution admin: the people of the institution',
        security: staff,
        parameters: [code],
        responses: {
          200: ok(
            '`{items: [{id, email, name, role, institution, units, locale, totpEnabled, invited, disabled, createdAt}]}`',
          ),
          ...errors(...staffErrors),
        },
      },
      post: {
        summary:
          'Institution admin: create an account, i.e. invite its person (the same as POST …/invitations)',
        security: staff,
        parameters: [code],
        requestBody: body('Invitation'),
        responses: {
          201: ok('`{id, email, role, units}`'),
          ...errors(...staffErrors, 'validation_failed', 'email_taken', 'unit_not_found', 'mail_unavailable'),
        },
      },
    },
    '/api/v1/institutions/{code}/accounts/{id}': {
      patch: {
        summary: 'Institution admin: change role, units or name, disable or enable (ends their sessions)',
        security: staff,
        parameters: [code, param('id', 'Account id')],
        requestBody: body('AccountPatch'),
        responses: {
          200: ok('The account'),
          ...errors(...staffErrors, 'validation_failed', 'account_not_found', 'unit_not_found'),
        },
      },
    },
    '/api/v1/institutions/{code}/invitations': {
      post: {
        summary: 'Institution admin: invite a person by mail (one-time link, 7 days)',
        security: staff,
        parameters: [code],
        requestBody: body('Invitation'),
        responses: {
          201: ok('`{id, email, role, units}`'),
          ...errors(...staffErrors, 'validation_failed', 'email_taken', 'unit_not_found', 'mail_unavailable'),
        },
      },
    },
    '/api/v1/institutions/{code}/units': {
      get: {
        summary: 'The units (a tree by parentId)',
        security: staff,
        parameters: [code],
        responses: { 200: ok('`{items: [{id, parentId, name}]}`'), ...errors(...staffErrors) },
      },
      post: {
        summary: 'Institution admin: create a unit',
        security: staff,
        parameters: [code],
        requestBody: body('Unit'),
        responses: {
          201: ok('`{id, name, parentId}`'),
          ...errors(...staffErrors, 'validation_failed', 'unit_not_found'),
        },
      },
    },
    '/api/v1/institutions/{code}/units/{id}': {
      patch: {
        summary: 'Institution admin: rename or move a unit',
        security: staff,
        parameters: [code, param('id', 'Unit id')],
        requestBody: body('UnitPatch'),
        responses: {
          200: ok('`{id, parentId, name}`'),
          ...errors(...staffErrors, 'unit_not_found', 'unit_cycle'),
        },
      },
    },
    '/api/v1/institutions/{code}/routing': {
      get: {
        summary: 'Which unit each service routes new requests to',
        security: staff,
        parameters: [code],
        responses: { 200: ok('`{serviceId: unitId}`'), ...errors(...staffErrors) },
      },
      put: {
        summary: 'Institution admin: route services to units (the services named; others unchanged)',
        security: staff,
        parameters: [code],
        requestBody: body('Routing'),
        responses: {
          200: ok('The whole routing'),
          ...errors(...staffErrors, 'service_not_found', 'unit_not_found'),
        },
      },
    },
    '/api/v1/institutions/{code}/requests/{ticket}/assignment': {
      post: {
        summary: 'Supervisor or admin: move a request to a unit and/or a person',
        security: staff,
        parameters: [code, param('ticket', 'Ticket number')],
        requestBody: body('Assignment'),
        responses: {
          200: ok('`{ticket, unitId, accountId}`'),
          ...errors(...staffErrors, 'request_not_found', 'unit_not_found', 'account_not_found'),
        },
      },
    },
    '/api/v1/institutions/{code}/tokens': {
      get: {
        summary: 'Institution admin: the staff tokens (never their secrets)',
        security: staff,
        parameters: [code],
        responses: {
          200: ok('`{items: [{id, name, createdAt, expiresAt, revokedAt, readOnly}]}`'),
          ...errors(...staffErrors),
        },
      },
      post: {
        summary: 'Institution admin: create a token for an integration (shown once)',
        security: staff,
        parameters: [code],
        requestBody: body('Token'),
        responses: {
          201: ok('`{id, token, name, readOnly, expiresAt}`'),
          ...errors(...staffErrors, 'validation_failed'),
        },
      },
    },
    '/api/v1/institutions/{code}/tokens/{id}': {
      delete: {
        summary: 'Institution admin: revoke a token',
        security: staff,
        parameters: [code, param('id', 'Token id')],
        responses: { 204: ok('Revoked'), ...errors(...staffErrors, 'not_found') },
      },
    },
    '/api/v1/institutions/{code}/audit': {
      get: {
        summary:
          'Admins and auditors: the audit log, oldest first (JSON, or CSV with format=csv / Accept: text/csv)',
        security: staff,
        parameters: [
          code,
          ...['from', 'to', 'actor', 'ticket', 'format'].map((name) => ({
            name,
            in: 'query',
            required: false,
            schema: { type: 'string' },
            description:
              name === 'actor'
                ? '`account:<id>` or `staff:<token id>`'
                : name === 'format'
                  ? '`json` (default) or `csv`'
                  : name === 'ticket'
                    ? 'Ticket number'
                    : 'ISO-8601 UTC instant, included',
          })),
        ],
        responses: {
          200: ok('`{items: [{id, at, institution, actor, action, ticket, target, ip, detail}]}`'),
          ...errors(...staffErrors, 'validation_failed'),
        },
      },
    },
  };
}
