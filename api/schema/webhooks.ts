import * as v from 'valibot';

/** A whole absolute URL, or empty (which `required` reports instead: one message per field). */
const absoluteUrl = (value: string) =>
  value === '' || (/^[a-z][a-z\d+.-]*:\/\/\S+$/i.test(value) && URL.canParse(value));

/**
 * The institution admin registers a webhook (CONTRACT §7): its URL. Where the URL may lead (HTTPS,
 * a public address) depends on the server's configuration and on DNS, so the server checks that
 * after this (outbox/webhooks.ts), and answers the same `validation_failed` on `url`.
 */
export const WebhookSchema = v.object({
  url: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(2000), v.check(absoluteUrl, 'webhook_url')),
});
