import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { generateSync } from 'otplib';
import pino from 'pino';
import { afterAll, expect, it } from 'vitest';
import { runCli } from '../api/cli.ts';
import { loadConfig } from '../api/config.ts';
import { createServices } from '../api/services.ts';
import { valid } from './fixtures/requests.ts';
import { freePort } from './support/ports.ts';
import { TEST_NOW, tempDatabaseUrl } from './support/services.ts';
import { type Mail, startSmtp } from './support/smtp.ts';
import { StaffBrowser } from './support/staff-browser.ts';

// Issue 19: a new database, from the CLI's first platform admin to an agent answering a request.

const database = tempDatabaseUrl();
let clock = TEST_NOW.getTime();
const now = () => new Date(clock);
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  database.cleanup();
});

function tokenIn(raw: string, page: 'invitation' | 'reset'): string {
  const match = new RegExp(`/staff/${page}#token=(?:3D)?([A-Za-z0-9_-]+)`).exec(raw);
  if (!match?.[1]) throw new Error(`no ${page} link in ${raw}`);
  return match[1];
}

/** Accepts an invitation, signs in and, when the role needs one, enrols a TOTP with a real code. */
async function join(base: string, token: string, email: string, password: string): Promise<StaffBrowser> {
  const accept = await fetch(`${base}/api/v1/invitations/accept`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token, password }),
  });
  expect(accept.status).toBe(200);
  const { totpRequired } = await accept.json();
  const browser = new StaffBrowser(base);
  const signIn = await browser.signIn(email, password);
  expect(signIn.status).toBe(200);
  expect((await signIn.json()).enrolRequired).toBe(totpRequired);
  if (totpRequired) {
    const { secret } = await (await browser.request('POST', '/api/v1/session/totp/setup')).json();
    const code = generateSync({ secret, epoch: Math.floor(clock / 1000) });
    expect((await browser.request('POST', '/api/v1/session/totp/enable', { code })).status).toBe(200);
  }
  return browser;
}

it('the CLI bootstraps a platform admin, who creates an institution and its admin, who invites an agent by mail, who signs in and answers a request', async () => {
  const smtpPort = await freePort();
  const smtp = await startSmtp(smtpPort);
  cleanups.push(() => smtp.close());
  const env = {
    DATABASE_URL: database.url,
    SEED_DEMO: 'false',
    CAPTCHA: 'off',
    RATE_LIMIT: 'off',
    LOG_LEVEL: 'silent',
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
  };
  const printed: string[] = [];
  expect(
    await runCli(
      ['account', 'bootstrap', 'raiz@plataforma.example', 'Raíz'],
      env,
      (line) => printed.push(line),
      { now },
    ),
  ).toBe(0);
  const setupLink = printed.find((line) => line.includes('/staff/invitation#token='));
  if (!setupLink) throw new Error(printed.join('\n'));
  // A second bootstrap is refused: from now on the level above invites.
  const again: string[] = [];
  await expect(
    runCli(['account', 'bootstrap', 'otra@plataforma.example'], env, (line) => again.push(line), { now }),
  ).rejects.toThrow(/already has a platform admin/);

  const services = await createServices(loadConfig(env), {
    logger: pino({ level: 'silent' }),
    now,
    outbox: 'manual',
  });
  cleanups.push(() => services.close());
  const server = serve({ fetch: services.app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const platform = await join(
    base,
    tokenIn(setupLink, 'invitation'),
    'raiz@plataforma.example',
    'clave de la raíz',
  );
  const created = await platform.request('POST', '/api/v1/platform/institutions', {
    code: 'NUEVA',
    name: 'Agencia Nueva',
    country: 'EC',
    timezone: 'America/Guayaquil',
    admin: { email: 'admin@nueva.example', name: 'Admin Nueva', locale: 'en' },
  });
  expect(created.status).toBe(201);
  const adminMail = smtp.mails.find((m: Mail) => m.to === 'admin@nueva.example');
  if (!adminMail) throw new Error('no mail to the admin');
  expect(adminMail.subject).toContain('Agencia Nueva');
  clock += 31_000;
  const admin = await join(
    base,
    tokenIn(adminMail.raw, 'invitation'),
    'admin@nueva.example',
    'clave del admin',
  );

  const unit = await (
    await admin.request('POST', '/api/v1/institutions/NUEVA/units', { name: 'Atención' })
  ).json();
  expect(
    (await admin.request('PUT', '/api/v1/institutions/NUEVA/routing', { general: unit.id })).status,
  ).toBe(200);
  const invited = await admin.request('POST', '/api/v1/institutions/NUEVA/invitations', {
    email: 'agente@nueva.example',
    name: 'Agente Nuevo',
    role: 'agent',
    units: [unit.id],
  });
  expect(invited.status).toBe(201);
  const agentMail = smtp.mails.find((m: Mail) => m.to === 'agente@nueva.example');
  if (!agentMail) throw new Error('no mail to the agent');
  const agent = await join(
    base,
    tokenIn(agentMail.raw, 'invitation'),
    'agente@nueva.example',
    'clave del agente',
  );

  const filed = await fetch(`${base}/api/v1/institutions/NUEVA/requests`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ...valid.mdtComplaint.body, service: 'general' }),
  });
  expect(filed.status).toBe(201);
  const { ticket } = await filed.json();
  const inbox = await (await agent.request('GET', '/api/v1/institutions/NUEVA/requests')).json();
  expect(inbox.items.map((r: { ticket: string }) => r.ticket)).toEqual([ticket]);
  const answered = await agent.request('POST', `/api/v1/institutions/NUEVA/requests/${ticket}/events`, {
    status: 'answered',
    note: 'Su contrato quedó registrado.',
  });
  expect(answered.status).toBe(201);
  expect((await answered.json()).actor).toMatch(/^account:\d+$/);

  const log = (await (await admin.request('GET', '/api/v1/institutions/NUEVA/audit')).json()).items as {
    action: string;
    ticket: string | null;
  }[];
  const actions = log.map((e) => e.action);
  for (const action of [
    'institution.create',
    'account.invite',
    'unit.create',
    'routing.update',
    'session.sign_in',
  ]) {
    expect(actions, action).toContain(action);
  }
  expect(log.some((e) => e.action === 'request.event' && e.ticket === ticket)).toBe(true);
  expect(log.some((e) => e.action === 'request.list')).toBe(true);
});
