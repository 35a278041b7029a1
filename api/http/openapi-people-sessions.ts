import { body, errors, ok, session } from './openapi-people-shared.ts';

// The OpenAPI paths of sign-in and the session: password and TOTP, passkeys, invitations and
// password resets (issue 19), and the session cookie's security scheme.

export const SESSION_SECURITY_SCHEME = {
  type: 'apiKey',
  in: 'cookie',
  name: '__Host-cc_session',
  description:
    'Set by POST /api/v1/session (HttpOnly, Secure, SameSite=Strict). Every state-changing request with it ' +
    'must send `X-CSRF-Token` and come from this origin (Origin / Sec-Fetch-Site), else 403 `csrf_failed`.',
};

/** The answer of POST and GET /session, as a component of the document. */
export const SESSION_SCHEMA = {
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
};

export function sessionPaths() {
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
  };
}
