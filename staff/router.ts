/** The back office's screens, by path under /staff/. */
export type Route =
  | { name: 'inbox' }
  | { name: 'request'; ticket: string }
  | { name: 'reports' }
  | { name: 'sign-in' }
  | { name: 'forgot' }
  | { name: 'reset' }
  | { name: 'invitation' }
  | { name: 'security' }
  | { name: 'platform' }
  | { name: 'people' }
  | { name: 'units' }
  | { name: 'tokens' }
  | { name: 'webhooks' }
  | { name: 'audit' }
  | { name: 'catalog' }
  | { name: 'not-found' };

export const BASE = '/staff/';

/** Screens anyone may open without a session. */
export const PUBLIC_ROUTES: readonly Route['name'][] = ['sign-in', 'forgot', 'reset', 'invitation'];

export function parseRoute(pathname: string): Route {
  const path = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname === '/staff' ? '' : null;
  if (path === null) return { name: 'not-found' };
  const clean = path.replace(/\/+$/, '');
  if (clean === '' || clean === 'inbox') return { name: 'inbox' };
  const request = /^requests\/([A-Za-z0-9-]{1,64})$/.exec(clean);
  if (request?.[1]) return { name: 'request', ticket: request[1].toUpperCase() };
  if (clean === 'reports') return { name: 'reports' };
  if (clean === 'sign-in') return { name: 'sign-in' };
  if (clean === 'forgot') return { name: 'forgot' };
  if (clean === 'reset') return { name: 'reset' };
  if (clean === 'invitation') return { name: 'invitation' };
  if (clean === 'security') return { name: 'security' };
  if (clean === 'platform') return { name: 'platform' };
  if (clean === 'people' || clean === 'units' || clean === 'tokens' || clean === 'audit')
    return { name: clean };
  if (clean === 'catalog') return { name: 'catalog' };
  if (clean === 'webhooks') return { name: 'webhooks' };
  return { name: 'not-found' };
}

export function href(route: Route): string {
  switch (route.name) {
    case 'inbox':
      return BASE;
    case 'request':
      return `${BASE}requests/${encodeURIComponent(route.ticket)}`;
    default:
      return `${BASE}${route.name}`;
  }
}

/** Goes to `path` without reloading; the app listens for 'cc-navigate' and popstate. */
export function navigate(path: string, replace = false): void {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.dispatchEvent(new Event('cc-navigate'));
}

/**
 * The one-time token of an invitation or reset link, read from the URL's fragment (browsers never
 * send a fragment to a server, so the token stays out of proxies' logs), then wiped from the
 * address bar and the history.
 */
export function takeFragmentToken(): string | null {
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (location.hash) history.replaceState(history.state, '', location.pathname + location.search);
  return token;
}
