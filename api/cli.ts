import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import * as v from 'valibot';
import { CatalogFileError, readCatalogFile } from './catalog/file.ts';
import { seedDemoCatalogs } from './catalog/seed-demo.ts';
import { bootstrapPlatformAdmin } from './commands/bootstrap.ts';
import { importCatalog } from './commands/import-catalog.ts';
import type { Commands } from './commands/index.ts';
import { migrate } from './commands/migrate.ts';
import { rotateSecrets } from './commands/rotate-secrets.ts';
import { appCommands } from './commands/runner.ts';
import { createStaffToken, revokeStaffToken } from './commands/staff-tokens.ts';
import { ConfigError, loadConfig } from './config.ts';
import { citizenDataExport } from './db/citizen-data.ts';
import { openDatabase } from './db/database.ts';
import { loadInstitution } from './db/institutions.ts';
import { listOutbox } from './db/outbox.ts';
import { findRequestByTicket, listRequestsOfCitizen, type RequestRecord } from './db/requests.ts';
import { listStaffTokens } from './db/staff-tokens.ts';
import { listWebhooks } from './db/webhooks.ts';
import { localDate } from './domain/business-days.ts';
import { type Clock, isoSeconds, systemClock } from './domain/clock.ts';
import { createSecretBox } from './domain/secret-box.ts';
import { parseTokenExpiry } from './domain/token-expiry.ts';
import { registerWebhook } from './outbox/webhooks.ts';
import { AnonymizationSchema, CitizenDataQuerySchema } from './schema/data-rights.ts';
import type { CitizenDataExport } from './schema/responses.ts';

const USAGE = `Contacto Ciudadano CLI  (npm run cli -- <command>)

  migrate                            apply pending database migrations
  seed-demo                          import the demo catalogs if the database has no institution
  catalog validate FILE...           check catalog files without touching the database
  catalog import FILE...             validate and import (or update) institutions' catalogs
  catalog export CODE                print an institution's catalog as a catalog file
  account bootstrap EMAIL [NAME]     on a database without a platform admin, create the first
                                     one and print a one-time setup link (7 days) to choose a
                                     password; a second factor is enrolled at first sign-in
  token create CODE NAME [--expires 90d|YYYY-MM-DD] [--read-only]
                                     create a staff token for institution CODE (shown once),
                                     valid for a number of days or through a date (UTC), for
                                     reads only with --read-only
  token list [CODE]                  list staff tokens with expiry and scope (never the secrets)
  token revoke ID                    revoke a staff token
  webhook add CODE URL               register a webhook for institution CODE (HTTPS; prints its
                                     signing secret once)
  webhook list [CODE]                list webhooks (never the secrets)
  webhook remove ID                  stop delivering to a webhook
  request export TICKET               print everything held about a request's citizen (JSON)
  request export-citizen CODE DOCTYPE NUMBER
                                     the same for every request of one identity document at CODE
  request anonymize TICKET --reason "…"
                                     erase a request's personal data (names, document, contacts,
                                     texts, notes, outbox payloads); keeps ticket and statistics
  outbox list [pending|sent|dead]    list outbox messages (default: dead letters)
  outbox retry ID|all                put a dead letter (or all of them) back in the queue
  secrets rotate                     seal every stored secret again with SECRET_KEY (after a key
                                     change, with the old key in SECRET_KEY_PREVIOUS)
  captcha-token [BASE_URL]           fetch an ALTCHA challenge from a running server, solve it and
                                     print the token to send as "captcha" (for curl; default
                                     http://127.0.0.1:8787)

Uses DATABASE_URL, DATABASE_AUTH_TOKEN and SECRET_KEY like the server.`;

class UsageError extends Error {}

/** Changes made with the CLI go to the audit log too, by the actor `cli` (docs/decisions/056). */
function cliAudit(
  db: ReturnType<typeof openDatabase<Commands>>,
  at: Date,
  institution: string | null,
  action: string,
  more: { target?: string; detail?: Record<string, unknown> } = {},
) {
  return db.writer.run('appendAudit', [{ at: isoSeconds(at), institution, actor: 'cli', action, ...more }]);
}

/** What the widget does in the browser, for people trying the API with curl. */
async function solveRemoteChallenge(baseUrl: string): Promise<string> {
  const response = await fetch(new URL('/api/v1/captcha/challenge', baseUrl));
  if (!response.ok)
    throw new UsageError(`${baseUrl} gave no ALTCHA challenge (HTTP ${response.status}); is CAPTCHA=altcha?`);
  const challenge = await response.json();
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('the challenge could not be solved in time');
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

/**
 * Runs one CLI command; returns the process exit code. Output goes through `print`. The clock is
 * the server's (domain/clock.ts): a test that runs the server on a fixed clock runs the CLI on it too.
 */
export async function runCli(
  args: string[],
  env: Record<string, string | undefined> = process.env,
  print: (line: string) => void = (line) => console.log(line),
  { now = systemClock }: { now?: Clock } = {},
): Promise<number> {
  const [command, sub, ...rest] = args;
  if (!command || command === 'help' || command === '--help') {
    print(USAGE);
    return command ? 0 : 2;
  }
  if (command === 'catalog' && sub === 'validate') {
    if (rest.length === 0) throw new UsageError('catalog validate needs at least one FILE');
    for (const file of rest) {
      const catalog = readCatalogFile(file);
      print(
        `${file}: valid (${catalog.code}, ${catalog.services.length} services, ${catalog.requestTypes.length} request types)`,
      );
    }
    return 0;
  }
  if (command === 'captcha-token') {
    print(await solveRemoteChallenge(sub ?? 'http://127.0.0.1:8787'));
    return 0;
  }
  const config = loadConfig({ ...env, SEED_DEMO: 'false' });
  const secrets = createSecretBox(config.secretKey, config.secretKeyPrevious);
  const db = openDatabase(
    {
      url: config.databaseUrl,
      ...(config.databaseAuthToken ? { authToken: config.databaseAuthToken } : {}),
    },
    appCommands,
  );
  try {
    const applied = await migrate(db, now);
    if (command === 'migrate') {
      print(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
      return 0;
    }
    if (command === 'seed-demo') {
      const seeded = await seedDemoCatalogs(db, now);
      print(
        seeded.length
          ? `seeded: ${seeded.join(', ')}`
          : 'the database already has institutions; nothing seeded',
      );
      return 0;
    }
    if (command === 'catalog' && sub === 'import') {
      if (rest.length === 0) throw new UsageError('catalog import needs at least one FILE');
      // Validate every file before importing any, so a typo in the third file leaves nothing half-done.
      const catalogs = rest.map((file) => readCatalogFile(file));
      for (const catalog of catalogs) {
        await importCatalog(db, catalog, now());
        await cliAudit(db, now(), catalog.code, 'catalog.import');
        print(`imported ${catalog.code} (${catalog.name})`);
      }
      return 0;
    }
    if (command === 'catalog' && sub === 'export') {
      const code = rest[0];
      if (!code) throw new UsageError('catalog export needs a CODE');
      const institution = await loadInstitution(db.read, code);
      if (!institution) throw new UsageError(`no institution with code ${code}`);
      // The private fields are kept out of the public catalog record; read them here.
      const extra = (
        await db.read.execute({
          sql: 'SELECT notification_email, status_page_url FROM institutions WHERE code = ?',
          args: [code],
        })
      ).rows[0];
      const notificationEmail = extra?.notification_email;
      const statusPageUrl = extra?.status_page_url;
      print(
        JSON.stringify(
          {
            ...institution.catalog,
            ...(typeof notificationEmail === 'string' ? { notificationEmail } : {}),
            ...(typeof statusPageUrl === 'string' ? { statusPageUrl } : {}),
          },
          null,
          2,
        ),
      );
      return 0;
    }
    if (command === 'account' && sub === 'bootstrap') {
      const [email, ...name] = rest;
      if (!email?.includes('@')) throw new UsageError('account bootstrap needs an EMAIL');
      const link = await bootstrapPlatformAdmin(db, email, name.join(' ') || email, now());
      if (!link) throw new UsageError('the database already has a platform admin: they invite the others');
      print(`platform admin ${email.toLowerCase()} created; setup link (works once, for 7 days):`);
      print(new URL(`/staff/invitation#token=${link}`, config.publicUrl).toString());
      return 0;
    }
    if (command === 'token' && sub === 'create') {
      const words: string[] = [];
      let expiresAt: string | null = null;
      let readOnly = false;
      for (let i = 0; i < rest.length; i++) {
        const word = rest[i] as string;
        if (word === '--read-only') readOnly = true;
        else if (word === '--expires' || word.startsWith('--expires=')) {
          const value = word === '--expires' ? rest[++i] : word.slice('--expires='.length);
          expiresAt = value ? parseTokenExpiry(value, now()) : null;
          if (!expiresAt)
            throw new UsageError(`--expires takes a number of days (90d) or a future date (YYYY-MM-DD)`);
        } else if (word.startsWith('--')) throw new UsageError(`token create: unknown option ${word}`);
        else words.push(word);
      }
      const [code, ...nameParts] = words;
      const name = nameParts.join(' ').trim();
      if (!code || !name) throw new UsageError('token create needs CODE and NAME');
      if (!(await loadInstitution(db.read, code))) throw new UsageError(`no institution with code ${code}`);
      const { id, token } = await createStaffToken(db, code, name, now(), { expiresAt, readOnly });
      await cliAudit(db, now(), code, 'token.create', {
        target: `token:${id}`,
        detail: { name, readOnly, expiresAt },
      });
      print(
        `token ${id} for ${code} (${name}), ${readOnly ? 'read-only' : 'read and write'}, ${expiresAt ? `expires ${expiresAt}` : 'no expiry'}:`,
      );
      print(token);
      print('Store it now: it is not shown again (only its hash is kept).');
      return 0;
    }
    if (command === 'token' && sub === 'list') {
      const tokens = await listStaffTokens(db.read, rest[0]);
      if (tokens.length === 0) print('no tokens');
      const at = isoSeconds(now());
      for (const t of tokens) {
        const state = t.revokedAt
          ? `revoked ${t.revokedAt}`
          : t.expiresAt && t.expiresAt <= at
            ? `expired ${t.expiresAt}`
            : 'active';
        print(
          [
            t.id,
            t.institution,
            state,
            t.readOnly ? 'read-only' : 'read-write',
            t.expiresAt ? `expires ${t.expiresAt}` : 'no expiry',
            t.createdAt,
            t.name,
          ].join('\t'),
        );
      }
      return 0;
    }
    if (command === 'token' && sub === 'revoke') {
      const id = Number(rest[0]);
      if (!Number.isInteger(id)) throw new UsageError('token revoke needs a numeric ID');
      const revoked = await revokeStaffToken(db, id, now());
      if (revoked) {
        const institution = (await listStaffTokens(db.read)).find((t) => t.id === id)?.institution ?? null;
        await cliAudit(db, now(), institution, 'token.revoke', { target: `token:${id}` });
      }
      print(revoked ? `token ${id} revoked` : `token ${id} was not active`);
      return 0;
    }
    if (command === 'webhook' && sub === 'add') {
      const [code, url] = rest;
      if (!code || !url) throw new UsageError('webhook add needs CODE and URL');
      if (!(await loadInstitution(db.read, code))) throw new UsageError(`no institution with code ${code}`);
      // The rule of the admin's screen too (outbox/webhooks.ts): where the host resolves now, no
      // private, link-local or (in production) loopback address; the secret sealed at rest.
      const outcome = await registerWebhook(db, secrets, {
        institution: code,
        url,
        at: isoSeconds(now()),
        allowLoopback: config.webhookAllowLoopback,
        actor: 'cli',
      });
      if ('refused' in outcome) throw new UsageError(`${url}: ${outcome.refused.message}`);
      if ('unknownInstitution' in outcome) throw new UsageError(`no institution with code ${code}`);
      print(`webhook ${outcome.id} for ${code}: ${url}`);
      print(`signing secret: ${outcome.secret}`);
      print('Store it now: it is not shown again. Verify X-Contacto-Signature with it (see the README).');
      return 0;
    }
    if (command === 'webhook' && sub === 'list') {
      const webhooks = await listWebhooks(db.read, rest[0]);
      if (webhooks.length === 0) print('no webhooks');
      for (const w of webhooks) {
        print(`${w.id}\t${w.institution}\t${w.revokedAt ? `removed ${w.revokedAt}` : 'active'}\t${w.url}`);
      }
      return 0;
    }
    if (command === 'webhook' && sub === 'remove') {
      const id = Number(rest[0]);
      if (!Number.isInteger(id)) throw new UsageError('webhook remove needs a numeric ID');
      const outcome = await db.writer.run('revokeWebhook', {
        id,
        institution: null,
        at: isoSeconds(now()),
        actor: 'cli',
      });
      print('revoked' in outcome ? `webhook ${id} removed` : `webhook ${id} was not active`);
      return 0;
    }
    if (command === 'request' && (sub === 'export' || sub === 'export-citizen')) {
      let requests: RequestRecord[];
      let key: CitizenDataExport['key'];
      let code: string;
      if (sub === 'export') {
        const ticket = rest[0]?.toUpperCase();
        if (!ticket || rest.length !== 1) throw new UsageError('request export needs one TICKET');
        const request = await findRequestByTicket(db.read, ticket);
        if (!request) throw new UsageError(`no request ${ticket}`);
        requests = [request];
        key = { ticket };
        code = request.institution;
      } else {
        const parsed = v.safeParse(CitizenDataQuerySchema, {
          documentType: rest[1],
          documentNumber: rest[2],
        });
        if (!rest[0] || !parsed.success) {
          throw new UsageError('request export-citizen needs CODE, DOCTYPE and NUMBER');
        }
        code = rest[0];
        key = parsed.output;
        requests = await listRequestsOfCitizen(db.read, code, key.documentType, key.documentNumber);
      }
      const institution = await loadInstitution(db.read, code);
      if (!institution) throw new UsageError(`no institution with code ${code}`);
      const exported = await citizenDataExport(db.read, requests, {
        institution: code,
        key,
        today: localDate(now(), institution.catalog.timezone),
        generatedAt: isoSeconds(now()),
      });
      print(JSON.stringify(exported, null, 2));
      return 0;
    }
    if (command === 'request' && sub === 'anonymize') {
      const reasonAt = rest.indexOf('--reason');
      const ticket = rest[0]?.toUpperCase();
      const parsed = v.safeParse(AnonymizationSchema, {
        reason: reasonAt > 0 ? rest[reasonAt + 1] : undefined,
      });
      if (!ticket || ticket.startsWith('--') || !parsed.success) {
        throw new UsageError('request anonymize needs a TICKET and --reason "…"');
      }
      const request = await findRequestByTicket(db.read, ticket);
      if (!request) throw new UsageError(`no request ${ticket}`);
      const outcome = await db.writer.run('anonymizeRequest', {
        institution: request.institution,
        ticket,
        reason: parsed.output.reason,
        actor: 'cli',
        at: isoSeconds(now()),
      });
      if ('alreadyAnonymized' in outcome) {
        print(`${ticket} was already anonymised on ${outcome.alreadyAnonymized.anonymizedAt}`);
        return 1;
      }
      if ('notFound' in outcome) throw new UsageError(`no request ${ticket}`);
      const checkpointed = await db.checkpoint();
      print(
        `${ticket} anonymised${checkpointed ? '' : ' (the WAL is busy: the server truncates it within the hour)'}`,
      );
      return 0;
    }
    if (command === 'outbox' && sub === 'list') {
      const status = (rest[0] ?? 'dead') as 'pending' | 'sent' | 'dead';
      if (!['pending', 'sent', 'dead'].includes(status))
        throw new UsageError('outbox list takes pending, sent or dead');
      const messages = await listOutbox(db.read, status);
      if (messages.length === 0) print(`no ${status} messages`);
      for (const m of messages) {
        print(
          `${m.id}\t${m.ticket}\t${m.kind}\t${m.channel}:${m.destination}\tattempts ${m.attempts}\t${m.lastError ?? ''}`,
        );
      }
      return 0;
    }
    if (command === 'outbox' && sub === 'retry') {
      const target = rest[0];
      if (!target || (target !== 'all' && !/^\d+$/.test(target)))
        throw new UsageError('outbox retry needs an ID or "all"');
      const [result] = await db.writer.run('statements', [
        {
          sql: `UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?, last_error = NULL
                WHERE status = 'dead' AND (? = 'all' OR id = ?)`,
          args: [isoSeconds(now()), target, target === 'all' ? -1 : Number(target)],
        },
      ]);
      print(`${result?.rowsAffected ?? 0} message(s) queued again`);
      return 0;
    }
    if (command === 'secrets' && sub === 'rotate') {
      const counts = await rotateSecrets(db, secrets);
      print(
        `sealed again with SECRET_KEY: ${counts.settings} setting(s), ${counts.webhooks} webhook secret(s), ` +
          `${counts.idempotency} idempotency replay(s), ${counts.outbox} outbox message(s), ` +
          `${counts.requests} request(s)' rating-link code(s); ` +
          `tracking codes erased from ${counts.erased} sent or dead message(s)`,
      );
      if (config.secretKeyPrevious.length)
        print('Once every server runs with the new SECRET_KEY, SECRET_KEY_PREVIOUS can be removed.');
      return 0;
    }
    throw new UsageError(`unknown command: ${args.join(' ')}`);
  } finally {
    await db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      if (error instanceof UsageError) {
        console.error(`${error.message}\n\n${USAGE}`);
        process.exit(2);
      }
      if (error instanceof CatalogFileError || error instanceof ConfigError) {
        console.error(error.message);
        process.exit(1);
      }
      console.error(error);
      process.exit(1);
    },
  );
}
