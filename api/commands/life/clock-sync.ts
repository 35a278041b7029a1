import { type ClockFacts, clockFacts } from '../../db/life.ts';
import type { WriteTx } from '../../db/types.ts';
import { localDate } from '../../domain/business-days.ts';
import { type ClockEvent, type ClockState, legalClock, profileFor } from '../../domain/legal-clock/index.ts';
import type { LegalClockProfile } from '../../schema/legal-clock.ts';
import type { Status } from '../../schema/status.ts';

/** Statuses after which the institution owes nothing more (an answered request can still be reopened). */
const ENDED: readonly Status[] = ['transferred', 'closed', 'withdrawn'];

/** A request's events as the legal clock reads them, in the institution's local dates. */
export function clockEvents(facts: ClockFacts): ClockEvent[] {
  const day = (at: string) => localDate(new Date(at), facts.timezone);
  const timeline: { at: string; order: number; event: ClockEvent }[] = [];
  let previous: Status | null = null;
  facts.moves.forEach((move, index) => {
    const at = move.at;
    let event: ClockEvent | null = null;
    if (move.status === 'received' && previous === null) event = { kind: 'received', date: day(at) };
    else if (move.status === 'needs_info') event = { kind: 'needs_info', date: day(at) };
    else if (ENDED.includes(move.status)) event = { kind: 'ended', date: day(at) };
    else if (previous === 'needs_info') event = { kind: 'resumed', date: day(at) };
    if (previous === 'needs_info' && ENDED.includes(move.status)) {
      timeline.push({ at, order: 2 * index, event: { kind: 'resumed', date: day(at) } });
    }
    if (event) timeline.push({ at, order: 2 * index + 1, event });
    previous = move.status;
  });
  facts.extensions.forEach((extension, index) => {
    timeline.push({
      at: extension.at,
      order: 1e9 + index,
      event: { kind: 'extension', dueDate: extension.dueDate },
    });
  });
  // Extensions and moves interleave by time; within the same second a move comes first.
  timeline.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.order - b.order));
  return timeline.map((t) => t.event);
}

export interface RequestClock {
  facts: ClockFacts;
  profile: LegalClockProfile;
  state: ClockState;
}

/** The request's clock as its events stand, inside the write transaction. */
export async function readClock(tx: WriteTx, requestId: number): Promise<RequestClock> {
  const facts = await clockFacts(tx, requestId);
  if (!facts) throw new Error(`request ${requestId} has no clock facts`);
  const profile = profileFor(facts.country, facts.settings);
  return { facts, profile, state: legalClock(profile, facts.responseDays, clockEvents(facts)) };
}

/** Recomputes the request's deadlines after a change and keeps them on the row (inbox, sweep, status view). */
export async function syncClock(tx: WriteTx, requestId: number): Promise<RequestClock> {
  const clock = await readClock(tx, requestId);
  const { state } = clock;
  await tx.execute({
    sql: `UPDATE requests SET due_date = ?, original_due_date = ?, reply_by = ?, paused_days = ? WHERE id = ?`,
    args: [state.dueDate, state.originalDueDate, state.replyBy, state.pausedDays, requestId],
  });
  return clock;
}
