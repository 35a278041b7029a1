import { num, str, strOrNull } from '../db/rows.ts';
import type { WriteTx } from '../db/types.ts';

/** A message claimed for delivery, with what delivering it needs from the request and institution. */
export interface Delivery {
  id: number;
  deliveryId: string;
  channel: 'mail' | 'webhook';
  destination: string;
  /** `request.created`, `request.status_changed`, or one of the life of a request's (outbox/life-mails.ts). */
  kind: 'request.created' | 'request.status_changed' | `request.${string}`;
  payload: Record<string, unknown>;
  attempts: number;
  createdAt: string;
  requestId: number;
  ticket: string;
  locale: string;
  dueDate: string | null;
  institution: string;
  institutionName: string;
  citizenEmail: string | null;
  /** The citizen's names and document number: only to redact them from error texts (domain/redact.ts). */
  citizenPersonal: (string | null)[];
  institutionEmail: string | null;
  statusPageUrl: string | null;
  /** The secret as stored: sealed (domain/secret-box.ts); the dispatcher opens it to sign. */
  webhook: { url: string; secret: string; revoked: boolean } | null;
}

export type Settlement =
  | { id: number; outcome: 'sent' }
  | { id: number; outcome: 'retry'; error: string; nextAttemptAt: string }
  | { id: number; outcome: 'dead'; error: string }
  /** Not attempted (an earlier message of its stream failed): given back as it was. */
  | { id: number; outcome: 'released' };

/**
 * Claims due messages for `leaseUntil`: pending, due, not leased by another dispatcher, and not
 * behind an earlier message of the same stream that is not being delivered now (so each request's
 * messages to one destination arrive in order). A write command: two processes never claim the
 * same message.
 */
export async function claimOutbox(
  tx: WriteTx,
  { now, leaseUntil, limit }: { now: string; leaseUntil: string; limit: number },
): Promise<Delivery[]> {
  const claimed = await tx.execute({
    sql: `UPDATE outbox SET lease_until = :leaseUntil WHERE id IN (
            SELECT o.id FROM outbox o
            WHERE o.status = 'pending' AND o.next_attempt_at <= :now AND (o.lease_until IS NULL OR o.lease_until < :now)
              AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.status = 'pending' AND p.request_id = o.request_id
                AND p.channel = o.channel AND p.destination = o.destination AND p.id < o.id
                AND (p.next_attempt_at > :now OR p.lease_until >= :now))
            ORDER BY o.id LIMIT :limit)
          RETURNING id`,
    args: { now, leaseUntil, limit },
  });
  if (claimed.rows.length === 0) return [];
  const ids = JSON.stringify(claimed.rows.map((row) => num(row, 'id')));
  const rows = await tx.execute({
    sql: `SELECT o.*, r.ticket, r.locale, r.due_date, r.email AS citizen_email, r.institution,
            r.first_name, r.last_name, r.document_number,
            i.name AS institution_name, i.notification_email, i.status_page_url,
            w.url AS webhook_url, w.secret AS webhook_secret, w.revoked_at AS webhook_revoked_at
          FROM outbox o
          JOIN requests r ON r.id = o.request_id
          JOIN institutions i ON i.code = r.institution
          LEFT JOIN webhooks w ON o.destination = 'webhook:' || w.id
          WHERE o.id IN (SELECT value FROM json_each(?)) ORDER BY o.id`,
    args: [ids],
  });
  return rows.rows.map((row) => {
    const webhookUrl = strOrNull(row, 'webhook_url');
    return {
      id: num(row, 'id'),
      deliveryId: str(row, 'delivery_id'),
      channel: str(row, 'channel') as Delivery['channel'],
      destination: str(row, 'destination'),
      kind: str(row, 'kind') as Delivery['kind'],
      payload: JSON.parse(str(row, 'payload')),
      attempts: num(row, 'attempts'),
      createdAt: str(row, 'created_at'),
      requestId: num(row, 'request_id'),
      ticket: str(row, 'ticket'),
      locale: str(row, 'locale'),
      dueDate: strOrNull(row, 'due_date'),
      institution: str(row, 'institution'),
      institutionName: str(row, 'institution_name'),
      citizenEmail: strOrNull(row, 'citizen_email'),
      citizenPersonal: [
        strOrNull(row, 'first_name'),
        strOrNull(row, 'last_name'),
        strOrNull(row, 'document_number'),
      ],
      institutionEmail: strOrNull(row, 'notification_email'),
      statusPageUrl: strOrNull(row, 'status_page_url'),
      webhook: webhookUrl
        ? {
            url: webhookUrl,
            secret: str(row, 'webhook_secret'),
            revoked: strOrNull(row, 'webhook_revoked_at') !== null,
          }
        : null,
    };
  });
}

/**
 * Records what became of claimed messages, and when each was tried (a webhook's health, read by
 * db/webhooks.ts). A sent message's payload is erased (it may hold a
 * tracking code); a dead one loses its tracking code: a dead letter may sit for weeks, and the
 * citizen got the code in the 201 anyway.
 */
export async function settleOutbox(
  tx: WriteTx,
  { now, settlements }: { now: string; settlements: Settlement[] },
) {
  for (const s of settlements) {
    if (s.outcome === 'sent') {
      await tx.execute({
        sql: `UPDATE outbox SET status = 'sent', sent_at = ?, last_attempt_at = ?, attempts = attempts + 1,
                payload = '{}', last_error = NULL, lease_until = NULL WHERE id = ?`,
        args: [now, now, s.id],
      });
    } else if (s.outcome === 'retry') {
      await tx.execute({
        // Only while still pending: a message cancelled meanwhile (its request was anonymised, see
        // anonymize-request.ts) keeps no error text, which may name the citizen.
        sql: `UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, last_attempt_at = ?,
                lease_until = NULL WHERE id = ? AND status = 'pending'`,
        args: [s.nextAttemptAt, s.error.slice(0, 1000), now, s.id],
      });
    } else if (s.outcome === 'dead') {
      await tx.execute({
        sql: `UPDATE outbox SET status = 'dead', attempts = attempts + 1, last_error = ?, last_attempt_at = ?,
                lease_until = NULL, payload = json_remove(payload, '$.trackingCode')
              WHERE id = ? AND status = 'pending'`,
        args: [s.error.slice(0, 1000), now, s.id],
      });
    } else {
      await tx.execute({ sql: 'UPDATE outbox SET lease_until = NULL WHERE id = ?', args: [s.id] });
    }
  }
}
