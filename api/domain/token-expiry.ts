import * as v from 'valibot';
import { isoSeconds } from './clock.ts';

/**
 * `--expires` of `token create`: a number of days from now (`90d`, 1–3650) or a date
 * (`2027-03-31`), valid through that whole day in UTC. Returns when the token stops working (ISO
 * seconds), or null when the text is not one of those or the date is not after today.
 */
const ExpirySchema = v.union([
  v.pipe(v.string(), v.regex(/^[1-9]\d{0,3}d$/)),
  v.pipe(v.string(), v.isoDate()),
]);

export function parseTokenExpiry(text: string, now: Date): string | null {
  if (!v.is(ExpirySchema, text)) return null;
  if (text.endsWith('d')) {
    const days = Number(text.slice(0, -1));
    if (days > 3650) return null;
    return isoSeconds(new Date(now.getTime() + days * 86_400_000));
  }
  const end = new Date(`${text}T00:00:00Z`);
  if (Number.isNaN(end.getTime()) || isoSeconds(end).slice(0, 10) !== text) return null;
  const expires = new Date(end.getTime() + 86_400_000);
  return expires > now ? isoSeconds(expires) : null;
}
