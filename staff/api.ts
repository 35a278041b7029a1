import * as v from 'valibot';
import { ErrorBodySchema } from '#schema';
import { locale } from './locales/index.ts';

/** An answer of the API that is not a success, or no answer at all (`status` 0). */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: { path: string; message: string }[] = [],
    /** Seconds, from Retry-After on a 429. */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
const expiredListeners = new Set<() => void>();

/** The session's CSRF token, sent with every state-changing request (GET /session gives it). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The current CSRF token, for the few requests not made with `call` (uploads, for their progress). */
export function csrf(): string | null {
  return csrfToken;
}

/** Called when an authenticated call answers 401: the session ended (idle or absolute timeout). */
export function onSessionExpired(listener: () => void): void {
  expiredListeners.add(listener);
}

export interface CallOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Calls made before there is a session (sign-in, reset) do not report its end. */
  anonymous?: boolean;
}

/**
 * One call of the API on this origin. The session travels in its cookie (HttpOnly: this script
 * never sees it); the CSRF token in a header on every write.
 */
export async function call<T>(path: string, options: CallOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': locale() };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
  } catch {
    throw new ApiProblem(0, 'network', '');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON (a proxy's error page): reported by status below.
  }
  if (response.ok) return body as T;
  const parsed = v.safeParse(ErrorBodySchema, body);
  const error = parsed.success ? parsed.output.error : { code: 'unexpected', message: '', issues: [] };
  const retryAfter = Number(response.headers.get('Retry-After'));
  if (response.status === 401 && !options.anonymous) for (const listener of expiredListeners) listener();
  throw new ApiProblem(
    response.status,
    error.code,
    error.message,
    error.issues ?? [],
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
  );
}

/** A query string of the defined values only. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '' && value !== false)
      search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
