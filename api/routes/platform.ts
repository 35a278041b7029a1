import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv, Deps } from '../app-env.ts';
import { readCatalogFile } from '../catalog/file.ts';
import { DEMO_CATALOGS_DIR } from '../catalog/seed-demo.ts';
import { importCatalog } from '../commands/import-catalog.ts';
import { type AccountRecord, listAccounts } from '../db/accounts.ts';
import { loadInstitution } from '../db/institutions.ts';
import { isoSeconds } from '../domain/clock.ts';
import { INVITATION_SECONDS } from '../domain/roles.ts';
import { bodyOf } from '../http/body.ts';
import { ApiError } from '../http/errors.ts';
import { jsonBody } from '../middleware/json-body/index.ts';
import { setHeader } from '../middleware/response-headers/index.ts';
import { newLinkToken, sessionAuth } from '../middleware/session/index.ts';
import { invitationMail } from '../outbox/account-mail.ts';
import { type CatalogFile, CatalogFileSchema } from '../schema/catalog.ts';
import { translateIssues } from '../schema/messages.ts';
import { PlatformInstitutionSchema, PlatformInvitationSchema } from '../schema/people.ts';

/**
 * A new institution's first catalog: the request types and document types of a demo institution
 * of its country (each country's law sets them, CONTRACT §4) and one general service, so it can
 * take requests at once; its admin then loads its own services.
 */
function minimalCatalog(
  input: v.InferOutput<typeof PlatformInstitutionSchema>,
  publicUrl: string,
): CatalogFile {
  const template = readdirSync(DEMO_CATALOGS_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => readCatalogFile(join(DEMO_CATALOGS_DIR, f)))
    .find((catalog) => catalog.country === input.country);
  if (!template)
    throw new ApiError('validation_failed', { issues: [{ path: 'country', message: input.country }] });
  const candidate = {
    code: input.code,
    name: input.name,
    country: input.country,
    timezone: input.timezone,
    locales: ['es', 'en'],
    allowedOrigins: [...new Set([new URL(publicUrl).origin, ...input.allowedOrigins])],
    otherServiceId: 'general',
    privacyNotice: template.privacyNotice,
    requestTypes: template.requestTypes,
    services: [
      {
        id: 'general',
        name: { es: 'Atención general', en: 'General enquiries' },
        description: {
          es: 'Cualquier trámite o servicio de la institución.',
          en: 'Any procedure or service of the institution.',
        },
        requestTypes: template.requestTypes.map((t) => t.code),
      },
    ],
    documentTypes: template.documentTypes,
  };
  const parsed = v.safeParse(CatalogFileSchema, candidate);
  if (!parsed.success)
    throw new ApiError('validation_failed', { issues: translateIssues(parsed.issues, 'en') });
  return parsed.output;
}

function accountSummary(a: AccountRecord) {
  return {
    id: a.id,
    email: a.email,
    name: a.name,
    role: a.role,
    totpEnabled: a.totpSecret !== null,
    invited: a.passwordHash === null,
    disabled: a.disabledAt !== null,
    createdAt: a.createdAt,
  };
}

/** The platform's own administration (CONTRACT §7 platform_admin): institutions and their first admin. */
export function platformRoutes(deps: Deps) {
  const { db, now, config, audit, mailer, catalogs } = deps;
  const signedIn = sessionAuth(deps);
  const auth: typeof signedIn = (c, next) =>
    signedIn(c, async () => {
      if (c.get('account').role !== 'platform_admin') throw new ApiError('forbidden');
      await next();
    });
  return new Hono<AppEnv>()
    .get('/institutions', auth, async (c) => {
      setHeader(c, 'Cache-Control', 'no-store');
      const { rows } = await db.read.execute(
        `SELECT i.code, i.name, i.country, (SELECT COUNT(*) FROM accounts a WHERE a.institution = i.code) AS accounts
         FROM institutions i ORDER BY i.code`,
      );
      return c.json({
        items: rows.map((r) => ({
          code: String(r.code),
          name: String(r.name),
          country: String(r.country),
          accounts: Number(r.accounts),
        })),
      });
    })
    .get('/accounts', auth, async (c) => {
      setHeader(c, 'Cache-Control', 'no-store');
      return c.json({ items: (await listAccounts(db.read, null)).map(accountSummary) });
    })
    .post('/invitations', auth, jsonBody(), async (c) => {
      const actor = c.get('account');
      const input = bodyOf(c, PlatformInvitationSchema);
      if (!mailer.configured) throw new ApiError('mail_unavailable');
      const at = now();
      const link = newLinkToken();
      const outcome = await db.writer.run('createAccount', {
        institution: null,
        email: input.email,
        name: input.name,
        role: 'platform_admin',
        locale: input.locale,
        units: [],
        at: isoSeconds(at),
        link: {
          tokenHash: link.hash,
          expiresAt: isoSeconds(new Date(at.getTime() + INVITATION_SECONDS * 1000)),
        },
      });
      if (!('id' in outcome)) throw new ApiError('email_taken');
      const url = new URL(`/staff/invitation#token=${link.token}`, config.publicUrl).toString();
      await mailer.send({
        ...invitationMail(input.locale, input.name, url, 'Contacto Ciudadano'),
        to: input.email.toLowerCase(),
      });
      await audit.record({
        at: isoSeconds(at),
        institution: null,
        actor: `account:${actor.id}`,
        action: 'account.invite',
        target: `account:${outcome.id}`,
        ip: c.get('clientIp'),
        detail: { role: 'platform_admin' },
      });
      return c.json({ id: outcome.id, email: input.email.toLowerCase(), role: 'platform_admin' }, 201);
    })
    .post('/institutions', auth, jsonBody(), async (c) => {
      const actor = c.get('account');
      const input = bodyOf(c, PlatformInstitutionSchema);
      if (!mailer.configured) throw new ApiError('mail_unavailable');
      if (await loadInstitution(db.read, input.code)) {
        throw new ApiError('validation_failed', { issues: [{ path: 'code', message: 'exists' }] });
      }
      const catalog = minimalCatalog(input, config.publicUrl);
      const at = now();
      await importCatalog(db, catalog, at);
      catalogs.clear();
      const link = newLinkToken();
      const outcome = await db.writer.run('createAccount', {
        institution: input.code,
        email: input.admin.email,
        name: input.admin.name,
        role: 'institution_admin',
        locale: input.admin.locale,
        units: [],
        at: isoSeconds(at),
        link: {
          tokenHash: link.hash,
          expiresAt: isoSeconds(new Date(at.getTime() + INVITATION_SECONDS * 1000)),
        },
      });
      if ('emailTaken' in outcome) throw new ApiError('email_taken');
      if (!('id' in outcome)) throw new ApiError('validation_failed');
      const url = new URL(`/staff/invitation#token=${link.token}`, config.publicUrl).toString();
      await mailer.send({
        ...invitationMail(input.admin.locale, input.admin.name, url, input.name),
        to: input.admin.email.toLowerCase(),
      });
      const entry = {
        at: isoSeconds(at),
        actor: `account:${actor.id}`,
        ip: c.get('clientIp'),
      };
      await audit.record({
        ...entry,
        institution: input.code,
        action: 'institution.create',
        detail: { code: input.code },
      });
      await audit.record({
        ...entry,
        institution: input.code,
        action: 'account.invite',
        target: `account:${outcome.id}`,
        detail: { role: 'institution_admin' },
      });
      return c.json(
        {
          code: input.code,
          name: input.name,
          admin: { id: outcome.id, email: input.admin.email.toLowerCase() },
        },
        201,
      );
    });
}
