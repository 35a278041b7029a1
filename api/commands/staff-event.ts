import type { Row } from '@libsql/client';
import { type EventRecord, findRequestByTicket, toEvent } from '../db/requests.ts';
import type { WriteTx } from '../db/types.ts';
import { canTransition } from '../domain/status-machine.ts';
import type { Status } from '../schema/status.ts';
import { syncClock } from './life/clock-sync.ts';
import { enqueueStatusChanged } from './outbox-messages.ts';

export interface StaffEventInput {
  institution: string;
  ticket: string;
  status: Status;
  note?: string;
  internalNote?: string;
  actor: string;
  at: string;
  mail: boolean;
}

/** The event written; or why none was: no such request in that institution, or a move the status machine forbids. */
export type StaffEventOutcome =
  | { event: EventRecord }
  | { notFound: true }
  | { invalidTransition: { from: Status; to: Status } };

/** A staff member moves a request on. Read inside the write transaction: two moves are serialized. */
export async function staffEvent(tx: WriteTx, input: StaffEventInput): Promise<StaffEventOutcome> {
  const request = await findRequestByTicket(tx, input.ticket);
  if (!request || request.institution !== input.institution) return { notFound: true };
  if (!canTransition(request.status, input.status)) {
    return { invalidTransition: { from: request.status, to: input.status } };
  }
  const event = await appendEvent(tx, {
    requestId: request.id,
    status: input.status,
    ...(input.note ? { note: input.note } : {}),
    ...(input.internalNote ? { internalNote: input.internalNote } : {}),
    actor: input.actor,
    at: input.at,
  });
  // The legal clock follows the move (issue 17): a request for information starts the citizen's
  // term and its reminder afresh; any staff move takes the request out of "citizen replied".
  await tx.execute({
    sql: `UPDATE requests SET citizen_replied_at = NULL,
            reminded_at = CASE WHEN ? = 'needs_info' THEN NULL ELSE reminded_at END,
            needed_info = CASE WHEN ? = 'needs_info' THEN 1 ELSE needed_info END
          WHERE id = ?`,
    args: [input.status, input.status, request.id],
  });
  await syncClock(tx, request.id);
  // The answer's mail carries the rating link, with the sealed tracking code (in its fragment).
  const sealed =
    input.status === 'answered'
      ? (
          await tx.execute({
            sql: 'SELECT tracking_code_sealed FROM requests WHERE id = ?',
            args: [request.id],
          })
        ).rows[0]?.tracking_code_sealed
      : undefined;
  await enqueueStatusChanged(
    tx,
    {
      requestId: request.id,
      eventId: event.id,
      institution: request.institution,
      ticket: request.ticket,
      status: event.status,
      note: event.note,
      at: event.at,
      citizenHasEmail: Boolean(request.citizen?.email),
    },
    { mail: input.mail, now: input.at },
    input.status === 'answered'
      ? { rate: true, ...(typeof sealed === 'string' ? { trackingCode: sealed } : {}) }
      : {},
  );
  return { event };
}

/** Appends a staff event and moves the request's status; inside the caller's write transaction. */
export async function appendEvent(
  tx: WriteTx,
  event: {
    requestId: number;
    status: Status;
    note?: string;
    internalNote?: string;
    actor: string;
    at: string;
  },
): Promise<EventRecord> {
  const inserted = await tx.execute({
    sql: `INSERT INTO request_events (request_id, status, note, internal_note, actor, at) VALUES (?, ?, ?, ?, ?, ?)
          RETURNING *`,
    args: [
      event.requestId,
      event.status,
      event.note ?? null,
      event.internalNote ?? null,
      event.actor,
      event.at,
    ],
  });
  await tx.execute({
    sql: 'UPDATE requests SET status = ?, updated_at = ? WHERE id = ?',
    args: [event.status, event.at, event.requestId],
  });
  return toEvent(inserted.rows[0] as Row);
}
