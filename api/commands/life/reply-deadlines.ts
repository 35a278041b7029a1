import { listAwaitingReply } from '../../db/life.ts';
import { findRequestByTicket } from '../../db/requests.ts';
import type { WriteTx } from '../../db/types.ts';
import { localDate } from '../../domain/business-days.ts';
import { addDays } from '../../domain/clock.ts';
import { reminderDate } from '../../domain/legal-clock/index.ts';
import { enqueueLifeEvent } from '../outbox-messages.ts';
import { appendEvent } from '../staff-event.ts';
import { readClock, syncClock } from './clock-sync.ts';

/**
 * The system's side of a request for information, run by the hourly maintenance on the app's
 * clock: a reminder once the reminder day of `replyBy` has come, and after `replyBy` the tacit
 * withdrawal where the profile provides it. Each happens once: the reminder is marked on the
 * request (`reminded_at`), and a withdrawn request is no longer awaiting a reply.
 */
export async function sweepReplyDeadlines(
  tx: WriteTx,
  input: { now: string; mail: boolean; limit?: number },
): Promise<{ reminded: string[]; withdrawn: string[] }> {
  const at = new Date(input.now);
  // Local dates differ from UTC's by less than a day: the candidates are read with a day's margin,
  // and each is decided on its institution's own date. The reminder can come up to 30 business
  // days ahead (the settings' cap), well within 60 calendar days.
  const until = addDays(localDate(at, 'UTC'), 60);
  const candidates = await listAwaitingReply(tx, until, input.limit ?? 500);
  const reminded: string[] = [];
  const withdrawn: string[] = [];
  for (const candidate of candidates) {
    const { facts, profile } = await readClock(tx, candidate.id);
    const today = localDate(at, facts.timezone);
    const request = await findRequestByTicket(tx, candidate.ticket);
    if (!request) continue;
    const citizenHasEmail = Boolean(request.citizen?.email);
    if (today > candidate.replyBy) {
      if (!profile.tacitWithdrawal.value) continue;
      const event = await appendEvent(tx, {
        requestId: request.id,
        status: 'withdrawn',
        internalNote: profile.tacitWithdrawal.legalBasis,
        actor: 'system',
        at: input.now,
      });
      await syncClock(tx, request.id);
      const data = {
        ticket: request.ticket,
        status: 'withdrawn',
        by: 'system',
        replyBy: candidate.replyBy,
        legalBasis: profile.tacitWithdrawal.legalBasis,
        at: input.now,
      };
      await enqueueLifeEvent(
        tx,
        {
          requestId: request.id,
          eventId: event.id,
          institution: request.institution,
          kind: 'request.tacitly_withdrawn',
          citizenHasEmail,
          citizen: data,
          institutionMail: data,
          webhook: data,
        },
        { mail: input.mail, now: input.now },
      );
      withdrawn.push(request.ticket);
    } else if (!candidate.remindedAt && today >= reminderDate(candidate.replyBy, profile)) {
      await tx.execute({
        sql: 'UPDATE requests SET reminded_at = ? WHERE id = ?',
        args: [input.now, request.id],
      });
      const data = {
        ticket: request.ticket,
        replyBy: candidate.replyBy,
        tacitWithdrawal: profile.tacitWithdrawal.value,
        at: input.now,
      };
      await enqueueLifeEvent(
        tx,
        {
          requestId: request.id,
          eventId: null,
          institution: request.institution,
          kind: 'request.reply_reminder',
          citizenHasEmail,
          citizen: data,
          webhook: data,
        },
        { mail: input.mail, now: input.now },
      );
      reminded.push(request.ticket);
    }
  }
  return { reminded, withdrawn };
}
