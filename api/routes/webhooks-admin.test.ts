import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { valid } from '../../test/fixtures/requests.ts';
import { startReceiver } from '../../test/support/mail-servers.ts';
import { freePort } from '../../test/support/ports.ts';
import { startTestServices, TEST_NOW, type TestServices } from '../../test/support/services.ts';
import { StaffBrowser } from '../../test/support/staff-browser.ts';

// The institution admin's webhooks (CONTRACT §7) over the real app, a real libSQL file and a
// real HTTP receiver that verifies signatures as docs/api.md tells an institution to.

let t: TestServices;
let server: Server;
let base: string;

async function as(email: string) {
  const browser = new StaffBrowser(base);
  expect((await browser.signIn(email, 'contacto-demo')).status, email).toBe(200);
  return browser;
}

async function serveApp(services: TestServices) {
  const s = serve({ fetch: services.app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  await new Promise<void>((resolve) => s.once('listening', () => resolve()));
  return { server: s, base: `http://127.0.0.1:${(s.address() as AddressInfo).port}` };
}

interface Listed {
  id: number;
  url: string;
  createdAt: string;
  revokedAt: string | null;
  health: {
    lastSuccessAt: string | null;
    lastFailure: { at: string | null; dead: boolean; errorClass: string; status: number | null } | null;
    pending: number;
    dead: number;
  };
}

async function list(browser: StaffBrowser, code = 'MDT'): Promise<{ text: string; items: Listed[] }> {
  const response = await browser.request('GET', `/api/v1/institutions/${code}/webhooks`);
  expect(response.status).toBe(200);
  expect(response.headers.get('Cache-Control')).toBe('no-store');
  const text = await response.text();
  return { text, items: JSON.parse(text).items };
}

beforeAll(async () => {
  t = await startTestServices();
  ({ server, base } = await serveApp(t));
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await t?.close();
});

describe("the institution admin's webhooks", () => {
  it('registers one, lists it without its secret, and a filing reaches a real receiver signed with that secret; its health follows; revoked, nothing more is sent', async () => {
    const port = await freePort();
    let answer = 204;
    let secret = '';
    const receiver = await startReceiver(
      port,
      () => TEST_NOW,
      () => secret,
      () => answer,
    );
    try {
      const admin = await as('admin@mdt.demo');
      const url = `http://127.0.0.1:${port}/hooks/contacto?key=not-for-the-audit-log`;
      const created = await admin.request('POST', '/api/v1/institutions/MDT/webhooks', { url });
      expect(created.status).toBe(201);
      expect(created.headers.get('Cache-Control')).toBe('no-store');
      const body = await created.json();
      secret = body.secret;
      expect(secret).toMatch(/^whsec_[\w-]{43}$/);
      expect(body).toMatchObject({ url, revokedAt: null, health: { lastSuccessAt: null, pending: 0 } });

      // Listed without the secret; kept sealed at rest, not as itself.
      const listed = await list(admin);
      expect(listed.text).not.toContain(secret);
      expect(listed.text).not.toContain('secret');
      expect(listed.items).toEqual([
        {
          id: body.id,
          url,
          createdAt: TEST_NOW.toISOString().replace('.000', ''),
          revokedAt: null,
          health: { lastSuccessAt: null, lastFailure: null, pending: 0, dead: 0 },
        },
      ]);
      const stored = await t.deps.db.read.execute({
        sql: 'SELECT secret FROM webhooks WHERE id = ?',
        args: [body.id],
      });
      expect(String(stored.rows[0]?.secret)).toMatch(/^enc:v1:/);
      expect(String(stored.rows[0]?.secret)).not.toContain(secret.slice(6));
      expect(t.deps.secrets.open(String(stored.rows[0]?.secret))).toBe(secret);

      // A filing: one message for the webhook, delivered signed with the secret the admin was shown.
      const filed = await (await t.file('MDT', valid.mdtComplaint.body)).json();
      expect((await list(admin)).items[0]?.health.pending).toBe(1);
      await t.dispatcher.runOnce();
      expect(receiver.hooks).toHaveLength(1);
      expect(receiver.hooks[0]).toMatchObject({
        event: 'request.created',
        signed: true,
        body: { type: 'request.created', data: { request: { ticket: filed.ticket } } },
      });
      expect((await list(admin)).items[0]?.health).toEqual({
        lastSuccessAt: TEST_NOW.toISOString().replace('.000', ''),
        lastFailure: null,
        pending: 0,
        dead: 0,
      });

      // The receiver fails: the failure, its status and the message waiting are told.
      answer = 503;
      await t.file('MDT', valid.mdtComplaint.body);
      expect(await t.dispatcher.runOnce()).toMatchObject({ retried: 1 });
      expect((await list(admin)).items[0]?.health).toMatchObject({
        lastSuccessAt: expect.any(String),
        lastFailure: { dead: false, errorClass: 'http_status', status: 503, at: expect.any(String) },
        pending: 1,
        dead: 0,
      });

      // Revoked: a new filing writes nothing for it, and what was waiting is given up, never sent.
      answer = 204;
      const revoked = await admin.request('DELETE', `/api/v1/institutions/MDT/webhooks/${body.id}`);
      expect(revoked.status).toBe(204);
      await t.file('MDT', valid.mdtComplaint.body);
      const messages = await t.deps.db.read.execute({
        sql: "SELECT COUNT(*) AS n FROM outbox WHERE destination = 'webhook:' || ?",
        args: [body.id],
      });
      expect(Number(messages.rows[0]?.n)).toBe(2);
      // The retry is due after its backoff; the dispatcher then finds the webhook revoked.
      await t.deps.db.writer.run('statements', [
        {
          sql: "UPDATE outbox SET next_attempt_at = '2000-01-01T00:00:00Z' WHERE status = 'pending'",
          args: [],
        },
      ]);
      await t.dispatcher.runOnce();
      expect(receiver.hooks).toHaveLength(1);
      const after = (await list(admin)).items[0];
      expect(after?.revokedAt).toBe(TEST_NOW.toISOString().replace('.000', ''));
      expect(after?.health).toMatchObject({
        pending: 0,
        dead: 1,
        lastFailure: { dead: true, errorClass: 'removed', status: null },
      });
      expect((await admin.request('DELETE', `/api/v1/institutions/MDT/webhooks/${body.id}`)).status).toBe(
        404,
      );

      // Both writes audited, by the admin's account, from their address; the URL's origin only.
      const audit = await t.deps.db.read.execute({
        sql: `SELECT actor, action, target, ip, detail FROM audit_log
              WHERE institution = 'MDT' AND action LIKE 'webhook.%' ORDER BY id`,
        args: [],
      });
      expect(audit.rows.map((r) => ({ ...r }))).toEqual([
        {
          actor: expect.stringMatching(/^account:\d+$/),
          action: 'webhook.add',
          target: `webhook:${body.id}`,
          ip: '127.0.0.1',
          detail: JSON.stringify({ origin: `http://127.0.0.1:${port}` }),
        },
        {
          actor: audit.rows[0]?.actor,
          action: 'webhook.remove',
          target: `webhook:${body.id}`,
          ip: '127.0.0.1',
          detail: null,
        },
      ]);
    } finally {
      await receiver.close();
    }
  });

  it('refuses an address the rule refuses, in the language asked, and writes nothing', async () => {
    const admin = await as('admin@mdt.demo');
    const before = (await list(admin)).items.length;
    const refusals: [unknown, string, RegExp][] = [
      [{ url: '' }, 'es', /^Escriba la dirección del webhook\.$/],
      [{ url: 'no es una dirección' }, 'es', /dirección completa del webhook/],
      [{ url: 'ftp://files.example.org/hook' }, 'es', /debe empezar por https:\/\//],
      [
        { url: 'https://169.254.169.254/latest/meta-data' },
        'es',
        /169\.254\.169\.254 lleva a una dirección privada/,
      ],
      [{ url: 'https://[fd00::1]/hook' }, 'en', /\[fd00::1\] leads to a private, local or reserved address/],
      [{ url: 'https://no-such-host.invalid/hook' }, 'en', /no-such-host\.invalid cannot be found/],
      [{ url: 'https://user:pass@example.org/hook' }, 'en', /must start with https:\/\//],
    ];
    for (const [payload, lang, message] of refusals) {
      const response = await admin.request('POST', '/api/v1/institutions/MDT/webhooks', payload, {
        'Accept-Language': lang,
      });
      expect(response.status, JSON.stringify(payload)).toBe(400);
      const { error } = await response.json();
      expect(error.code).toBe('validation_failed');
      expect(error.issues).toEqual([{ path: 'url', message: expect.stringMatching(message) }]);
    }
    expect((await list(admin)).items).toHaveLength(before);
  });

  it('refuses loopback where WEBHOOK_ALLOW_LOOPBACK is off, as the CLI does', async () => {
    const strict = await startTestServices({ WEBHOOK_ALLOW_LOOPBACK: 'false' });
    const app = await serveApp(strict);
    try {
      const admin = new StaffBrowser(app.base);
      expect((await admin.signIn('admin@mdt.demo', 'contacto-demo')).status).toBe(200);
      for (const url of ['http://127.0.0.1:9/hook', 'https://127.0.0.1:9/hook', 'https://localhost/hook']) {
        const response = await admin.request('POST', '/api/v1/institutions/MDT/webhooks', { url });
        expect(response.status, url).toBe(400);
        expect((await response.json()).error.issues[0].path).toBe('url');
      }
    } finally {
      await new Promise((resolve) => app.server.close(resolve));
      await strict.close();
    }
  });

  it('is for institution admins of that institution only, by session and with the CSRF token', async () => {
    const admin = await as('admin@mdt.demo');
    const created = await (
      await admin.request('POST', '/api/v1/institutions/MDT/webhooks', { url: 'http://127.0.0.1:9/hook' })
    ).json();
    for (const email of ['supervisor@mdt.demo', 'agente@mdt.demo', 'auditor@mdt.demo', 'admin@gput.demo']) {
      const browser = await as(email);
      expect((await browser.request('GET', '/api/v1/institutions/MDT/webhooks')).status, email).toBe(403);
      expect(
        (await browser.request('POST', '/api/v1/institutions/MDT/webhooks', { url: 'http://127.0.0.1:9/x' }))
          .status,
        email,
      ).toBe(403);
      expect(
        (await browser.request('DELETE', `/api/v1/institutions/MDT/webhooks/${created.id}`)).status,
        email,
      ).toBe(403);
    }
    // An integration's token is not an admin.
    const token = await t.staffToken('MDT');
    const byToken = await fetch(`${base}/api/v1/institutions/MDT/webhooks`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(byToken.status).toBe(403);
    expect((await fetch(`${base}/api/v1/institutions/MDT/webhooks`)).status).toBe(401);
    // A write without the session's CSRF token is refused.
    const forged = await admin.request(
      'POST',
      '/api/v1/institutions/MDT/webhooks',
      { url: 'http://127.0.0.1:9/forged' },
      { 'X-CSRF-Token': 'wrong' },
    );
    expect(forged.status).toBe(403);
    expect((await forged.json()).error.code).toBe('csrf_failed');
    // Another institution's webhook is not found from here, and stays active.
    const gput = await as('admin@gput.demo');
    expect((await gput.request('DELETE', `/api/v1/institutions/GPUT/webhooks/${created.id}`)).status).toBe(
      404,
    );
    expect((await list(admin)).items.find((w) => w.id === created.id)?.revokedAt).toBeNull();
    expect((await list(gput, 'GPUT')).items).toEqual([]);
    expect((await admin.request('DELETE', `/api/v1/institutions/MDT/webhooks/${created.id}`)).status).toBe(
      204,
    );
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = await (await t.app.request('/api/openapi.json')).json();
    const hooks = doc.paths['/api/v1/institutions/{code}/webhooks'];
    expect(Object.keys(hooks)).toEqual(['get', 'post']);
    expect(JSON.stringify(hooks.post.responses)).toContain('validation_failed');
    expect(doc.paths['/api/v1/institutions/{code}/webhooks/{id}'].delete.responses['204']).toBeDefined();
    expect(doc.components.schemas.WebhookRegistration.required).toEqual(['url']);
    expect(Object.keys(doc.components.schemas.Webhook.properties.health.properties)).toEqual([
      'lastSuccessAt',
      'lastFailure',
      'pending',
      'dead',
    ]);
    expect(JSON.stringify(doc.components.schemas.Webhook)).not.toContain('secret');
  });
});
