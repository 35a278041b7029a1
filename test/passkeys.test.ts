import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CHROME_ARGS, CHROME_PATH } from '../scripts/chromium.mjs';
import { freePort } from './support/ports.ts';
import { startTestServices, type TestServices } from './support/services.ts';
import { StaffBrowser } from './support/staff-browser.ts';

// Passkeys with Chromium's virtual authenticator (CDP WebAuthn domain): registered by a signed-in
// admin, then the only way in for that account; a replayed assertion is refused.

let t: TestServices;
let server: Server;
let browser: Browser;
let page: Page;
let origin: string;

beforeAll(async () => {
  const port = await freePort();
  origin = `http://localhost:${port}`;
  t = await startTestServices({ PUBLIC_URL: origin });
  server = serve({ fetch: t.app.fetch, port, hostname: '127.0.0.1' }) as Server;
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  browser = await puppeteer.launch({
    executablePath: CHROME_PATH,
    args: [...CHROME_ARGS, '--host-resolver-rules=MAP localhost 127.0.0.1'],
  });
  page = await browser.newPage();
  const cdp = await page.createCDPSession();
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  // The API's answers forbid scripts and fetches (a JSON document is no page); this stands in for /staff/.
  await page.setBypassCSP(true);
  await page.goto(`${origin}/api/v1/institutions`);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await t?.close();
});

/** Runs in the page: the back office's passkey code, in short (base64url ⇄ ArrayBuffer by hand). */
const PAGE_HELPERS = `
  window.b64 = (buffer) => btoa(String.fromCharCode(...new Uint8Array(buffer))).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
  window.unb64 = (text) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  window.api = async (method, path, body, csrf) => {
    const response = await fetch(path, { method, headers: { 'Content-Type': 'application/json', ...(csrf ? { 'X-CSRF-Token': csrf } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, body: response.status === 204 ? null : await response.json() };
  };
  window.register = async (csrf) => {
    const { body: o } = await api('POST', '/api/v1/session/passkeys/options', undefined, csrf);
    const credential = await navigator.credentials.create({ publicKey: { ...o, challenge: unb64(o.challenge), user: { ...o.user, id: unb64(o.user.id) }, excludeCredentials: (o.excludeCredentials || []).map((c) => ({ ...c, id: unb64(c.id) })) } });
    return api('POST', '/api/v1/session/passkeys', { response: { id: credential.id, rawId: b64(credential.rawId), type: credential.type, response: { clientDataJSON: b64(credential.response.clientDataJSON), attestationObject: b64(credential.response.attestationObject), transports: credential.response.getTransports() }, clientExtensionResults: {} } }, csrf);
  };
  window.assertion = async () => {
    const { body: o } = await api('POST', '/api/v1/session/passkey/options');
    const credential = await navigator.credentials.get({ publicKey: { ...o, challenge: unb64(o.challenge), allowCredentials: [] } });
    return { id: credential.id, rawId: b64(credential.rawId), type: credential.type, response: { clientDataJSON: b64(credential.response.clientDataJSON), authenticatorData: b64(credential.response.authenticatorData), signature: b64(credential.response.signature), userHandle: credential.response.userHandle ? b64(credential.response.userHandle) : undefined }, clientExtensionResults: {} };
  };
`;

interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: the JSON of the API, checked by the assertions
  body: any;
}

/** Calls one of PAGE_HELPERS' functions in the page. */
function inPage<T = Answer>(name: 'api' | 'register' | 'assertion', ...args: unknown[]): Promise<T> {
  return page.evaluate(
    (fn, list) => (window as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[fn]?.(...list),
    name,
    args,
  ) as Promise<T>;
}

it('an admin registers a passkey, signs in with it alone, and then not with the password alone; a replay is refused', async () => {
  await page.evaluate(PAGE_HELPERS);
  const signedIn = await inPage('api', 'POST', '/api/v1/session', {
    email: 'admin@mdt.demo',
    password: 'contacto-demo',
  });
  expect(signedIn.status).toBe(200);
  const registered = await inPage('register', signedIn.body.csrfToken);
  expect(registered.status).toBe(200);
  expect(registered.body.account.passkeys).toBe(1);
  await inPage('api', 'DELETE', '/api/v1/session', undefined, signedIn.body.csrfToken);

  const assertion = await inPage<unknown>('assertion');
  const withPasskey = await inPage('api', 'POST', '/api/v1/session/passkey', { response: assertion });
  expect(withPasskey.status).toBe(200);
  expect(withPasskey.body.account.email).toBe('admin@mdt.demo');
  const session = await inPage('api', 'GET', '/api/v1/session');
  expect(session.status).toBe(200);

  // The same assertion again: its challenge is spent.
  const replay = await inPage('api', 'POST', '/api/v1/session/passkey', { response: assertion });
  expect(replay.status).toBe(401);
  // With a passkey, the password alone no longer signs in.
  const passwordOnly = await new StaffBrowser(origin.replace('localhost', '127.0.0.1')).signIn(
    'admin@mdt.demo',
    'contacto-demo',
  );
  expect(passwordOnly.status).toBe(401);
  expect((await passwordOnly.json()).error.code).toBe('second_factor_required');
  await t.deps.audit.flush();
  const { rows } = await t.deps.db.read.execute(
    `SELECT action FROM audit_log
     WHERE action = 'account.passkey_added' OR (action = 'session.sign_in' AND detail LIKE '%passkey%')`,
  );
  expect(rows.map((r) => r.action).sort()).toEqual(['account.passkey_added', 'session.sign_in']);
}, 60_000);
