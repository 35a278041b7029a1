import { type EventRecord, findRequestByTicket, toEvent } from '../db/requests.ts';
import type { WriteTx } from '../db/types.ts';
import { addDays } from '../domain/clock.ts';
import { deleteUploadsOfRequest } from './uploads.ts';

export interface AnonymizeRequestInput {
  institution: string;
  ticket: string;
  /** Why: the citizen's request under the data protection law, a retention period, … Kept. */
  reason: string;
  /** 'staff:<token id>', 'cli' or 'system' (retention). */
  actor: string;
  at: string;
}

export type AnonymizeRequestOutcome =
  | { anonymized: { ticket: string; anonymizedAt: string; event: EventRecord } }
  | { notFound: true }
  | { alreadyAnonymized: { anonymizedAt: string } };

/** What an anonymised outbox message keeps: its envelope (channel, kind, dates), not what it said. */
const ERASED_PAYLOAD = '{"anonymized":true}';

/**
 * Erases a request's personal data and every free text that may hold some, keeping what the
 * statistics need: ticket, type, service, status, dates, due date, response channel, locale, and the
 * tracking hash (the citizen can still follow the request). In one write transaction:
 *
 * - the request's names, document, email, phone and preferential attention become NULL / `[]`,
 *   its subject NULL and its description empty, and `anonymized_at` is set;
 * - the public and internal notes of its events become NULL (the one update the append-only
 *   trigger of request_events allows, and only once the request is anonymised: migration 009);
 * - its outbox messages lose their payload and last error, and those still pending are cancelled
 *   (a mail about an erased request has nothing left to say);
 * - an `anonymized` event records who did it and why.
 *
 * The write connection runs with `secure_delete` (db/write-connection.ts), so the freed bytes are
 * zeroed in the pages SQLite writes; the caller then checkpoints the WAL (db.checkpoint()).
 */
export async function anonymizeRequest(
  tx: WriteTx,
  input: AnonymizeRequestInput,
): Promise<AnonymizeRequestOutcome> {
  const request = await findRequestByTicket(tx, input.ticket);
  if (!request || request.institution !== input.institution) return { notFound: true };
  if (request.anonymizedAt) return { alreadyAnonymized: { anonymizedAt: request.anonymizedAt } };
  const event = await eraseRequest(tx, request.id, request.status, input);
  return { anonymized: { ticket: request.ticket, anonymizedAt: input.at, event } };
}

async function eraseRequest(
  tx: WriteTx,
  requestId: number,
  status: string,
  { reason, actor, at }: { reason: string; actor: string; at: string },
): Promise<EventRecord> {
  await tx.execute({
    sql: `UPDATE requests SET subject = NULL, description = '', document_type = NULL, document_number = NULL,
            first_name = NULL, last_name = NULL, name_key = NULL, email = NULL, phone = NULL, preferential_attention = '[]',
            anonymized_at = ?
          WHERE id = ?`,
    args: [at, requestId],
  });
  await tx.execute({
    sql: `UPDATE request_events SET note = NULL, internal_note = NULL
          WHERE request_id = ? AND kind = 'status' AND (note IS NOT NULL OR internal_note IS NOT NULL)`,
    args: [requestId],
  });
  await tx.execute({
    sql: `UPDATE outbox SET payload = ?, last_error = NULL,
            status = CASE WHEN status = 'pending' THEN 'cancelled' ELSE status END, lease_until = NULL
          WHERE request_id = ?`,
    args: [ERASED_PAYLOAD, requestId],
  });
  // Files are personal data too (a photo, a letter with a name): they go, bytes and names.
  await deleteUploadsOfRequest(tx, requestId);
  const inserted = await tx.execute({
    sql: `INSERT INTO request_events (request_id, kind, status, internal_note, actor, at)
          VALUES (?, 'anonymized', ?, ?, ?, ?) RETURNING *`,
    args: [requestId, status, reason, actor, at],
  });
  const row = inserted.rows[0];
  if (!row) throw new Error('the anonymisation event was not written');
  return toEvent(row);
}

/** At most this many requests per job, so that one sweep never holds the writer for long. */
const SWEEP_LIMIT = 200;

/**
 * Anonymises the closed requests whose institution's retention period (`retentionDays` after
 * closing, from its catalog) has passed; run by the server's hourly maintenance. Returns the
 * tickets it anonymised; a full page means there may be more (the caller runs it again).
 */
export async function anonymizeExpired(
  tx: WriteTx,
  { now, limit = SWEEP_LIMIT }: { now: string; limit?: number },
): Promise<{ tickets: string[]; more: boolean }> {
  const institutions = await tx.execute(
    'SELECT code, retention_days FROM institutions WHERE retention_days IS NOT NULL ORDER BY code',
  );
  const tickets: string[] = [];
  for (const institution of institutions.rows) {
    const days = Number(institution.retention_days);
    // Closed on or before this instant: `days` whole days have passed since.
    const cutoff = `${addDays(now.slice(0, 10), -days)}${now.slice(10)}`;
    const due = await tx.execute({
      sql: `SELECT id, ticket, status FROM requests INDEXED BY requests_retention
            WHERE institution = ? AND status = 'closed' AND anonymized_at IS NULL AND updated_at <= ?
            ORDER BY updated_at LIMIT ?`,
      args: [String(institution.code), cutoff, limit - tickets.length],
    });
    for (const row of due.rows) {
      await eraseRequest(tx, Number(row.id), String(row.status), {
        reason: `retention: ${days} days after closing`,
        actor: 'system',
        at: now,
      });
      tickets.push(String(row.ticket));
    }
    if (tickets.length >= limit) return { tickets, more: true };
  }
  return { tickets, more: false };
}
