import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDatabaseUrl } from '../test/support/services.ts';
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
});
