import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AppDatabase } from '../commands/index.ts';
import type { WebhookActor } from '../commands/webhooks.ts';
import type { SecretBox } from '../domain/secret-box.ts';
import { resolvePublicAddress, UnsafeAddressError } from '../http/address-guard.ts';
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

/**
 * The URL's form: HTTPS, or plain HTTP to loopback when loopback is allowed (a receiver on the same
 * machine: the demo, the tests). Where its name resolves is checked apart (checkWebhookUrl).
 */
export function isAllowedWebhookUrl(value: string, { allowLoopback = true } = {}): boolean {
  try {
    const url = new URL(value);
    if (url.username || url.password) return false;
    if (url.protocol === 'https:') return true;
    return (
      allowLoopback &&
      url.protocol === 'http:' &&
      (['localhost', '[::1]'].includes(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname))
    );
  } catch {
    return false;
  }
}

/**
 * Why a webhook URL is refused at registration, or null: its form, then every address its host
 * resolves to now (public only; loopback when allowed). Delivery checks the addresses again and
 * connects to the one it checked (postWebhook), since DNS may answer otherwise later.
 */
export async function checkWebhookUrl(value: string, { allowLoopback }: { allowLoopback: boolean }) {
  return (await webhookUrlRefusal(value, { allowLoopback }))?.message ?? null;
}

/**
 * The same refusal with its kind, for a form to word it in the person's language: `scheme` (not
 * https://, or credentials in it), `unresolvable` (the host has no address), `not_public` (an
 * address of the host is private, link-local, or loopback when that is not allowed).
 */
export interface WebhookUrlRefusal {
  kind: 'scheme' | 'unresolvable' | 'not_public';
  host: string;
  /** In English, for the CLI and the logs. */
  message: string;
}

export async function webhookUrlRefusal(
  value: string,
  { allowLoopback }: { allowLoopback: boolean },
): Promise<WebhookUrlRefusal | null> {
  if (!isAllowedWebhookUrl(value, { allowLoopback }))
    return {
      kind: 'scheme',
      host: '',
      message: allowLoopback
        ? 'a webhook must be https:// (http:// only on loopback)'
        : 'a webhook must be https://',
    };
  const host = new URL(value).hostname;
  try {
    await resolvePublicAddress(host, { allowLoopback });
    return null;
  } catch (error) {
    if (error instanceof UnsafeAddressError) return { kind: error.kind, host, message: error.message };
    throw error;
  }
}

/**
 * Registers a webhook, for the CLI and the admin's screen alike: the URL checked as above, a new
 * signing secret sealed at rest (domain/secret-box.ts; the dispatcher opens it to sign), the row
 * and its audit entry written together (commands/webhooks.ts). The secret is returned once: only
 * its sealed form is kept.
 */
export async function registerWebhook(
  db: AppDatabase,
  secrets: SecretBox,
  input: WebhookActor & { institution: string; url: string; at: string; allowLoopback: boolean },
): Promise<{ id: number; secret: string } | { refused: WebhookUrlRefusal } | { unknownInstitution: true }> {
  const refused = await webhookUrlRefusal(input.url, { allowLoopback: input.allowLoopback });
  if (refused) return { refused };
  const secret = newWebhookSecret();
  const outcome = await db.writer.run('addWebhook', {
    institution: input.institution,
    url: input.url,
    sealedSecret: secrets.seal(secret),
    at: input.at,
    actor: input.actor,
    ip: input.ip ?? null,
  });
  return 'unknownInstitution' in outcome ? outcome : { id: outcome.id, secret };
}

/** Why deliveries fail, as the admin's screen tells it; from the error the dispatcher recorded. */
export type DeliveryFailureClass = 'http_status' | 'timeout' | 'address' | 'connection' | 'removed' | 'other';

/**
 * The class of a recorded delivery error, and the receiver's HTTP status when it answered one. The
 * texts are this module's, post.ts's, address-guard.ts's and the dispatcher's; the error itself is
 * not shown (it may name a host's internals), only its class.
 */
export function deliveryFailure(error: string): { class: DeliveryFailureClass; status: number | null } {
  const answered = /webhook answered (\d{3})/.exec(error);
  if (answered) return { class: 'http_status', status: Number(answered[1]) };
  if (/no answer within/.test(error)) return { class: 'timeout', status: null };
  if (/not allowed|does not resolve|loopback address|not a public address/.test(error))
    return { class: 'address', status: null };
  if (/webhook was removed/.test(error)) return { class: 'removed', status: null };
  if (/ECONN|EHOST|ENET|EPIPE|socket|TLS|certificate|SSL|EAI_AGAIN/i.test(error))
    return { class: 'connection', status: null };
  return { class: 'other', status: null };
}

/** A receiver's answer is not read beyond this: a 2xx is all that matters. */
export const WEBHOOK_ANSWER_MAX_BYTES = 4096;

/**
 * POSTs one delivery to the address checked for it (public only; loopback when allowed), never
 * following a redirect, reading at most WEBHOOK_ANSWER_MAX_BYTES; resolves on a 2xx, rejects with
 * the reason otherwise (or after `timeoutMs`).
 */
export async function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  { allowLoopback }: { allowLoopback: boolean },
): Promise<void> {
  if (!isAllowedWebhookUrl(url, { allowLoopback }))
    throw new UnsafeAddressError('the webhook URL is not allowed');
  const answer = await post(url, body, { 'Content-Type': 'application/json', ...headers }, timeoutMs, {
    maxBytes: WEBHOOK_ANSWER_MAX_BYTES,
    publicOnly: { allowLoopback },
  });
  if (answer.status < 200 || answer.status >= 300) throw new Error(`webhook answered ${answer.status}`);
}
