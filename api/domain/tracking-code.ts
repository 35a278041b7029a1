import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
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
 * Only this hash is stored. The ticket salts it, so one precomputed table cannot serve every request;
 * ~74 random bits make a brute force of one hash impractical even with the database in hand.
 */
export function hashTrackingCode(ticket: string, code: string): string {
  return createHash('sha256')
    .update(`${ticket}\n${normalizeTrackingCode(code)}`)
    .digest('hex');
}

/** Compares in constant time, so the answer's timing tells nothing about how close a guess was. */
export function trackingCodeMatches(ticket: string, code: string, storedHash: string): boolean {
  const a = Buffer.from(hashTrackingCode(ticket, code), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
