import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../app-env.ts';

/**
 * Response headers without the Fetch `Headers` object. Hono collects `c.header()` calls in a
 * `Headers`, whose every call goes through WebIDL conversions: for the request id and the security
 * headers on every answer, that cost more than the rest of a small endpoint's work. On Node the
 * headers go straight onto the ServerResponse instead, which merges them into the status line's
 * headers when the answer is written (a header the Response itself carries wins). Elsewhere (tests'
 * `app.request`) they fall back to `c.header()`, so both paths are tested.
 */
export function setHeader(c: Context, name: string, value: string, options?: { append?: boolean }): void {
  const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
  if (!outgoing || outgoing.headersSent) {
    c.header(name, value, options);
    return;
  }
  const previous = options?.append ? outgoing.getHeader(name) : undefined;
  outgoing.setHeader(name, previous ? `${previous}, ${value}` : value);
}

// JSON and our own static pages only: nothing may be framed, sniffed or load foreign code.
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'self'",
  "script-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const HSTS = 'max-age=15552000; includeSubDomains';

/** What hono/secure-headers set, with our policy: for pages (the demo sites, /docs) and unknown paths. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'Cross-Origin-Opener-Policy': 'same-origin',
  // The widget's script and the API's answers are loaded by institutions' sites.
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'Origin-Agent-Cluster': '?1',
  'Referrer-Policy': 'no-referrer',
  'Strict-Transport-Security': HSTS,
  'X-Content-Type-Options': 'nosniff',
  'X-DNS-Prefetch-Control': 'off',
  'X-Download-Options': 'noopen',
  'X-Frame-Options': 'DENY',
  'X-Permitted-Cross-Domain-Policies': 'none',
  'X-XSS-Protection': '0',
};

/**
 * For the API's JSON answers: the set OWASP's REST Security Cheat Sheet names for API responses
 * (Cache-Control is each route's). The others govern documents (their referrers, windows, DNS
 * prefetching, old IE's downloads and XSS filter, Flash) and mean nothing on JSON read by fetch;
 * leaving them off halves the headers of every filing's answer, which the server writes and the
 * citizen's phone downloads on every call.
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Strict-Transport-Security': HSTS,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
};

/**
 * For the widget's own files (its scripts, their source maps, the custom-elements manifest), loaded by
 * institutions' pages on every first visit: the headers that protect a script or a JSON file.
 * - `nosniff`: the browser runs the file only as what its Content-Type says, and Chromium's opaque
 *   response blocking relies on it.
 * - `Cross-Origin-Resource-Policy: cross-origin`: pages that isolate themselves (COEP) may still load it.
 * - HSTS: the browser keeps to HTTPS for this host, whatever the response.
 * The rest govern the document a response becomes, and a script never becomes one: it runs under the
 * policy of the page that loads it, so its own CSP is never applied, and opened on its own it is shown
 * as text. So no CSP, X-Frame-Options, COOP, Origin-Agent-Cluster, X-DNS-Prefetch-Control, or old IE's
 * and Flash's headers. Referrer-Policy on a module script would only set the referrer of its own
 * imports: the widget's chunks, requested from this host with the widget's own URL. Every header
 * left out is bytes less on the entry, which a phone downloads before the first question.
 */
export const WIDGET_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'Strict-Transport-Security': HSTS,
  'X-Content-Type-Options': 'nosniff',
};

const PAGE_ENTRIES = Object.entries(SECURITY_HEADERS);
const API_ENTRIES = Object.entries(API_SECURITY_HEADERS);
const WIDGET_ENTRIES = Object.entries(WIDGET_SECURITY_HEADERS);

function entriesFor(path: string): [string, string][] {
  if (path.startsWith('/api/')) return API_ENTRIES;
  if (path.startsWith('/widget/')) return WIDGET_ENTRIES;
  return PAGE_ENTRIES;
}

/** A proxy's request id is kept if it is a plain token; otherwise, or without one, a new UUID. */
const INCOMING_ID = /^[\w.:-]{1,128}$/;

/**
 * Sets `requestId` and answers with it in X-Request-Id, and sets the security headers: the API's
 * under `/api/`, the widget files' under `/widget/`, the pages' everywhere else (unknown paths
 * included).
 */
export function responseHeaders(): MiddlewareHandler<AppEnv> {
  return async function responseHeaders(c, next) {
    const incoming = c.req.header('X-Request-Id');
    const id = incoming && INCOMING_ID.test(incoming) ? incoming : randomUUID();
    c.set('requestId', id);
    const entries = entriesFor(c.req.path);
    const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
    if (outgoing) {
      for (const [name, value] of entries) outgoing.setHeader(name, value);
      outgoing.setHeader('X-Request-Id', id);
      return next();
    }
    await next();
    // In app.request, after the handler, so that they land on whatever response it made.
    // A page's own header (a handler's stricter policy, say) is kept, as on Node.
    for (const [name, value] of entries) if (!c.res.headers.has(name)) c.header(name, value);
    c.header('X-Request-Id', id);
  };
}
