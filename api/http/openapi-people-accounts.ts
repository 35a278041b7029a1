import { body, code, errors, ok, param, staff, staffErrors } from './openapi-people-shared.ts';

// The OpenAPI paths of an institution's accounts and invitations (issue 19).

export function accountPaths() {
  return {
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
  };
}
