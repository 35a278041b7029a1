import { num, numOrNull, str, strOrNull } from './rows.ts';
import type { Queryable } from './types.ts';

/**
 * A registered webhook as its institution's admin and the CLI list it: never its secret. Its
 * health comes from its messages in the outbox (one index range each, outbox_webhook_health):
 * - `lastSuccessAt`: the last message it accepted;
 * - `lastFailure`: the latest failure still on record, a message waiting for its retry or a dead
 *   letter (a message that is later delivered has its error cleared: it is then a success);
 * - `pending` and `dead`: how many messages wait for it, and how many it will never get.
 */
export interface WebhookRecord {
  id: number;
  institution: string;
  url: string;
  createdAt: string;
  revokedAt: string | null;
  lastSuccessAt: string | null;
  lastFailure: { at: string | null; error: string; dead: boolean } | null;
  pending: number;
  dead: number;
}

export async function listWebhooks(client: Queryable, institution?: string): Promise<WebhookRecord[]> {
  const { rows } = await client.execute({
    sql: `SELECT w.id, w.institution, w.url, w.created_at, w.revoked_at,
            (SELECT MAX(o.sent_at) FROM outbox o WHERE o.channel = 'webhook'
               AND o.destination = 'webhook:' || w.id AND o.status = 'sent') AS last_success_at,
            (SELECT COUNT(*) FROM outbox o WHERE o.channel = 'webhook'
               AND o.destination = 'webhook:' || w.id AND o.status = 'pending') AS pending,
            (SELECT COUNT(*) FROM outbox o WHERE o.channel = 'webhook'
               AND o.destination = 'webhook:' || w.id AND o.status = 'dead') AS dead,
            f.last_error AS failure_error, f.last_attempt_at AS failure_at, f.status AS failure_status
          FROM webhooks w
          LEFT JOIN outbox f ON f.id = (
            SELECT o.id FROM outbox o WHERE o.channel = 'webhook' AND o.destination = 'webhook:' || w.id
              AND o.status IN ('pending', 'dead') AND o.last_error IS NOT NULL
            ORDER BY COALESCE(o.last_attempt_at, '') DESC, o.id DESC LIMIT 1)
          WHERE ? IS NULL OR w.institution = ?
          ORDER BY w.id`,
    args: [institution ?? null, institution ?? null],
  });
  return rows.map((row) => {
    const error = strOrNull(row, 'failure_error');
    return {
      id: num(row, 'id'),
      institution: str(row, 'institution'),
      url: str(row, 'url'),
      createdAt: str(row, 'created_at'),
      revokedAt: strOrNull(row, 'revoked_at'),
      lastSuccessAt: strOrNull(row, 'last_success_at'),
      lastFailure:
        error === null
          ? null
          : { at: strOrNull(row, 'failure_at'), error, dead: strOrNull(row, 'failure_status') === 'dead' },
      pending: numOrNull(row, 'pending') ?? 0,
      dead: numOrNull(row, 'dead') ?? 0,
    };
  });
}
