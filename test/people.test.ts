import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { generateSync } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { valid } from './fixtures/requests.ts';
import { pdfBytes } from './support/files.ts';
import { type Mail, startSmtp } from './support/mail-servers.ts';
import { freePort } from './support/ports.ts';
import { startTestServices, TEST_NOW, type TestServices } from './support/services.ts';
import { StaffBrowser } from './support/staff-browser.ts';

// Issue 19's "Done when", against a real HTTP server, a real SMTP server and real TOTP codes.

let clock = TEST_NOW.getTime();
const tick = (seconds: number) => {
  clock += seconds * 1000;
};
let t: TestServices;
let server: Server;
let base: string;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
const PASSWORD = 'contacto-demo';
let ticketA: string;
let ticketB: string;
let fileB: string;

function totp(secret: string): string {
  return generateSync({ secret, epoch: Math.floor(clock / 1000) });
}

function linkToken(mail: Mail): string {
  const match = /\/staff\/invitation#token=(?:3D)?([A-Za-z0-9_-]+)/.exec(mail.raw);
  if (!match?.[1]) throw new Error(`no invitation link in ${mail.raw}`);
  return match[1];
}

async function as(email: string): Promise<StaffBrowser> {
  const browser = new StaffBrowser(base);
  const response = await browser.signIn(email, PASSWORD);
  expect(response.status, email).toBe(200);
  return browser;
}

beforeAll(async () => {
  const smtpPort = await freePort();
  smtp = await startSmtp(smtpPort);
  t = await startTestServices({ SMTP_URL: `smtp://127.0.0.1:${smtpPort}` }, { now: () => new Date(clock) });
  server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const file = async (service: string, attachments: string[] = []) => {
    const response = await fetch(`${base}/api/v1/institutions/MDT/requests`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...valid.mdtComplaint.body, service, attachments }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { ticket: string }).ticket;
  };
  // The demo routes the first half of MDT's services to the agent's unit, the rest to another.
  ticketA = await file('contratos');
  // B comes with a file: its download is one more endpoint the scoping rule must close.
  const upload = await fetch(`${base}/api/v1/institutions/MDT/uploads`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': 'attachment; filename="b.pdf"' },
    body: pdfBytes(2000, 'B') as unknown as BodyInit,
  });
  expect(upload.status).toBe(201);
  fileB = ((await upload.json()) as { id: string }).id;
  ticketB = await file('encuentra-empleo', [fileB]);
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await t?.close();
  await smtp?.close();
});

describe('sign-in and the session', () => {
  it('signs in with the __Host- cookie, reads the session, and signs out', async () => {
    const browser = new StaffBrowser(base);
    const response = await browser.signIn('agente@mdt.demo', PASSWORD);
    expect(response.status).toBe(200);
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^__Host-cc_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('Secure');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/');
    const body = await response.json();
    expect(body.account).toMatchObject({
      email: 'agente@mdt.demo',
      role: 'agent',
      institution: 'MDT',
      units: [{ name: 'Dirección de atención ciudadana' }],
      totpEnabled: false,
    });
    const session = await browser.request('GET', '/api/v1/session');
    expect(session.status).toBe(200);
    expect((await session.json()).csrfToken).toBe(body.csrfToken);
    expect((await browser.request('DELETE', '/api/v1/session')).status).toBe(204);
    expect((await browser.request('GET', '/api/v1/session')).status).toBe(401);
  });

  it('ends idle sessions, and sign-out everywhere ends every session of the account', async () => {
    const one = await as('supervisor@mdt.demo');
    const two = await as('supervisor@mdt.demo');
    tick(31 * 60);
    expect((await one.request('GET', '/api/v1/session')).status).toBe(401);
    const three = await as('supervisor@mdt.demo');
    const four = await as('supervisor@mdt.demo');
    const everywhere = await three.request('POST', '/api/v1/session/sign-out-everywhere');
    expect(everywhere.status).toBe(200);
    expect((await four.request('GET', '/api/v1/session')).status).toBe(401);
    expect((await two.request('GET', '/api/v1/session')).status).toBe(401);
  });

  it('ends a session at its absolute limit, however active', async () => {
    const busy = await as('auditor@mdt.demo');
    for (let minutes = 0; minutes < 12 * 60 - 25; minutes += 25) {
      tick(25 * 60);
      expect((await busy.request('GET', '/api/v1/session')).status).toBe(200);
    }
    tick(30 * 60);
    expect((await busy.request('GET', '/api/v1/session')).status).toBe(401);
    // The hourly maintenance drops what has ended.
    await t.maintain();
    const { rows } = await t.deps.db.read.execute({
      sql: 'SELECT COUNT(*) AS n FROM sessions WHERE expires_at <= ?',
      args: [new Date(clock).toISOString().replace(/\.\d{3}Z$/, 'Z')],
    });
    expect(Number(rows[0]?.n)).toBe(0);
  });

  it('locks an email after ten wrong passwords, the eleventh right one refused, and never tells whether the email exists', async () => {
    const answers = async (email: string, password: string) => {
      const response = await new StaffBrowser(base).signIn(email, password);
      return {
        status: response.status,
        body: await response.json(),
        retry: response.headers.get('retry-after'),
      };
    };
    const known = 'auditor@mml.demo';
    const unknown = 'nadie@mml.demo';
    const knownAnswers = [];
    const unknownAnswers = [];
    for (let i = 0; i < 10; i++) {
      knownAnswers.push(await answers(known, 'wrong-password'));
      unknownAnswers.push(await answers(unknown, 'wrong-password'));
    }
    expect(knownAnswers).toEqual(unknownAnswers);
    expect(knownAnswers.every((a) => a.status === 401 && a.body.error.code === 'invalid_credentials')).toBe(
      true,
    );
    const eleventh = await answers(known, PASSWORD);
    expect(eleventh.status).toBe(429);
    expect(eleventh.body.error.code).toBe('rate_limited');
    expect(Number(eleventh.retry)).toBeGreaterThan(0);
    expect(await answers(unknown, PASSWORD)).toEqual(eleventh);
    // Once the lock runs out, the right password works again.
    tick(16 * 60);
    expect((await answers(known, PASSWORD)).status).toBe(200);
  });
});

describe('who sees what', () => {
  const endpoints = (ticket: string) =>
    [
      ['GET', `/api/v1/institutions/MDT/requests/${ticket}`, undefined],
      ['GET', `/api/v1/institutions/MDT/requests/${ticket}/export`, undefined],
      ['POST', `/api/v1/institutions/MDT/requests/${ticket}/events`, { status: 'in_progress' }],
      ['POST', `/api/v1/institutions/MDT/requests/${ticket}/anonymization`, { reason: 'prueba' }],
      [
        'POST',
        `/api/v1/institutions/MDT/requests/${ticket}/extensions`,
        { dueDate: '2027-03-01', reason: 'x' },
      ],
      ['POST', `/api/v1/institutions/MDT/requests/${ticket}/transfer`, { to: 'MSP', note: 'x' }],
      ['GET', `/api/v1/institutions/MDT/requests/${ticket}/attachments/${fileB}`, undefined],
    ] as const;

  it('an agent of unit A gets 404 for a request of unit B through every endpoint, and sees A', async () => {
    const agent = await as('agente@mdt.demo');
    for (const [method, path, body] of endpoints(ticketB)) {
      const response = await agent.request(method, path, body);
      expect([method, path, response.status]).toEqual([method, path, 404]);
      expect((await response.json()).error.code).toBe('request_not_found');
    }
    const inbox = await (await agent.request('GET', '/api/v1/institutions/MDT/requests')).json();
    expect(inbox.items.map((r: { ticket: string }) => r.ticket)).toEqual([ticketA]);
    const citizen = await agent.request('POST', '/api/v1/institutions/MDT/citizen-data', {
      documentType: 'cedula',
      documentNumber: valid.mdtComplaint.body.citizen.documentNumber,
    });
    expect(citizen.status).toBe(200);
    expect(JSON.stringify(await citizen.json())).not.toContain(ticketB);
    expect(
      (await agent.request('GET', '/api/v1/institutions/MDT/reports?from=2026-11-01&to=2026-11-30')).status,
    ).toBe(403);
    expect((await agent.request('GET', `/api/v1/institutions/MDT/requests/${ticketA}`)).status).toBe(200);
    expect(
      (await agent.request('POST', `/api/v1/institutions/MDT/requests/${ticketB}/assignment`, { unitId: 1 }))
        .status,
    ).toBe(403);
    // Erasing a citizen's data is not an agent's: 403 for a request of its own unit.
    const erase = await agent.request('POST', `/api/v1/institutions/MDT/requests/${ticketA}/anonymization`, {
      reason: 'prueba',
    });
    expect(erase.status).toBe(403);
  });

  it('a supervisor sees both, and reassigning B to the agent unit lets the agent see it', async () => {
    const supervisor = await as('supervisor@mdt.demo');
    const inbox = await (await supervisor.request('GET', '/api/v1/institutions/MDT/requests')).json();
    expect(inbox.items.map((r: { ticket: string }) => r.ticket).sort()).toEqual([ticketA, ticketB].sort());
    for (const ticket of [ticketA, ticketB]) {
      expect((await supervisor.request('GET', `/api/v1/institutions/MDT/requests/${ticket}`)).status).toBe(
        200,
      );
    }
    const download = await supervisor.request(
      'GET',
      `/api/v1/institutions/MDT/requests/${ticketB}/attachments/${fileB}`,
    );
    expect(download.status).toBe(200);
    expect(download.headers.get('Content-Disposition')).toContain('attachment');
    const units = (await (await supervisor.request('GET', '/api/v1/institutions/MDT/units')).json()).items;
    const unitA = units.find((u: { name: string }) => u.name === 'Dirección de atención ciudadana').id;
    const assigned = await supervisor.request(
      'POST',
      `/api/v1/institutions/MDT/requests/${ticketB}/assignment`,
      {
        unitId: unitA,
      },
    );
    expect(assigned.status).toBe(200);
    const agent = await as('agente@mdt.demo');
    expect((await agent.request('GET', `/api/v1/institutions/MDT/requests/${ticketB}`)).status).toBe(200);
    const back = units.find((u: { name: string }) => u.name === 'Dirección de control y denuncias').id;
    expect(
      (
        await supervisor.request('POST', `/api/v1/institutions/MDT/requests/${ticketB}/assignment`, {
          unitId: back,
        })
      ).status,
    ).toBe(200);
    expect((await agent.request('GET', `/api/v1/institutions/MDT/requests/${ticketB}`)).status).toBe(404);
  });

  it('an auditor can read but every write is 403', async () => {
    const auditor = await as('auditor@mdt.demo');
    expect((await auditor.request('GET', '/api/v1/institutions/MDT/requests')).status).toBe(200);
    expect((await auditor.request('GET', `/api/v1/institutions/MDT/requests/${ticketB}`)).status).toBe(200);
    expect((await auditor.request('GET', '/api/v1/institutions/MDT/audit')).status).toBe(200);
    const writes = [
      ...endpoints(ticketA).filter(([method]) => method !== 'GET'),
      ['POST', `/api/v1/institutions/MDT/requests/${ticketA}/assignment`, { unitId: 1 }],
      ['POST', '/api/v1/institutions/MDT/units', { name: 'Nueva' }],
      ['PATCH', '/api/v1/institutions/MDT/units/1', { name: 'Otra' }],
      ['PUT', '/api/v1/institutions/MDT/routing', { contratos: 1 }],
      ['POST', '/api/v1/institutions/MDT/invitations', { email: 'x@mdt.demo', name: 'X', role: 'agent' }],
      ['PATCH', '/api/v1/institutions/MDT/accounts/1', { disabled: true }],
      ['POST', '/api/v1/institutions/MDT/tokens', { name: 'x' }],
      ['DELETE', '/api/v1/institutions/MDT/tokens/1', undefined],
    ] as const;
    for (const [method, path, body] of writes) {
      const response = await auditor.request(method, path, body);
      expect([method, path, response.status]).toEqual([method, path, 403]);
    }
  });

  it("another institution's people see nothing", async () => {
    for (const email of ['admin@mml.demo', 'supervisor@mml.demo', 'auditor@gput.demo', 'plataforma@demo']) {
      const other = await as(email);
      for (const path of [
        '/api/v1/institutions/MDT/requests',
        `/api/v1/institutions/MDT/requests/${ticketA}`,
        '/api/v1/institutions/MDT/audit',
        '/api/v1/institutions/MDT/accounts',
        '/api/v1/institutions/MDT/units',
      ]) {
        const response = await other.request('GET', path);
        expect([email, path, response.status]).toEqual([email, path, 403]);
      }
    }
  });

  it('refuses CSRF-less and cross-site writes on a session; bearer tokens need no CSRF token', async () => {
    const supervisor = await as('supervisor@mdt.demo');
    const path = `/api/v1/institutions/MDT/requests/${ticketA}/events`;
    const attempts: Record<string, string>[] = [
      { 'X-CSRF-Token': '' },
      { 'X-CSRF-Token': 'x'.repeat(43) },
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' },
      { Origin: 'https://evil.example' },
    ];
    for (const headers of attempts) {
      const response = await supervisor.request('POST', path, { status: 'in_progress' }, headers);
      expect([headers, response.status]).toEqual([headers, 403]);
      // A foreign Origin is already refused by the institution's CORS check (origin_not_allowed).
      expect(['csrf_failed', 'origin_not_allowed']).toContain((await response.json()).error.code);
    }
    const signOut = await supervisor.request('DELETE', '/api/v1/session', undefined, { 'X-CSRF-Token': '' });
    expect(signOut.status).toBe(403);
    const token = await t.staffToken('MDT');
    const withToken = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: 'in_progress' }),
    });
    expect(withToken.status).toBe(201);
  });
});

describe('a new institution from the platform, with second factors', () => {
  it('the platform admin creates an institution whose admin is invited by mail, must enrol a TOTP, and cannot sign in without it', async () => {
    const platform = await as('plataforma@demo');
    const created = await platform.request('POST', '/api/v1/platform/institutions', {
      code: 'TST',
      name: 'Instituto de Pruebas',
      country: 'EC',
      timezone: 'America/Guayaquil',
      admin: { email: 'Jefa@tst.example', name: 'Jefa de Pruebas' },
    });
    expect(created.status).toBe(201);
    const listed = (await (await platform.request('GET', '/api/v1/platform/institutions')).json()).items;
    expect(listed.find((i: { code: string }) => i.code === 'TST')).toEqual({
      code: 'TST',
      name: 'Instituto de Pruebas',
      country: 'EC',
      accounts: 1,
    });
    const colleague = await platform.request('POST', '/api/v1/platform/invitations', {
      email: 'colega@plataforma.example',
      name: 'Colega',
    });
    expect(colleague.status).toBe(201);
    expect(smtp.mails.some((m) => m.to === 'colega@plataforma.example')).toBe(true);
    // Only platform admins: an institution admin gets 403 on every platform route.
    const institutionAdmin = await as('admin@mdt.demo');
    for (const [method, path] of [
      ['GET', '/api/v1/platform/institutions'],
      ['GET', '/api/v1/platform/accounts'],
      ['POST', '/api/v1/platform/institutions'],
    ] as const) {
      expect((await institutionAdmin.request(method, path, method === 'POST' ? {} : undefined)).status).toBe(
        403,
      );
    }
    // The new institution's catalog is public at once and takes requests.
    expect((await fetch(`${base}/api/v1/institutions/TST`)).status).toBe(200);
    const mail = smtp.mails.find((m) => m.to === 'jefa@tst.example');
    if (!mail) throw new Error('no invitation mail');
    const token = linkToken(mail);
    const accept = await fetch(`${base}/api/v1/invitations/accept`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token, password: 'una clave larga y buena' }),
    });
    expect(accept.status).toBe(200);
    expect(await accept.json()).toEqual({ email: 'jefa@tst.example', totpRequired: true });
    // The link works once.
    const again = await fetch(`${base}/api/v1/invitations/accept`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token, password: 'otra clave larga y buena' }),
    });
    expect(again.status).toBe(400);

    const admin = new StaffBrowser(base);
    const first = await admin.signIn('jefa@tst.example', 'una clave larga y buena');
    expect(first.status).toBe(200);
    expect((await first.json()).enrolRequired).toBe(true);
    const blocked = await admin.request('GET', '/api/v1/institutions/TST/accounts');
    expect(blocked.status).toBe(401);
    expect((await blocked.json()).error.code).toBe('second_factor_required');
    const setup = await (await admin.request('POST', '/api/v1/session/totp/setup')).json();
    expect(setup.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    expect((await admin.request('POST', '/api/v1/session/totp/enable', { code: '000000' })).status).toBe(401);
    const enabled = await admin.request('POST', '/api/v1/session/totp/enable', { code: totp(setup.secret) });
    expect(enabled.status).toBe(200);
    expect(await enabled.json()).toMatchObject({ enrolRequired: false, account: { totpEnabled: true } });
    expect((await admin.request('GET', '/api/v1/institutions/TST/accounts')).status).toBe(200);
    await admin.request('DELETE', '/api/v1/session');

    tick(30);
    const without = await new StaffBrowser(base).signIn('jefa@tst.example', 'una clave larga y buena');
    expect(without.status).toBe(401);
    expect((await without.json()).error.code).toBe('second_factor_required');
    const wrong = await new StaffBrowser(base).signIn(
      'jefa@tst.example',
      'una clave larga y buena',
      '123456',
    );
    expect(wrong.status).toBe(401);
    const code = totp(setup.secret);
    const right = await new StaffBrowser(base).signIn('jefa@tst.example', 'una clave larga y buena', code);
    expect(right.status).toBe(200);
    // A code is accepted once.
    const replay = await new StaffBrowser(base).signIn('jefa@tst.example', 'una clave larga y buena', code);
    expect(replay.status).toBe(401);
    // A wrong password with the right code says nothing more than a wrong password.
    tick(30);
    const badPassword = await new StaffBrowser(base).signIn(
      'jefa@tst.example',
      'no es la clave',
      totp(setup.secret),
    );
    expect(badPassword.status).toBe(401);
    expect((await badPassword.json()).error.code).toBe('invalid_credentials');
  });

  it('password reset answers the same for any address and mails a one-time link', async () => {
    const ask = (email: string) =>
      fetch(`${base}/api/v1/password-reset`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email }),
      });
    const known = await ask('agente@gput.demo');
    const unknown = await ask('nadie@gput.demo');
    expect([known.status, await known.text()]).toEqual([unknown.status, await unknown.text()]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const mail = smtp.mails.find((m) => m.to === 'agente@gput.demo');
    const token = /\/staff\/reset#token=(?:3D)?([A-Za-z0-9_-]+)/.exec(mail?.raw ?? '')?.[1];
    expect(token).toBeTruthy();
    expect(smtp.mails.some((m) => m.to === 'nadie@gput.demo')).toBe(false);
    const done = await fetch(`${base}/api/v1/password-reset/complete`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token, password: 'una clave nueva y larga' }),
    });
    expect(done.status).toBe(200);
    expect((await new StaffBrowser(base).signIn('agente@gput.demo', 'una clave nueva y larga')).status).toBe(
      200,
    );
  });
});

describe('admins manage people, units, routing and tokens', () => {
  it('moves an agent between units, and a disabled account is signed out and cannot sign in', async () => {
    const admin = await as('admin@mdt.demo');
    const accounts = (await (await admin.request('GET', '/api/v1/institutions/MDT/accounts')).json()).items;
    const agentAccount = accounts.find((a: { email: string }) => a.email === 'agente@mdt.demo');
    expect(agentAccount).toMatchObject({
      role: 'agent',
      invited: false,
      disabled: false,
      totpEnabled: false,
    });
    const units = (await (await admin.request('GET', '/api/v1/institutions/MDT/units')).json()).items;
    const control = units.find((u: { name: string }) => u.name === 'Dirección de control y denuncias');
    const agent = await as('agente@mdt.demo');
    expect((await agent.request('GET', `/api/v1/institutions/MDT/requests/${ticketB}`)).status).toBe(404);
    const moved = await admin.request('PATCH', `/api/v1/institutions/MDT/accounts/${agentAccount.id}`, {
      units: [control.id],
    });
    expect(moved.status).toBe(200);
    expect((await agent.request('GET', `/api/v1/institutions/MDT/requests/${ticketB}`)).status).toBe(200);
    expect((await agent.request('GET', `/api/v1/institutions/MDT/requests/${ticketA}`)).status).toBe(404);
    await admin.request('PATCH', `/api/v1/institutions/MDT/accounts/${agentAccount.id}`, {
      units: agentAccount.units.map((u: { id: number }) => u.id),
    });

    const disabled = await admin.request('PATCH', `/api/v1/institutions/MDT/accounts/${agentAccount.id}`, {
      disabled: true,
    });
    expect((await disabled.json()).disabled).toBe(true);
    expect((await agent.request('GET', '/api/v1/session')).status).toBe(401);
    const refused = await new StaffBrowser(base).signIn('agente@mdt.demo', PASSWORD);
    expect(refused.status).toBe(401);
    expect((await refused.json()).error.code).toBe('invalid_credentials');
    await admin.request('PATCH', `/api/v1/institutions/MDT/accounts/${agentAccount.id}`, { disabled: false });
    expect((await new StaffBrowser(base).signIn('agente@mdt.demo', PASSWORD)).status).toBe(200);
    // Another institution's account is not found here.
    const foreign = (
      await (await (await as('admin@mml.demo')).request('GET', '/api/v1/institutions/MML/accounts')).json()
    ).items[0];
    expect(
      (await admin.request('PATCH', `/api/v1/institutions/MDT/accounts/${foreign.id}`, { disabled: true }))
        .status,
    ).toBe(404);
  });

  it('creates an account by inviting its person, and a second invitation of the same address sends a new link', async () => {
    const admin = await as('admin@mdt.demo');
    const invite = () =>
      admin.request('POST', '/api/v1/institutions/MDT/accounts', {
        email: 'nueva@mdt.example',
        name: 'Persona Nueva',
        role: 'supervisor',
      });
    const first = await invite();
    expect(first.status).toBe(201);
    const again = await invite();
    expect(again.status).toBe(201);
    expect((await again.json()).id).toBe((await first.json()).id);
    expect(smtp.mails.filter((m) => m.to === 'nueva@mdt.example')).toHaveLength(2);
    // An address with a working account is taken.
    const taken = await admin.request('POST', '/api/v1/institutions/MDT/invitations', {
      email: 'agente@mdt.demo',
      name: 'X',
      role: 'agent',
    });
    expect(taken.status).toBe(409);
  });

  it('builds the unit tree without cycles and routes services to units', async () => {
    const admin = await as('admin@mdt.demo');
    const zone = await (
      await admin.request('POST', '/api/v1/institutions/MDT/units', { name: 'Zonal 9' })
    ).json();
    const office = await (
      await admin.request('POST', '/api/v1/institutions/MDT/units', {
        name: 'Oficina Quito',
        parentId: zone.id,
      })
    ).json();
    expect(office.parentId).toBe(zone.id);
    const cycle = await admin.request('PATCH', `/api/v1/institutions/MDT/units/${zone.id}`, {
      parentId: office.id,
    });
    expect(cycle.status).toBe(409);
    expect((await cycle.json()).error.code).toBe('unit_cycle');
    const routed = await admin.request('PUT', '/api/v1/institutions/MDT/routing', { visto_bueno: office.id });
    expect(routed.status).toBe(404);
    const ok = await admin.request('PUT', '/api/v1/institutions/MDT/routing', { 'visto-bueno': office.id });
    expect((await ok.json())['visto-bueno']).toBe(office.id);
    const filed = await fetch(`${base}/api/v1/institutions/MDT/requests`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...valid.mdtComplaint.body, service: 'visto-bueno' }),
    });
    const { ticket } = await filed.json();
    const placement = await t.deps.db.read.execute({
      sql: 'SELECT unit_id FROM requests WHERE ticket = ?',
      args: [ticket],
    });
    expect(Number(placement.rows[0]?.unit_id)).toBe(office.id);
  });

  it('creates, lists and revokes tokens for integrations, with scope and expiry', async () => {
    const admin = await as('admin@mdt.demo');
    const created = await admin.request('POST', '/api/v1/institutions/MDT/tokens', {
      name: 'Sistema de tickets',
      readOnly: true,
      expiresAt: '2027-01-31',
    });
    expect(created.status).toBe(201);
    const token = await created.json();
    expect(token).toMatchObject({ readOnly: true, expiresAt: '2027-02-01T00:00:00Z' });
    const read = await fetch(`${base}/api/v1/institutions/MDT/requests`, {
      headers: { Authorization: `Bearer ${token.token}` },
    });
    expect(read.status).toBe(200);
    const write = await fetch(`${base}/api/v1/institutions/MDT/requests/${ticketA}/events`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: 'in_progress' }),
    });
    expect(write.status).toBe(403);
    const list = (await (await admin.request('GET', '/api/v1/institutions/MDT/tokens')).json()).items;
    expect(JSON.stringify(list)).not.toContain(token.token);
    expect(list.some((t: { id: number }) => t.id === token.id)).toBe(true);
    expect((await admin.request('DELETE', `/api/v1/institutions/MDT/tokens/${token.id}`)).status).toBe(204);
    const after = await fetch(`${base}/api/v1/institutions/MDT/requests`, {
      headers: { Authorization: `Bearer ${token.token}` },
    });
    expect(after.status).toBe(401);
    const past = await admin.request('POST', '/api/v1/institutions/MDT/tokens', {
      name: 'x',
      expiresAt: '2020-01-01',
    });
    expect(past.status).toBe(400);
    // Another institution's admin cannot revoke MDT's tokens.
    const mml = await as('admin@mml.demo');
    expect((await mml.request('DELETE', `/api/v1/institutions/MML/tokens/${list[0].id}`)).status).toBe(404);
  });
});

describe('the audit log', () => {
  it('holds every sign-in, failure, read of personal data and action of these tests; CSV too', async () => {
    const admin = await as('admin@mdt.demo');
    const all = (await (await admin.request('GET', '/api/v1/institutions/MDT/audit')).json()).items as {
      action: string;
      actor: string;
      ticket: string | null;
      ip: string | null;
    }[];
    const actions = new Set(all.map((e) => e.action));
    for (const action of [
      'session.sign_in',
      'session.sign_out',
      'session.sign_out_everywhere',
      'request.list',
      'request.read',
      'request.event',
      'request.assign',
      'attachment.download',
      'citizen_data.export',
      'account.update',
      'unit.create',
      'routing.update',
      'token.create',
      'token.revoke',
    ]) {
      expect(actions, action).toContain(action);
    }
    expect(all.every((e) => e.ip === '127.0.0.1')).toBe(true);
    const byTicket = (
      await (await admin.request('GET', `/api/v1/institutions/MDT/audit?ticket=${ticketB}`)).json()
    ).items as { action: string }[];
    expect(byTicket.map((e) => e.action)).toContain('request.read');
    expect(byTicket.map((e) => e.action)).toContain('request.assign');
    const mml = await as('admin@mml.demo');
    const failures = (await (await mml.request('GET', '/api/v1/institutions/MML/audit')).json()).items as {
      action: string;
    }[];
    expect(failures.filter((e) => e.action === 'session.sign_in_failed').length).toBeGreaterThanOrEqual(10);
    const actor = all.find((e) => e.actor.startsWith('account:'))?.actor as string;
    const mine = (await (await admin.request('GET', `/api/v1/institutions/MDT/audit?actor=${actor}`)).json())
      .items as { actor: string }[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((e) => e.actor === actor)).toBe(true);
    const future = await admin.request('GET', '/api/v1/institutions/MDT/audit?from=2099-01-01T00:00:00Z');
    expect((await future.json()).items).toEqual([]);
    const csv = await admin.request('GET', '/api/v1/institutions/MDT/audit?format=csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect((await csv.text()).split('\r\n')[0]).toBe('id,at,actor,action,ticket,target,ip,detail');
  });

  it('refuses to change or delete an entry', async () => {
    await expect(
      t.deps.db.writer.run('statements', [{ sql: "UPDATE audit_log SET action = 'x'" }]),
    ).rejects.toThrow(/append-only/);
    await expect(t.deps.db.writer.run('statements', [{ sql: 'DELETE FROM audit_log' }])).rejects.toThrow(
      /append-only/,
    );
  });
});
