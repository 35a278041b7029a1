import { body, errors, ok, session } from './openapi-people-shared.ts';

// The OpenAPI paths of the platform admin: platform accounts, institutions and the platform's report.

export function platformPaths() {
  return {
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
  };
}
