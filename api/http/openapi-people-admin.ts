import { body, code, errors, ok, param, session, staff, staffErrors } from './openapi-people-shared.ts';

// The OpenAPI paths of the institution admin's other screens: the catalog, the staff tokens and the
// audit log.

export function catalogPaths() {
  return {
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
  };
}

export function tokenPaths() {
  return {
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
  };
}

export function auditPaths() {
  return {
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
