import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import pino from 'pino';
import { createStaffToken } from '../../api/commands/staff-tokens.ts';
import { type Config, loadConfig } from '../../api/config.ts';
import { createServices, type ServiceOptions } from '../../api/services.ts';

export const DEMO_ORIGIN = 'http://127.0.0.1:8787';

/** Tests run on a fixed clock, so years, due dates and overdue flags are the same on any day. */
export const TEST_NOW = new Date('2026-11-24T15:04:05Z');

export function tempDatabaseUrl(): { url: string; path: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'cc-test-'));
  const path = join(dir, 'contacto.db');
  return { url: `file:${path}`, path, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A real app over a real libSQL file in a temporary folder, seeded with the demo catalogs.
 * Captcha is off unless the test asks for one; rate limits are off unless asked for.
 */
export async function startTestServices(env: Record<string, string> = {}, options: ServiceOptions = {}) {
  const database = tempDatabaseUrl();
  const config: Config = loadConfig({
    DATABASE_URL: database.url,
    CAPTCHA: 'off',
    RATE_LIMIT: 'off',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const services = await createServices(config, {
    logger: pino({ level: 'silent' }),
    altcha: { cost: 1, counter: [5, 20] },
    now: () => new Date(TEST_NOW),
    outbox: 'manual',
    ...options,
  });
  const { app } = services;
  return {
    ...services,
    config,
    databasePath: database.path,
    /** POSTs JSON as a browser on the demo site would. */
    file(code: string, body: unknown, headers: Record<string, string> = {}) {
      return app.request(`/api/v1/institutions/${code}/requests`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    },
    lookup(ticket: string, code: string, headers: Record<string, string> = {}) {
      return app.request(`/api/v1/requests/${ticket}`, { headers: { 'X-Tracking-Code': code, ...headers } });
    },
    async staffToken(institution: string) {
      return (
        await createStaffToken(services.deps.db, institution, `test ${institution}`, services.deps.now())
      ).token;
    },
    async close() {
      await services.close();
      database.cleanup();
    },
  };
}
export type TestServices = Awaited<ReturnType<typeof startTestServices>>;

/** Solves an ALTCHA challenge from the app the way the widget will, and returns the token to send. */
export async function solveAltcha(app: {
  request(path: string): Response | Promise<Response>;
}): Promise<string> {
  const challenge = await (await app.request('/api/v1/captcha/challenge')).json();
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('could not solve the ALTCHA challenge');
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}
