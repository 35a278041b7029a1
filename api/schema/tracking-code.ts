/**
 * Tracking codes are read aloud over the phone and typed on small screens, so the alphabet leaves
 * out 0/O and 1/I/L. 31 symbols × 15 characters ≈ 74 random bits (the contract asks for ≥ 60;
 * twelve characters of this alphabet would give only 59).
 */
export const TRACKING_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const TRACKING_GROUPS = 3;
export const TRACKING_GROUP_LENGTH = 5;

/** Upper-cases and drops spaces and hyphens, so "k7q2x 9xmpa-4tzdh" and "K7Q2X-9XMPA-4TZDH" match. */
export function normalizeTrackingCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

export function formatTrackingCode(compact: string): string {
  const groups: string[] = [];
  for (let i = 0; i < compact.length; i += TRACKING_GROUP_LENGTH)
    groups.push(compact.slice(i, i + TRACKING_GROUP_LENGTH));
  return groups.join('-');
}

export function isWellFormedTrackingCode(input: string): boolean {
  const compact = normalizeTrackingCode(input);
  return (
    compact.length === TRACKING_GROUPS * TRACKING_GROUP_LENGTH &&
    [...compact].every((c) => TRACKING_ALPHABET.includes(c))
  );
}
