import { body, code, errors, param, session, staffErrors } from './openapi-people-shared.ts';

// The OpenAPI paths of the institution's webhooks as its admin manages them in the back office
// (routes/webhooks-admin.ts); what a delivery carries and how to verify it is in docs/api.md.

const dateTime = { type: ['string', 'null'], format: 'date-time' };

/** A webhook as listed: never its secret; its health from its messages in the outbox. */
export const WEBHOOK_SCHEMA = {
  type: 'object',
  required: ['id', 'url', 'createdAt', 'revokedAt', 'health'],
  properties: {
    id: { type: 'integer' },
    url: { type: 'string', format: 'uri' },
    createdAt: { type: 'string', format: 'date-time' },
    revokedAt: { ...dateTime, description: 'When it was revoked; null while it receives deliveries' },
    health: {
      type: 'object',
      required: ['lastSuccessAt', 'lastFailure', 'pending', 'dead'],
      properties: {
        lastSuccessAt: { ...dateTime, description: 'The last delivery it answered with a 2xx' },
        lastFailure: {
          type: ['object', 'null'],
          description:
            'The latest failure still on record: a message waiting for its retry, or a dead letter. A message ' +
            'delivered later is a success and no longer counts.',
          properties: {
            at: dateTime,
            dead: { type: 'boolean', description: 'The message was given up (a dead letter)' },
            errorClass: { enum: ['http_status', 'timeout', 'address', 'connection', 'removed', 'other'] },
            status: {
              type: ['integer', 'null'],
              description: "The receiver's HTTP status, for `http_status`",
            },
          },
        },
        pending: { type: 'integer', description: 'Messages waiting to be delivered to it' },
        dead: { type: 'integer', description: 'Messages it will not get (dead letters)' },
      },
    },
  },
};

export function webhookPaths() {
  const webhook = { $ref: '#/components/schemas/Webhook' };
  return {
    '/api/v1/institutions/{code}/webhooks': {
      get: {
        summary:
          "Institution admin: the institution's webhooks with their delivery health (never the secrets)",
        security: session,
        parameters: [code],
        responses: {
          200: {
            description: '`{items: [Webhook]}`, oldest first',
            content: {
              'application/json': {
                schema: { type: 'object', properties: { items: { type: 'array', items: webhook } } },
              },
            },
          },
          ...errors(...staffErrors),
        },
      },
      post: {
        summary: 'Institution admin: register a webhook; its signing secret is in this answer only',
        description:
          'The URL is HTTPS (plain HTTP to loopback only while `WEBHOOK_ALLOW_LOOPBACK` is on) and its host must ' +
          'resolve, now, to public addresses only; otherwise 400 `validation_failed` on `url`, in the language ' +
          'asked. The same rule as `npm run cli -- webhook add`. Audited as `webhook.add`. Verifying a delivery: ' +
          '`X-Contacto-Signature` is `v1=` and the hex HMAC-SHA256, keyed with the secret, of the value of ' +
          '`X-Contacto-Timestamp`, a dot and the raw body; compare in constant time, refuse timestamps more than 5 minutes ' +
          'from your clock, and drop an `X-Contacto-Delivery` id already processed (a delivery may come twice).',
        security: session,
        parameters: [code],
        requestBody: body('WebhookRegistration'),
        responses: {
          201: {
            description: 'The webhook, with `secret` (`whsec_…`): verify `X-Contacto-Signature` with it',
            content: {
              'application/json': {
                schema: {
                  allOf: [
                    webhook,
                    { type: 'object', required: ['secret'], properties: { secret: { type: 'string' } } },
                  ],
                },
              },
            },
          },
          ...errors(...staffErrors, 'validation_failed'),
        },
      },
    },
    '/api/v1/institutions/{code}/webhooks/{id}': {
      delete: {
        summary:
          'Institution admin: revoke a webhook: nothing new is sent to it, its pending messages become dead ' +
          'letters; audited as `webhook.remove`',
        security: session,
        parameters: [code, param('id', 'Webhook id')],
        responses: { 204: { description: 'Revoked' }, ...errors(...staffErrors, 'not_found') },
      },
    },
  };
}
