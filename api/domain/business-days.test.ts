import { describe, expect, it } from 'vitest';
import { dueDate, isBusinessDay, localDate } from './business-days.ts';

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
