import { hash, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  formatTrackingCode,
  normalizeTrackingCode,
  TRACKING_ALPHABET,
  TRACKING_GROUP_LENGTH,
  TRACKING_GROUPS,
} from '../schema/tracking-code.ts';

const LENGTH = TRACKING_GROUPS * TRACKING_GROUP_LENGTH;

// Random bytes are drawn from the CSPRNG 4 KiB at a time and handed out once each, as Node does for
// randomUUID: a call into the CSPRNG per filing is expensive next to the rest of a filing's work.
let pool = Buffer.alloc(0);
let offset = 0;
function random(size: number): Buffer {
  if (offset + size > pool.length) {
    pool = randomBytes(4096);
    offset = 0;
  }
  offset += size;
  return pool.subarray(offset - size, offset);
}
/** The largest multiple of the alphabet's size that fits a byte: bytes at or above it are skipped. */
const UNBIASED = 256 - (256 % TRACKING_ALPHABET.length);

/**
 * A new tracking code from the CSPRNG, uniform over the alphabet: bytes that would bias the modulo
 * are rejected.
 */
export function generateTrackingCode(): string {
  let compact = '';
  while (compact.length < LENGTH) {
    for (const byte of random(2 * LENGTH)) {
      if (byte < UNBIASED && compact.length < LENGTH)
        compact += TRACKING_ALPHABET[byte % TRACKING_ALPHABET.length];
    }
  }
  return formatTrackingCode(compact);
}

/**
 * Only a salted hash is stored, as `salt:sha256(salt, code)`: a random salt per request, so one
 * precomputed table cannot serve every request, and ~74 random bits make a brute force of one hash
 * impractical even with the database in hand. It needs no ticket, so it is ready before the insert.
 */
export function hashTrackingCode(code: string, salt = random(16).toString('hex')): string {
  // One-shot hash (Node ≥ 20.12): it spares the Hash object a call would otherwise build per filing.
  return `${salt}:${hash('sha256', `${salt}\n${normalizeTrackingCode(code)}`, 'hex')}`;
}

/** Compares in constant time, so the answer's timing tells nothing about how close a guess was. */
export function trackingCodeMatches(code: string, stored: string): boolean {
  const [salt = '', expected = ''] = stored.split(':');
  const a = Buffer.from(hashTrackingCode(code, salt).split(':')[1] ?? '', 'hex');
  const b = Buffer.from(expected, 'hex');
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}
