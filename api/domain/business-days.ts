import Holidays from 'date-holidays';

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

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
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
  let date = localDate(receivedAt, timeZone);
  let counted = 0;
  while (counted < days) {
    date = addDays(date, 1);
    if (isBusinessDay(country, date)) counted += 1;
  }
  return date;
}
