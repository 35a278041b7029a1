import { findRequestByTicket } from '../../db/requests.ts';
import type { WriteTx } from '../../db/types.ts';
import { canTransition } from '../../domain/status-machine.ts';
import { OPEN_STATUSES } from '../../schema/status.ts';
import { enqueueLifeEvent } from '../outbox-messages.ts';
import { appendEvent } from '../staff-event.ts';
import { syncClock } from './clock-sync.ts';

/**
 * What the citizen does to their own request (issue 17): answer a request for information,
 * withdraw it, rate the answer. The route has checked the tracking code; each command re-reads the
 * request in the write transaction, so two answers or a staff move meanwhile are serialized.
 */

interface CitizenInput {
  ticket: string;
  at: string;
  mail: boolean;
}

export type ReplyOutcome =
  | { status: 'in_progress'; dueDate: string | null }
  | { notFound: true }
  | { notAwaitingReply: true };

/** The citizen answers: back to in_progress, the clock resumes per profile, staff are told. */
export async function citizenReply(
  tx: WriteTx,
  input: CitizenInput & { message: string; locale: string },
): Promise<ReplyOutcome> {
  const request = await findRequestByTicket(tx, input.ticket);
  if (!request) return { notFound: true };
  if (request.status !== 'needs_info') return { notAwaitingReply: true };
  // The answer is the citizen's text: seen by staff (the internal note), never in the public history.
  const event = await appendEvent(tx, {
    requestId: request.id,
    status: 'in_progress',
    internalNote: input.message,
    actor: 'citizen',
    at: input.at,
  });
  await tx.execute({
    sql: 'UPDATE requests SET citizen_replied_at = ?, reminded_at = NULL WHERE id = ?',
    args: [input.at, request.id],
  });
  const { state } = await syncClock(tx, request.id);
  await enqueueLifeEvent(
    tx,
    {
      requestId: request.id,
      eventId: event.id,
      institution: request.institution,
      kind: 'request.citizen_replied',
      citizenHasEmail: false,
      institutionMail: { dueDate: state.dueDate },
      webhook: {
        ticket: request.ticket,
        status: 'in_progress',
        message: input.message,
        dueDate: state.dueDate,
        at: input.at,
      },
    },
    { mail: input.mail, now: input.at },
  );
  return { status: 'in_progress', dueDate: state.dueDate };
}

export type WithdrawOutcome = { status: 'withdrawn'; at: string } | { notFound: true } | { notOpen: true };

/** The citizen withdraws an open request, with an optional reason (seen by staff only). */
export async function citizenWithdrawal(
  tx: WriteTx,
  input: CitizenInput & { reason?: string },
): Promise<WithdrawOutcome> {
  const request = await findRequestByTicket(tx, input.ticket);
  if (!request) return { notFound: true };
  if (!OPEN_STATUSES.includes(request.status) || !canTransition(request.status, 'withdrawn')) {
    return { notOpen: true };
  }
  const event = await appendEvent(tx, {
    requestId: request.id,
    status: 'withdrawn',
    ...(input.reason ? { internalNote: input.reason } : {}),
    actor: 'citizen',
    at: input.at,
  });
  await tx.execute({ sql: 'UPDATE requests SET citizen_replied_at = NULL WHERE id = ?', args: [request.id] });
  await syncClock(tx, request.id);
  await enqueueLifeEvent(
    tx,
    {
      requestId: request.id,
      eventId: event.id,
      institution: request.institution,
      kind: 'request.withdrawn',
      citizenHasEmail: Boolean(request.citizen?.email),
      citizen: { by: 'citizen' },
      institutionMail: { by: 'citizen' },
      webhook: {
        ticket: request.ticket,
        status: 'withdrawn',
        by: 'citizen',
        reason: input.reason ?? null,
        at: input.at,
      },
    },
    { mail: input.mail, now: input.at },
  );
  return { status: 'withdrawn', at: input.at };
}

export type RatingOutcome =
  | { rated: { resolved: boolean; rating: number; at: string } }
  | { notFound: true }
  | { notAnswered: true }
  | { alreadyRated: true };

/** The citizen rates the answer, once, after answered or closed. */
export async function rateAnswer(
  tx: WriteTx,
  input: CitizenInput & { resolved: boolean; rating: number; comment?: string },
): Promise<RatingOutcome> {
  const request = await findRequestByTicket(tx, input.ticket);
  if (!request) return { notFound: true };
  if (request.status !== 'answered' && request.status !== 'closed') return { notAnswered: true };
  const inserted = await tx.execute({
    sql: `INSERT INTO request_ratings (request_id, resolved, rating, comment, at) VALUES (?, ?, ?, ?, ?)
          ON CONFLICT (request_id) DO NOTHING RETURNING request_id`,
    args: [request.id, input.resolved ? 1 : 0, input.rating, input.comment ?? null, input.at],
  });
  if (inserted.rows.length === 0) return { alreadyRated: true };
  // The sealed code was kept only for the rating link: it has done its work.
  await tx.execute({
    sql: 'UPDATE requests SET tracking_code_sealed = NULL WHERE id = ?',
    args: [request.id],
  });
  await enqueueLifeEvent(
    tx,
    {
      requestId: request.id,
      eventId: null,
      institution: request.institution,
      kind: 'request.rated',
      citizenHasEmail: false,
      webhook: {
        ticket: request.ticket,
        resolved: input.resolved,
        rating: input.rating,
        comment: input.comment ?? null,
        at: input.at,
      },
    },
    { mail: input.mail, now: input.at },
  );
  return { rated: { resolved: input.resolved, rating: input.rating, at: input.at } };
}
