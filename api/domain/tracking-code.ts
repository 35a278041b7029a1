import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import {
  formatTrackingCode,
  normalizeTrackingCode,
  TRACKING_ALPHABET,
  TRACKING_GROUP_LENGTH,
  TRACKING_GROUPS,
} from '../schema/tracking-code.ts';

/** A new tracking code from the CSPRNG, uniform over the alphabet (randomInt has no modulo bias). */
export function generateTrackingCode(): string {
  let compact = '';
  for (let i = 0; i < TRACKING_GROUPS * TRACKING_GROUP_LENGTH; i++) {
    compact += TRACKING_ALPHABET[randomInt(TRACKING_ALPHABET.length)];
  }
  return formatTrackingCode(compact);
}

/**
 * Only a salted hash is stored, as `salt:sha256(salt, code)`: a random salt per request, so one
 * precomputed table cannot serve every request, and ~74 random bits make a brute force of one hash
 * impractical even with the database in hand. It needs no ticket, so it is ready before the insert.
 */
export function hashTrackingCode(code: string, salt = randomBytes(16).toString('hex')): string {
  return `${salt}:${createHash('sha256')
    .update(`${salt}\n${normalizeTrackingCode(code)}`)
    .digest('hex')}`;
}

/** Compares in constant time, so the answer's timing tells nothing about how close a guess was. */
export function trackingCodeMatches(code: string, stored: string): boolean {
  const [salt = '', expected = ''] = stored.split(':');
  const a = Buffer.from(hashTrackingCode(code, salt).split(':')[1] ?? '', 'hex');
  const b = Buffer.from(expected, 'hex');
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}
