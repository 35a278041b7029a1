/**
 * The one clock of the application. Everything that decides by the calendar or the wall clock
 * (due dates, overdue flags, ticket years, captcha expiry, outbox retries, stamps) takes a `Clock`
 * from its caller: the server passes `systemClock`, tests pass a fixed or moving one, and nothing
 * mixes the two. Elapsed-time measurements (cache lifetimes, timeouts) use `performance.now()`
 * instead: they must not jump when a test moves the clock.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** Times in the database are ISO seconds ('2026-11-24T15:04:05Z'), so they compare as text. */
export function isoSeconds(date: Date): string {
  // '2026-12-02T07:00:00.000Z' → '2026-12-02T07:00:00Z'; a slice, not a regex: it runs on every filing.
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** The UTC calendar date of an instant ('2026-11-24'), as dates are written everywhere. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The calendar date `days` after (or, negative, before) an ISO date. */
export function addDays(isoDay: string, days: number): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return isoDate(date);
}

/** Unix seconds, as captcha expiries and webhook signatures carry them. */
export function unixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
