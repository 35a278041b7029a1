import { num, str, strOrNull } from './rows.ts';
import type { Queryable } from './types.ts';

export interface OutboxRecord {
  id: number;
  deliveryId: string;
  channel: string;
  destination: string;
  kind: string;
  ticket: string;
  status: string;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** For the CLI: messages by status, oldest first. */
export async function listOutbox(client: Queryable, status: 'pending' | 'sent' | 'dead', limit = 100) {
  const result = await client.execute({
    sql: `SELECT o.*, r.ticket FROM outbox o JOIN requests r ON r.id = o.request_id
          WHERE o.status = ? ORDER BY o.id LIMIT ?`,
    args: [status, limit],
  });
  return result.rows.map(
    (row): OutboxRecord => ({
      id: num(row, 'id'),
      deliveryId: str(row, 'delivery_id'),
      channel: str(row, 'channel'),
      destination: str(row, 'destination'),
      kind: str(row, 'kind'),
      ticket: str(row, 'ticket'),
      status: str(row, 'status'),
      attempts: num(row, 'attempts'),
      nextAttemptAt: str(row, 'next_attempt_at'),
      lastError: strOrNull(row, 'last_error'),
      createdAt: str(row, 'created_at'),
      sentAt: strOrNull(row, 'sent_at'),
    }),
  );
}
