import { num, strOrNull } from '../db/rows.ts';
import type { WriteTx } from '../db/types.ts';
import { forgetRecipients } from './outbox-messages.ts';
import { appendAudit } from './people-audit.ts';

/**
 * The writes of an institution's webhooks, for the CLI (`webhook add/remove`) and the admin's
 * screen (routes/webhooks-admin.ts) alike. The URL was checked and the secret sealed before
 * (outbox/webhooks.ts registerWebhook); these decide inside the write transaction, with the audit
 * entry in the same commit: a webhook is never added or revoked without its entry, nor an entry
 * written for a change that rolled back.
 */

/** Who asks, for the audit log: `cli`, or `account:<id>` with the client's address. */
export interface WebhookActor {
  actor: string;
  ip?: string | null;
}

/**
 * What the audit log records of a webhook's URL: its origin. A receiver may carry a token in its
 * path or query, and the audit log is read by auditors and exported as CSV.
 */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}

export async function addWebhook(
  tx: WriteTx,
  input: WebhookActor & { institution: string; url: string; sealedSecret: string; at: string },
): Promise<{ id: number } | { unknownInstitution: true }> {
  const known = await tx.execute({
    sql: 'SELECT 1 FROM institutions WHERE code = ?',
    args: [input.institution],
  });
  if (known.rows.length === 0) return { unknownInstitution: true };
  // Filings later in this transaction must see the new webhook (outbox-messages.ts caches recipients).
  forgetRecipients(tx);
  const { rows } = await tx.execute({
    sql: 'INSERT INTO webhooks (institution, url, secret, created_at) VALUES (?, ?, ?, ?) RETURNING id',
    args: [input.institution, input.url, input.sealedSecret, input.at],
  });
  const id = num(rows[0], 'id');
  await appendAudit(tx, [
    {
      at: input.at,
      institution: input.institution,
      actor: input.actor,
      action: 'webhook.add',
      target: `webhook:${id}`,
      ip: input.ip ?? null,
      detail: { origin: originOf(input.url) },
    },
  ]);
  return { id };
}

/**
 * Stops delivering to a webhook: no new message is written for it, and those still pending end as
 * dead letters at their next attempt (the dispatcher refuses a revoked webhook). `institution`
 * limits it to one institution's webhooks (the admin's); null: any (the CLI's).
 */
export async function revokeWebhook(
  tx: WriteTx,
  input: WebhookActor & { id: number; institution: string | null; at: string },
): Promise<{ revoked: { institution: string } } | { notActive: true }> {
  forgetRecipients(tx);
  const { rows } = await tx.execute({
    sql: `UPDATE webhooks SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL AND (? IS NULL OR institution = ?)
          RETURNING institution`,
    args: [input.at, input.id, input.institution, input.institution],
  });
  const institution = strOrNull(rows[0], 'institution');
  if (institution === null) return { notActive: true };
  await appendAudit(tx, [
    {
      at: input.at,
      institution,
      actor: input.actor,
      action: 'webhook.remove',
      target: `webhook:${input.id}`,
      ip: input.ip ?? null,
    },
  ]);
  return { revoked: { institution } };
}
