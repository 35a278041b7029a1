import type { LegalClockProfile } from '../../schema/legal-clock.ts';
import { businessDaysBetween, isBusinessDay } from '../business-days.ts';
import { addDays } from '../clock.ts';

/**
 * The legal clock: one pure function turns a request's events into its deadlines. Dates are local
 * dates (YYYY-MM-DD) in the institution's zone; every count is in business days of its country
 * (weekends and national holidays skipped, domain/business-days.ts) unless the profile's rule says
 * months. What each step does is the country's profile (profiles.ts), each rule with its norm.
 */

export type ClockEvent =
  | { kind: 'received'; date: string }
  /** Staff asked the citizen for information (`needs_info`). */
  | { kind: 'needs_info'; date: string }
  /** The request left `needs_info`: the citizen answered (or staff went on without the answer). */
  | { kind: 'resumed'; date: string }
  | { kind: 'extension'; dueDate: string }
  /** Transferred, answered, closed or withdrawn: the institution owes nothing more. */
  | { kind: 'ended'; date: string };

export interface ClockState {
  /** The current due date; while the term is suspended, the latest it can become (the citizen answering on `replyBy`). */
  dueDate: string | null;
  /** The due date at receipt. */
  originalDueDate: string | null;
  /** While a request for information is open: the citizen's last day to answer; otherwise null. */
  replyBy: string | null;
  /** Whether the term is suspended now (a request for information under a `pause` or `restart` profile). */
  paused: boolean;
  /** Business days the term has been suspended by answered requests for information. */
  pausedDays: number;
  /** The latest date an extension may set (the profile's cap); null when no extension is possible. */
  extensionCap: string | null;
  ended: boolean;
}

/** The date `days` business days after `from` (the day itself never counts). */
export function addBusinessDays(from: string, days: number, country: string): string {
  let day = from;
  for (let counted = 0; counted < days; ) {
    day = addDays(day, 1);
    if (isBusinessDay(country, day)) counted += 1;
  }
  return day;
}

/** The same day `months` calendar months later (the month's last day where it is shorter). */
export function addMonths(from: string, months: number): string {
  const [year, month, day] = from.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/** A term that ends on a weekend or holiday runs to the next business day. */
function onBusinessDay(date: string, country: string): string {
  let day = date;
  while (!isBusinessDay(country, day)) day = addDays(day, 1);
  return day;
}

/** The citizen's last day to answer a request for information made on `asked`. */
export function replyByFor(asked: string, profile: LegalClockProfile): string {
  const { amount, unit } = profile.replyTerm.value;
  return unit === 'months'
    ? onBusinessDay(addMonths(asked, amount), profile.country)
    : addBusinessDays(asked, amount, profile.country);
}

/** The day from which the system reminds the citizen of `replyBy`. */
export function reminderDate(replyBy: string, profile: LegalClockProfile): string {
  let day = replyBy;
  for (let counted = 0; counted < profile.reminderDaysBefore.value; ) {
    day = addDays(day, -1);
    if (isBusinessDay(profile.country, day)) counted += 1;
  }
  return day;
}

/** The last day to transfer a request received on `received` to the competent institution. */
export function transferBy(received: string, profile: LegalClockProfile): string {
  // Every open row of an inbox asks; requests received the same day share the answer.
  const key = `${profile.country}:${received}:${profile.transferDays.value}`;
  let day = transferDays.get(key);
  if (!day) {
    day = addBusinessDays(received, profile.transferDays.value, profile.country);
    if (transferDays.size > 10_000) transferDays.clear();
    transferDays.set(key, day);
  }
  return day;
}
const transferDays = new Map<string, string>();

/**
 * The request's deadlines after its events, in order. `responseDays` is its type's term (null: no
 * deadline, which no event changes). A request for information under a `pause` profile keeps the
 * business days that were left and counts them again from the day after the answer; under
 * `restart` the whole term starts again then; under `none` the term runs on. Asked when the term
 * had already passed, it suspends nothing: it cannot revive a lapsed deadline.
 */
export function legalClock(
  profile: LegalClockProfile,
  responseDays: number | null,
  events: readonly ClockEvent[],
): ClockState {
  const country = profile.country;
  let received: string | null = null;
  let due: string | null = null;
  let original: string | null = null;
  let replyBy: string | null = null;
  let pause: { from: string; remaining: number } | null = null;
  let pausedDays = 0;
  let ended = false;
  for (const event of events) {
    if (ended) break;
    switch (event.kind) {
      case 'received':
        received = event.date;
        due = responseDays === null ? null : addBusinessDays(event.date, responseDays, country);
        original = due;
        break;
      case 'needs_info':
        if (replyBy) break; // already awaiting the citizen
        replyBy = replyByFor(event.date, profile);
        if (due && profile.infoRequest.value !== 'none' && event.date <= due) {
          pause = { from: event.date, remaining: businessDaysBetween(event.date, due, country) };
        }
        break;
      case 'resumed':
        replyBy = null;
        if (pause && due && responseDays !== null) {
          due =
            profile.infoRequest.value === 'restart'
              ? addBusinessDays(event.date, responseDays, country)
              : addBusinessDays(event.date, pause.remaining, country);
          pausedDays += businessDaysBetween(pause.from, event.date, country);
        }
        pause = null;
        break;
      case 'extension':
        if (due) due = event.dueDate;
        break;
      case 'ended':
        ended = true;
        replyBy = null;
        pause = null;
        break;
    }
  }
  // While suspended, the due date shown is the latest it can become: the answer on the last day.
  let shownDue = due;
  if (pause && due && replyBy && responseDays !== null) {
    shownDue =
      profile.infoRequest.value === 'restart'
        ? addBusinessDays(replyBy, responseDays, country)
        : addBusinessDays(replyBy, pause.remaining, country);
  }
  const factor = profile.extensionFactor.value;
  const extensionCap =
    received && responseDays !== null && factor > 1 && !ended
      ? addBusinessDays(received, Math.floor(responseDays * factor) + pausedDays, country)
      : null;
  return {
    dueDate: shownDue,
    originalDueDate: original,
    replyBy,
    paused: pause !== null,
    pausedDays,
    extensionCap,
    ended,
  };
}

/** Why an extension to `dueDate`, asked on `today`, is refused; null when the profile allows it. */
export function extensionRefusal(
  state: ClockState,
  dueDate: string,
  today: string,
): 'no_deadline' | 'ended' | 'paused' | 'expired' | 'not_later' | 'beyond_cap' | null {
  if (state.dueDate === null) return 'no_deadline';
  if (state.ended) return 'ended';
  if (state.paused) return 'paused';
  if (today > state.dueDate) return 'expired';
  if (dueDate <= state.dueDate) return 'not_later';
  if (state.extensionCap === null || dueDate > state.extensionCap) return 'beyond_cap';
  return null;
}
