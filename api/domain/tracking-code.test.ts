import { describe, expect, it } from 'vitest';
import { isWellFormedTrackingCode, TRACKING_ALPHABET } from '../schema/tracking-code.ts';
import { generateTrackingCode, hashTrackingCode, trackingCodeMatches } from './tracking-code.ts';

describe('tracking codes', () => {
  it('carries at least 60 random bits', () => {
    const code = generateTrackingCode();
    const symbols = code.replace(/-/g, '').length;
    expect(symbols * Math.log2(TRACKING_ALPHABET.length)).toBeGreaterThanOrEqual(60);
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
  });

  it('never uses symbols that are confused aloud or on paper', () => {
    const seen = new Set(Array.from({ length: 500 }, generateTrackingCode).join('').replace(/-/g, ''));
    for (const confusing of '01OIL') expect(seen.has(confusing)).toBe(false);
    // 500 codes × 15 symbols draw every one of the 31 symbols with overwhelming probability.
    expect(seen.size).toBe(TRACKING_ALPHABET.length);
  });

  it('draws every symbol equally often (no modulo bias)', () => {
    const counts = new Map<string, number>();
    const draws = 20_000;
    for (let i = 0; i < draws; i++) {
      for (const symbol of generateTrackingCode().replace(/-/g, ''))
        counts.set(symbol, (counts.get(symbol) ?? 0) + 1);
    }
    const expected = (draws * 15) / TRACKING_ALPHABET.length;
    const chiSquare = [...TRACKING_ALPHABET].reduce(
      (sum, s) => sum + ((counts.get(s) ?? 0) - expected) ** 2 / expected,
      0,
    );
    // 30 degrees of freedom: above 75 happens by chance once in a million runs. Reducing bytes
    // modulo 31 without rejection would give eight symbols 12% more draws: a chi-square near 1,000.
    expect(chiSquare).toBeLessThan(75);
  });

  it('does not repeat itself', () => {
    const codes = new Set(Array.from({ length: 10_000 }, generateTrackingCode));
    expect(codes.size).toBe(10_000);
  });

  it('matches case-insensitively and without hyphens, and nothing else', () => {
    const code = generateTrackingCode();
    const hash = hashTrackingCode(code);
    expect(hash).not.toContain(code.replace(/-/g, ''));
    expect(trackingCodeMatches(code.toLowerCase().replace(/-/g, ' '), hash)).toBe(true);
    expect(trackingCodeMatches(generateTrackingCode(), hash)).toBe(false);
    expect(trackingCodeMatches(code, 'not-a-hash')).toBe(false);
    // The same code hashes differently for two requests: the salt is per request.
    expect(hashTrackingCode(code)).not.toBe(hash);
    expect(isWellFormedTrackingCode(code.toLowerCase())).toBe(true);
    expect(isWellFormedTrackingCode('K7Q2-9XMP-4TZD')).toBe(false);
  });
});
