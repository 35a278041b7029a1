/**
 * A person using the back office, as the API sees them: keeps the session cookie and CSRF token a
 * browser's page would, and sends what a same-origin fetch sends (Origin, Sec-Fetch-Site).
 */
export class StaffBrowser {
  cookie = '';
  csrf = '';
  constructor(readonly base: string) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const write = method !== 'GET' && method !== 'HEAD';
    return fetch(new URL(path, this.base), {
      method,
      headers: {
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(this.cookie ? { Cookie: this.cookie } : {}),
        ...(write ? { Origin: new URL(this.base).origin, 'Sec-Fetch-Site': 'same-origin' } : {}),
        ...(write && this.csrf ? { 'X-CSRF-Token': this.csrf } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  }

  /** Signs in; on 200 keeps the cookie and the CSRF token. */
  async signIn(email: string, password: string, totp?: string) {
    const response = await this.request('POST', '/api/v1/session', {
      email,
      password,
      ...(totp ? { totp } : {}),
    });
    if (response.status === 200) {
      const setCookie = response.headers.get('set-cookie') ?? '';
      this.cookie = /(__Host-cc_session=[^;]+)/.exec(setCookie)?.[1] ?? '';
      this.csrf = ((await response.clone().json()) as { csrfToken: string }).csrfToken;
    }
    return response;
  }
}
