import Holidays from 'date-holidays';
import { addDays, isoDate } from './clock.ts';

/**
 * Legal deadlines count business days: Ecuador's Código Orgánico Administrativo (art. 158), Colombia's
 * Ley 1755 de 2015 and Peru's DS 007-2020-PCM all exclude weekends and national holidays. Holidays
 * come from `date-holidays` (maintained, with each country's moved holidays); only `public` ones
 * count, not observances or regional days.
 */

const holidayCache = new Map<string, Set<string>>();

function nationalHolidays(country: string, year: number): Set<string> {
  const cacheKey = `${country}:${year}`;
  let days = holidayCache.get(cacheKey);
  if (!days) {
    const holidays = new Holidays(country).getHolidays(year) || [];
    days = new Set(holidays.filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
    holidayCache.set(cacheKey, days);
  }
  return days;
}

// Formatting with a time zone through Intl is slow (ICU), slower than the queries of a status
// lookup. The zone's offset is found with Intl once per zone and UTC hour (zones change offset only
// at such boundaries) and the date is then plain arithmetic.
const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

function offsetMs(instant: Date, timeZone: string): number {
  const hour = Math.floor(instant.getTime() / 3_600_000);
  const key = `${timeZone}@${hour}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    let formatter = formatters.get(timeZone);
    if (!formatter) {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
      formatters.set(timeZone, formatter);
    }
    const probe = new Date(hour * 3_600_000);
    const part = (type: string) => Number(formatter.formatToParts(probe).find((p) => p.type === type)?.value);
    const asUtc = Date.UTC(
      part('year'),
      part('month') - 1,
      part('day'),
      part('hour'),
      part('minute'),
      part('second'),
    );
    offset = asUtc - probe.getTime();
    if (offsets.size > 10_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

// The last answer per zone and UTC minute: every zone's offset is a whole number of minutes, so
// the local date cannot change within one, and a filing asks twice (its year, its due date).
const lastDates = new Map<string, { minute: number; date: string }>();

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string): string {
  const minute = Math.floor(instant.getTime() / 60_000);
  const last = lastDates.get(timeZone);
  if (last?.minute === minute) return last.date;
  const date = isoDate(new Date(instant.getTime() + offsetMs(instant, timeZone)));
  if (lastDates.size > 1_000) lastDates.clear();
  lastDates.set(timeZone, { minute, date });
  return date;
}

export function isBusinessDay(country: string, isoDate: string): boolean {
  const weekday = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !nationalHolidays(country, Number(isoDate.slice(0, 4))).has(isoDate);
}

/**
 * The date by which the law obliges an answer: `days` business days counted from the first business
 * day after receipt (the day of receipt never counts, whatever its hour), in the institution's zone.
 */
export function dueDate(receivedAt: Date, days: number, country: string, timeZone: string): string {
  const received = localDate(receivedAt, timeZone);
  const key = `${country}:${received}:${days}`;
  let due = dueDates.get(key);
  if (!due) {
    due = received;
    for (let counted = 0; counted < days; ) {
      due = addDays(due, 1);
      if (isBusinessDay(country, due)) counted += 1;
    }
    if (dueDates.size > 10_000) dueDates.clear();
    dueDates.set(key, due);
  }
  return due;
}

// Every filing of a day shares its due date per country and type: computed once.
const dueDates = new Map<string, string>();

/**
 * Business days from `from` to `to` (YYYY-MM-DD, local dates): those after `from` up to and
 * including `to`, as a deadline counts them. An answer on the day of receipt took 0 days.
 *
 * Counted from each year's running total, not day by day: the inbox shows the business days left
 * (or overdue by) on every row, and a request overdue for years would otherwise walk every day in
 * between, on every row of every page.
 */
export function businessDaysBetween(from: string, to: string, country: string): number {
  if (from >= to) return 0;
  const fromYear = Number(from.slice(0, 4));
  const toYear = Number(to.slice(0, 4));
  const start = runningTotals(country, fromYear);
  const end = runningTotals(country, toYear);
  if (fromYear === toYear) return (end[dayOfYear(to)] ?? 0) - (start[dayOfYear(from)] ?? 0);
  let count = (start[start.length - 1] ?? 0) - (start[dayOfYear(from)] ?? 0);
  for (let year = fromYear + 1; year < toYear; year++) {
    const totals = runningTotals(country, year);
    count += totals[totals.length - 1] ?? 0;
  }
  return count + (end[dayOfYear(to)] ?? 0);
}

// Per country and year: the business days from 1 January up to and including each day of the year.
const totalsCache = new Map<string, Int16Array>();

function runningTotals(country: string, year: number): Int16Array {
  const key = `${country}:${year}`;
  let totals = totalsCache.get(key);
  if (!totals) {
    const days = Math.round((Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / 86_400_000);
    totals = new Int16Array(days);
    let count = 0;
    for (let i = 0; i < days; i++) {
      if (isBusinessDay(country, isoDate(new Date(Date.UTC(year, 0, 1 + i))))) count++;
      totals[i] = count;
    }
    totalsCache.set(key, totals);
  }
  return totals;
}

function dayOfYear(date: string): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  return Math.round((Date.UTC(year, month - 1, day) - Date.UTC(year, 0, 1)) / 86_400_000);
}
