import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { afterEach, describe, expect, it } from 'vitest';
import { valid } from '../test/fixtures/requests.ts';
import { startTestServices, TEST_NOW, tempDatabaseUrl } from '../test/support/services.ts';
import { CatalogFileError } from './catalog/file.ts';
import { runCli } from './cli.ts';

const databases: { cleanup(): void }[] = [];
afterEach(() => {
  for (const db of databases.splice(0)) db.cleanup();
});

async function cli(args: string[], env: Record<string, string>) {
  const lines: string[] = [];
  const code = await runCli(args, env, (line) => lines.push(line));
  return { code, out: lines.join('\n') };
}

describe('cli', () => {
  it('imports a catalog, creates, lists and revokes staff tokens', async () => {
    const database = tempDatabaseUrl();
    databases.push(database);
    const env = { DATABASE_URL: database.url };
    expect((await cli(['catalog', 'import', 'demo/catalogs/ec-mdt.json'], env)).out).toBe(
      'imported MDT (Ministerio del Trabajo)',
    );
    const created = await cli(['token', 'create', 'MDT', 'Mesa', 'de', 'ayuda'], env);
    const token = created.out.split('\n')[1] ?? '';
    expect(token).toMatch(/^cc_[\w-]{43}$/);
    const listed = await cli(['token', 'list', 'MDT'], env);
    expect(listed.out).toMatch(/^1\tMDT\tactive\t.+\tMesa de ayuda$/);
    expect(listed.out).not.toContain(token);
    expect((await cli(['token', 'revoke', '1'], env)).out).toBe('token 1 revoked');
    expect((await cli(['token', 'list'], env)).out).toContain('revoked');
    const exported = JSON.parse((await cli(['catalog', 'export', 'MDT'], env)).out);
    expect(exported.code).toBe('MDT');
    expect(exported.allowedOrigins).toContain('https://www.trabajo.gob.ec');
  });

  it('creates tokens with an expiry and a read-only scope, and lists both', async () => {
    const database = tempDatabaseUrl();
    databases.push(database);
    const env = { DATABASE_URL: database.url };
    const now = () => new Date('2026-11-24T15:04:05Z');
    const run = async (args: string[]) => {
      const lines: string[] = [];
      const code = await runCli(args, env, (line) => lines.push(line), { now });
      return { code, out: lines.join('\n') };
    };
    await run(['catalog', 'import', 'demo/catalogs/ec-mdt.json']);
    expect(
      (await run(['token', 'create', 'MDT', 'Auditoría', '--expires', '90d', '--read-only'])).out,
    ).toMatch(/^token 1 for MDT \(Auditoría\), read-only, expires 2027-02-22T15:04:05Z:/);
    expect((await run(['token', 'create', 'MDT', '--expires=2026-12-31', 'Mesa'])).out).toMatch(
      /read and write, expires 2027-01-01T00:00:00Z/,
    );
    await run(['token', 'create', 'MDT', 'Integración']);
    expect((await run(['token', 'list', 'MDT'])).out.split('\n')).toEqual([
      expect.stringMatching(/^1\tMDT\tactive\tread-only\texpires 2027-02-22T15:04:05Z\t.+\tAuditoría$/),
      expect.stringMatching(/^2\tMDT\tactive\tread-write\texpires 2027-01-01T00:00:00Z\t.+\tMesa$/),
      expect.stringMatching(/^3\tMDT\tactive\tread-write\tno expiry\t.+\tIntegración$/),
    ]);
    await expect(run(['token', 'create', 'MDT', 'X', '--expires', '2020-01-01'])).rejects.toThrow(
      /--expires/,
    );
    await expect(run(['token', 'create', 'MDT', 'X', '--admin'])).rejects.toThrow(/unknown option --admin/);
  });

  it('refuses a webhook whose host is not public, and loopback when not allowed', async () => {
    const database = tempDatabaseUrl();
    databases.push(database);
    const env = { DATABASE_URL: database.url };
    await cli(['catalog', 'import', 'demo/catalogs/ec-mdt.json'], env);
    await expect(cli(['webhook', 'add', 'MDT', 'https://169.254.169.254/hook'], env)).rejects.toThrow(
      /not a public address/,
    );
    await expect(
      cli(['webhook', 'add', 'MDT', 'http://127.0.0.1:9/hook'], { ...env, WEBHOOK_ALLOW_LOOPBACK: 'false' }),
    ).rejects.toThrow(/must be https/);
    expect((await cli(['webhook', 'add', 'MDT', 'http://127.0.0.1:9/hook'], env)).code).toBe(0);
  });

  it('adds, lists (never the secret) and removes webhooks, audited by the actor cli', async () => {
    const database = tempDatabaseUrl();
    databases.push(database);
    const env = { DATABASE_URL: database.url };
    await cli(['catalog', 'import', 'demo/catalogs/ec-mdt.json'], env);
    const added = await cli(['webhook', 'add', 'MDT', 'http://127.0.0.1:9/hook'], env);
    expect(added.out).toMatch(
      /^webhook 1 for MDT: http:\/\/127\.0\.0\.1:9\/hook\nsigning secret: whsec_[\w-]{43}\n/,
    );
    const secret = /signing secret: (\S+)/.exec(added.out)?.[1] ?? '';
    const listed = await cli(['webhook', 'list', 'MDT'], env);
    expect(listed.out).toBe('1\tMDT\tactive\thttp://127.0.0.1:9/hook');
    expect(listed.out).not.toContain(secret);
    expect((await cli(['webhook', 'remove', '1'], env)).out).toBe('webhook 1 removed');
    expect((await cli(['webhook', 'remove', '1'], env)).out).toBe('webhook 1 was not active');
    expect((await cli(['webhook', 'list'], env)).out).toMatch(
      /^1\tMDT\tremoved \S+\thttp:\/\/127\.0\.0\.1:9\/hook$/,
    );
    await expect(cli(['webhook', 'add', 'NOPE', 'http://127.0.0.1:9/hook'], env)).rejects.toThrow(
      'no institution with code NOPE',
    );
    const db = createClient({ url: database.url });
    try {
      const { rows } = await db.execute(
        "SELECT institution, actor, action, target FROM audit_log WHERE action LIKE 'webhook.%' ORDER BY id",
      );
      expect(rows.map((r) => ({ ...r }))).toEqual([
        { institution: 'MDT', actor: 'cli', action: 'webhook.add', target: 'webhook:1' },
        { institution: 'MDT', actor: 'cli', action: 'webhook.remove', target: 'webhook:1' },
      ]);
    } finally {
      db.close();
    }
  });

  it('refuses a token for an unknown institution', async () => {
    const database = tempDatabaseUrl();
    databases.push(database);
    await expect(
      runCli(['token', 'create', 'NOPE', 'x'], { DATABASE_URL: database.url }, () => {}),
    ).rejects.toThrow('no institution with code NOPE');
  });

  it('names the path and the problem of every error in a catalog file', async () => {
    const database = tempDatabaseUrl();
    databases.push(database);
    const file = join(database.path, '..', 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        code: 'mdt',
        name: 'X',
        country: 'AR',
        timezone: 'Mars/Olympus',
        locales: ['es'],
        allowedOrigins: ['https://example.org/'],
        privacyNotice: { url: 'https://example.org/p', version: '1' },
        requestTypes: [
          {
            code: 'QUE',
            name: { es: 'Queja', en: 'Complaint' },
            description: { es: 'x', en: 'x' },
            responseDays: 0,
            anonymousAllowed: false,
          },
        ],
        services: [
          { id: 's', name: { es: 'S', en: 'S' }, description: { es: 'x', en: 'x' }, requestTypes: ['QUE'] },
        ],
        documentTypes: [{ code: 'cedula', name: { es: 'C', en: 'C' }, format: 'ec-cedula' }],
      }),
    );
    const error = await runCli(['catalog', 'validate', file], {}, () => {}).catch((e) => e);
    expect(error).toBeInstanceOf(CatalogFileError);
    const paths = (error as CatalogFileError).problems.map((p) => p.split(':')[0]);
    expect(paths).toEqual(['code', 'country', 'timezone', 'allowedOrigins.0', 'requestTypes.0.responseDays']);
  });

  it('exports a request and a citizen, and anonymises a request with a reason', async () => {
    const t = await startTestServices();
    try {
      const env = { DATABASE_URL: `file:${t.databasePath}` };
      const now = () => new Date(TEST_NOW);
      const run = async (args: string[]) => {
        const lines: string[] = [];
        const code = await runCli(args, env, (line) => lines.push(line), { now });
        return { code, out: lines.join('\n') };
      };
      const { ticket } = await (await t.file('MDT', valid.mdtComplaint.body)).json();
      const byTicket = JSON.parse((await run(['request', 'export', ticket.toLowerCase()])).out);
      expect(byTicket.requests[0].citizen.lastName).toBe('Quispe');
      const byDocument = JSON.parse(
        (await run(['request', 'export-citizen', 'MDT', 'cedula', '1714307103'])).out,
      );
      expect(byDocument.requests.map((r: { ticket: string }) => r.ticket)).toContain(ticket);

      await expect(run(['request', 'anonymize', ticket])).rejects.toThrow('--reason');
      expect(
        await run(['request', 'anonymize', ticket, '--reason', 'Pedido del titular, LOPDP art. 15']),
      ).toEqual({
        code: 0,
        out: `${ticket} anonymised`,
      });
      const after = JSON.parse((await run(['request', 'export', ticket])).out).requests[0];
      expect(after.citizen).toBeNull();
      expect(after.events.at(-1)).toMatchObject({
        kind: 'anonymized',
        actor: 'cli',
        internalNote: 'Pedido del titular, LOPDP art. 15',
      });
      expect((await run(['request', 'anonymize', ticket, '--reason', 'again'])).code).toBe(1);
    } finally {
      await t.close();
    }
  });
});
