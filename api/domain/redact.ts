/**
 * Personal data out of every error text that is logged or stored (outbox.last_error, the logs):
 * an SMTP server that refuses a recipient names the address, a receiver's error page may echo a
 * name or a document number. One helper, used by the dispatcher, the logger's error serializer
 * and wherever an error is written down.
 *
 * - email addresses, always;
 * - the personal values known at that point (the citizen's names, document number, address),
 *   wherever they appear, in any case;
 * - runs of 6 or more digits (document numbers, phone numbers), in groups joined by spaces, dots
 *   or dashes (12.345.678, +593 99 123 4567), except what reads as an IPv4 address or a ticket.
 */
export const REDACTED = {
  email: '[email]',
  personal: '[personal data]',
  number: '[number]',
} as const;

const EMAIL = /[^\s<>"'(),;:[\]@]+@[^\s<>"'(),;:[\]@]+\.[^\s<>"'(),;:[\]@]+/g;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
// Groups of 2+ digits joined by a space, dot or dash (and a final check digit: 900123456-7); not
// inside a word or a ticket (MDT-QUE-2026-00001), which the lookbehind keeps out.
const DIGITS = /(?<![\p{L}\p{N}_-])\+?\d{2,}(?:[ .-]\d{2,})*(?:-\d)?(?![\p{L}\p{N}_])/gu;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function redact(text: string, known: readonly (string | null | undefined)[] = []): string {
  let out = text.replace(EMAIL, REDACTED.email);
  // Longest first, so "Ana María" goes before "Ana".
  const values = [...new Set(known.map((k) => k?.trim() ?? '').filter((k) => k.length >= 2))].sort(
    (a, b) => b.length - a.length,
  );
  for (const value of values) {
    out = out.replace(new RegExp(escapeRegExp(value), 'giu'), REDACTED.personal);
  }
  out = out.replace(DIGITS, (match) =>
    IPV4.test(match) || match.replace(/\D/g, '').length < 6 ? match : REDACTED.number,
  );
  return out;
}

/** An error as text for a log or a column: its message, redacted. */
export function redactError(error: unknown, known: readonly (string | null | undefined)[] = []): string {
  const message = error instanceof Error ? error.message : String(error);
  return redact(message, known);
}
