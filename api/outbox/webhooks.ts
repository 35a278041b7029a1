import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { post } from '../http/post.ts';

/**
 * Signed webhooks. Each delivery is a JSON POST with:
 *   X-Contacto-Delivery   the message's stable id (the same on every retry: drop duplicates by it)
 *   X-Contacto-Event      request.created | request.status_changed
 *   X-Contacto-Timestamp  Unix seconds when this attempt was signed
 *   X-Contacto-Signature  v1=hex(HMAC-SHA256(secret, `${timestamp}.${body}`))
 * A receiver recomputes the signature over the raw body and refuses timestamps more than
 * REPLAY_WINDOW_SECONDS away from its clock. The README shows a verifier.
 */
export const REPLAY_WINDOW_SECONDS = 300;

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

export function sign(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The receiver's side, as documented: used by the tests' receiver exactly as an institution would. */
export function verifySignature(
  secret: string,
  headers: { timestamp?: string; signature?: string },
  body: string,
  /** The receiver's own clock, in Unix seconds. */
  nowSeconds: number,
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > REPLAY_WINDOW_SECONDS) return false;
  const expected = Buffer.from(sign(secret, timestamp, body));
  const given = Buffer.from(headers.signature ?? '');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** HTTPS only, but plain HTTP on loopback (a receiver on the same machine, the tests). */
export function isAllowedWebhookUrl(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.protocol === 'https:') return true;
    return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

/** POSTs one delivery; resolves on a 2xx, rejects with the reason otherwise (or after `timeoutMs`). */
export async function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<void> {
  const answer = await post(url, body, { 'Content-Type': 'application/json', ...headers }, timeoutMs);
  if (answer.status < 200 || answer.status >= 300) throw new Error(`webhook answered ${answer.status}`);
}
