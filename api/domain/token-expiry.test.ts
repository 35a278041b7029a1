import { describe, expect, it } from 'vitest';
import { parseTokenExpiry } from './token-expiry.ts';

const NOW = new Date('2026-11-24T15:04:05Z');

describe('parseTokenExpiry', () => {
  it('takes a number of days from now', () => {
    expect(parseTokenExpiry('90d', NOW)).toBe('2027-02-22T15:04:05Z');
    expect(parseTokenExpiry('1d', NOW)).toBe('2026-11-25T15:04:05Z');
  });

  it('takes a date, valid through that whole day (UTC)', () => {
    expect(parseTokenExpiry('2027-03-31', NOW)).toBe('2027-04-01T00:00:00Z');
    expect(parseTokenExpiry('2026-11-24', NOW)).toBe('2026-11-25T00:00:00Z');
  });

  it('refuses anything else, dates in the past and impossible dates', () => {
    for (const text of ['', '0d', '90', '90 d', '9999d', '2026-11-23', '2027-02-30', 'tomorrow']) {
      expect(parseTokenExpiry(text, NOW), text).toBeNull();
    }
  });
});
