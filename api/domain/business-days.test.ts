import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessDaysBetween, dueDate, isBusinessDay, localDate } from './business-days.ts';
import { addDays } from './clock.ts';

describe('dueDate', () => {
  it('counts from the next business day after receipt', () => {
    // Tuesday 24 Nov 2026 in Quito; 15 business days with no holiday in between end on Tue 15 Dec.
    expect(dueDate(new Date('2026-11-24T15:04:05Z'), 15, 'EC', 'America/Guayaquil')).toBe('2026-12-15');
    expect(dueDate(new Date('2026-11-24T15:04:05Z'), 1, 'EC', 'America/Guayaquil')).toBe('2026-11-25');
  });

  it('treats a Saturday filing as received the following Monday', () => {
    // Sat 28 Nov: Monday 30 is day 1.
    expect(dueDate(new Date('2026-11-28T12:00:00Z'), 1, 'EC', 'America/Guayaquil')).toBe('2026-11-30');
  });

  it("uses the institution's time zone for the day of receipt", () => {
    // 03:00 UTC on Wed 25 Nov is still Tue 24 Nov in Lima (UTC-5).
    expect(localDate(new Date('2026-11-25T03:00:00Z'), 'America/Lima')).toBe('2026-11-24');
    expect(dueDate(new Date('2026-11-25T03:00:00Z'), 1, 'PE', 'America/Lima')).toBe('2026-11-25');
  });

  it('skips national holidays of the right country', () => {
    // 8 Dec is a holiday in Colombia and Peru, not in Ecuador.
    expect(isBusinessDay('CO', '2026-12-08')).toBe(false);
    expect(isBusinessDay('PE', '2026-12-08')).toBe(false);
    expect(isBusinessDay('EC', '2026-12-08')).toBe(true);
    // Filed Mon 7 Dec: day 1 in Ecuador is Tue 8; in Colombia the 8th is skipped, day 1 is Wed 9.
    expect(dueDate(new Date('2026-12-07T15:00:00Z'), 1, 'EC', 'America/Guayaquil')).toBe('2026-12-08');
    expect(dueDate(new Date('2026-12-07T15:00:00Z'), 1, 'CO', 'America/Bogota')).toBe('2026-12-09');
  });

  it('crosses Christmas and New Year', () => {
    // Ecuador, filed Wed 23 Dec 2026: 24 (Thu) is day 1, 25 is Christmas, 28–31 are days 2–5, 1 Jan is a holiday.
    expect(dueDate(new Date('2026-12-23T15:00:00Z'), 6, 'EC', 'America/Guayaquil')).toBe('2027-01-04');
  });
});

describe('localDate', () => {
  it('agrees with Intl for every hour of a year, in zones with and without daylight saving', () => {
    for (const zone of [
      'America/Guayaquil',
      'America/Bogota',
      'America/Lima',
      'America/Santiago',
      'Europe/Madrid',
      'Asia/Kolkata',
    ]) {
      const intl = new Intl.DateTimeFormat('en-CA', {
        timeZone: zone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      });
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 3_600_000 + 7 * 60_000) {
        const instant = new Date(t);
        expect(localDate(instant, zone), `${zone} ${instant.toISOString()}`).toBe(intl.format(instant));
      }
    }
  });
});

describe('businessDaysBetween', () => {
  // The definition, day by day: the business days after `from` up to and including `to`.
  const byHand = (from: string, to: string, country: string) => {
    let count = 0;
    for (let day = addDays(from, 1); day <= to; day = addDays(day, 1))
      if (isBusinessDay(country, day)) count++;
    return count;
  };
  const day = fc
    .integer({ min: Date.UTC(2010, 0, 1), max: Date.UTC(2030, 11, 31) })
    .map((ms) => new Date(ms).toISOString().slice(0, 10));

  it('counts as the day-by-day definition does, within a year and across years, for each country', () => {
    fc.assert(
      fc.property(day, day, fc.constantFrom('EC', 'CO', 'PE'), (a, b, country) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        expect(businessDaysBetween(from, to, country)).toBe(byHand(from, to, country));
        expect(businessDaysBetween(to, from, country)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('counts Ecuador from Friday 31 Dec 2026 to Monday 4 Jan 2027 as one day (1 Jan is a holiday)', () => {
    // 1 Jan (Friday) holiday, 2–3 Jan weekend, 4 Jan Monday: one business day.
    expect(businessDaysBetween('2026-12-31', '2027-01-04', 'EC')).toBe(1);
  });
});
