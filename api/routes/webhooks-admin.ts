import { Hono } from 'hono';
import type { AppEnv, Deps } from '../app-env.ts';
import { listWebhooks, type WebhookRecord } from '../db/webhooks.ts';
import { isoSeconds } from '../domain/clock.ts';
import { canManage } from '../domain/roles.ts';
import { bodyOf } from '../http/body.ts';
import { ApiError } from '../http/errors.ts';
import { jsonBody } from '../middleware/json-body/index.ts';
import { setHeader } from '../middleware/response-headers/index.ts';
import { staffAuth } from '../middleware/staff-auth/index.ts';
import { deliveryFailure, registerWebhook, type WebhookUrlRefusal } from '../outbox/webhooks.ts';
import { type IssueKey, issueMessage } from '../schema/messages.ts';
import { WebhookSchema } from '../schema/webhooks.ts';

/** What the admin sees of a webhook: never its secret, nor the error text (only its class). */
function webhookView(w: WebhookRecord) {
  const failure = w.lastFailure ? deliveryFailure(w.lastFailure.error) : null;
  return {
    id: w.id,
    url: w.url,
    createdAt: w.createdAt,
    revokedAt: w.revokedAt,
    health: {
      lastSuccessAt: w.lastSuccessAt,
      lastFailure:
        w.lastFailure && failure
          ? {
              at: w.lastFailure.at,
              dead: w.lastFailure.dead,
              errorClass: failure.class,
              status: failure.status,
            }
          : null,
      pending: w.pending,
      dead: w.dead,
    },
  };
}

const REFUSAL_ISSUE: Record<WebhookUrlRefusal['kind'], IssueKey> = {
  scheme: 'webhook_not_https',
  unresolvable: 'webhook_unresolvable',
  not_public: 'webhook_not_public',
};

/**
 * The institution's webhooks, for its admin's screen (CONTRACT §7: institution_admin only, by
 * session with the CSRF check; a token's principal is an integration, refused like every other
 * role). The rule for a URL and the secret are the CLI's (outbox/webhooks.ts registerWebhook);
 * every write is audited in its own transaction (commands/webhooks.ts).
 */
export function webhookAdminRoutes(deps: Deps) {
  const { db, now, config, secrets } = deps;
  const auth = staffAuth(db, now, config.publicUrl);
  return new Hono<AppEnv>()
    .get('/:code/webhooks', auth, async (c) => {
      if (!canManage(c.get('staff'))) throw new ApiError('forbidden');
      setHeader(c, 'Cache-Control', 'no-store');
      return c.json({ items: (await listWebhooks(db.read, c.req.param('code'))).map(webhookView) });
    })
    .post('/:code/webhooks', auth, jsonBody(), async (c) => {
      if (!canManage(c.get('staff'))) throw new ApiError('forbidden');
      const code = c.req.param('code');
      const { url } = bodyOf(c, WebhookSchema);
      const outcome = await registerWebhook(db, secrets, {
        institution: code,
        url,
        at: isoSeconds(now()),
        allowLoopback: config.webhookAllowLoopback,
        actor: c.get('staff').actor,
        ip: c.get('clientIp'),
      });
      if ('unknownInstitution' in outcome) throw new ApiError('institution_not_found');
      if ('refused' in outcome) {
        const { kind, host } = outcome.refused;
        throw new ApiError('validation_failed', {
          issues: [{ path: 'url', message: issueMessage(c.get('locale'), REFUSAL_ISSUE[kind], { host }) }],
        });
      }
      setHeader(c, 'Cache-Control', 'no-store');
      const created = (await listWebhooks(db.read, code)).find((w) => w.id === outcome.id);
      // The secret, once: only its sealed form is kept, and no later answer carries it.
      return c.json(
        { ...(created ? webhookView(created) : { id: outcome.id, url }), secret: outcome.secret },
        201,
      );
    })
    .delete('/:code/webhooks/:id', auth, async (c) => {
      if (!canManage(c.get('staff'))) throw new ApiError('forbidden');
      const id = Number(c.req.param('id'));
      if (!Number.isInteger(id)) throw new ApiError('not_found');
      const outcome = await db.writer.run('revokeWebhook', {
        id,
        institution: c.req.param('code'),
        at: isoSeconds(now()),
        actor: c.get('staff').actor,
        ip: c.get('clientIp'),
      });
      if ('notActive' in outcome) throw new ApiError('not_found');
      return c.body(null, 204);
    });
}
