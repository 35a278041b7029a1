import type { InferOutput } from 'valibot';
import type { Catalog, FieldIssue, InstitutionSummarySchema, Receipt, StatusView } from '#schema';

/** One entry of the directory, `GET /api/v1/institutions`. */
export type InstitutionSummary = InferOutput<typeof InstitutionSummarySchema>;

// The script's own origin: the default API base, so one script tag is all a webmaster needs.
const SCRIPT_ORIGIN = new URL(import.meta.url).origin;

/** The API's base URL for an element's `api` attribute: the script's origin when it has none. */
export function apiBase(attribute: string | null | undefined): string {
  return (attribute || SCRIPT_ORIGIN).replace(/\/+$/, '');
}

/** An answer of the API that is not a success, in the contract's error shape. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
  }

  /** The server could not be reached at all (offline, DNS, CORS refusal). */
  get isNetwork(): boolean {
    return this.status === 0;
  }
}

/** One call of the API: its JSON body, or an ApiFailure in the contract's error shape. */
export async function call<T>(url: string, init: RequestInit, locale: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      headers: { Accept: 'application/json', 'Accept-Language': locale, ...(init.headers ?? {}) },
    });
  } catch (error) {
    throw new ApiFailure(0, 'network_error', String(error));
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = body?.error ?? {};
    throw new ApiFailure(
      response.status,
      error.code ?? 'unknown',
      error.message ?? response.statusText,
      error.issues,
    );
  }
  return body as T;
}

// One catalog request per page and institution, however many elements ask: the promise is shared.
// Revalidation with ETag is left to the browser's HTTP cache, which the API's Cache-Control allows.
const catalogs = new Map<string, Promise<Catalog>>();

export function loadCatalog(api: string, institution: string, locale: string): Promise<Catalog> {
  const url = `${api}/api/v1/institutions/${encodeURIComponent(institution)}`;
  let pending = catalogs.get(url);
  if (!pending) {
    pending = call<Catalog>(url, {}, locale);
    // A failure must not stick: the next attempt asks again.
    pending.catch(() => catalogs.delete(url));
    catalogs.set(url, pending);
  }
  return pending;
}

// The directory of a national portal (an element without `institution`): one request per page and API.
const directories = new Map<string, Promise<InstitutionSummary[]>>();

export function loadDirectory(api: string, locale: string): Promise<InstitutionSummary[]> {
  let pending = directories.get(api);
  if (!pending) {
    pending = call<InstitutionSummary[]>(`${api}/api/v1/institutions`, {}, locale);
    pending.catch(() => directories.delete(api));
    directories.set(api, pending);
  }
  return pending;
}

export function fileRequest(
  api: string,
  institution: string,
  body: unknown,
  idempotencyKey: string,
  locale: string,
): Promise<Receipt> {
  return call<Receipt>(
    `${api}/api/v1/institutions/${encodeURIComponent(institution)}/requests`,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
      body: JSON.stringify(body),
    },
    locale,
  );
}

export function lookUp(api: string, ticket: string, code: string, locale: string): Promise<StatusView> {
  return call<StatusView>(
    `${api}/api/v1/requests/${encodeURIComponent(ticket.trim())}`,
    { headers: { 'X-Tracking-Code': code } },
    locale,
  );
}

export function fetchChallenge(api: string, path: string, locale: string): Promise<unknown> {
  return call<unknown>(new URL(path, `${api}/`).href, { cache: 'no-store' }, locale);
}
