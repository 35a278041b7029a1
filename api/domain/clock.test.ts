import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isoSeconds, unixSeconds } from './clock.ts';

const API = join(import.meta.dirname, '..');

/** Files allowed to read the system clock, and why. */
const SYSTEM_CLOCK_READERS: Record<string, string> = {
  'domain/clock.ts': 'it is the system clock',
  // hono-rate-limiter stamps its windows with the system clock; Retry-After must use the same one.
  'middleware/rate-limit/index.ts': 'the rate limiter keeps its own windows',
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|mjs)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('the clock', () => {
  it('is the only reader of the system clock in api/: everything else takes it from its caller', () => {
    const readers = sources(API)
      .filter((file) => /\bnew Date\(\)|\bDate\.now\(\)/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(API, file));
    expect(readers.sort()).toEqual(Object.keys(SYSTEM_CLOCK_READERS).sort());
  });

  it('writes database times in whole seconds and Unix seconds', () => {
    const at = new Date('2026-11-24T15:04:05.678Z');
    expect(isoSeconds(at)).toBe('2026-11-24T15:04:05Z');
    expect(unixSeconds(at)).toBe(1795532645);
  });
});
