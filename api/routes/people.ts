import { type Context, Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv, Deps } from '../app-env.ts';
import { createStaffToken, revokeStaffToken } from '../commands/staff-tokens.ts';
import { type AccountRecord, listAccounts, listAudit, listRoutes, listUnits } from '../db/accounts.ts';
import { loadInstitution } from '../db/institutions.ts';
import { listStaffTokens } from '../db/staff-tokens.ts';
import { isoSeconds } from '../domain/clock.ts';
import { canAssign, canManage, canReadAudit, INVITATION_SECONDS } from '../domain/roles.ts';
import { bodyOf } from '../http/body.ts';
import { ApiError } from '../http/errors.ts';
import { staffAudit, staffAuditEntry } from '../http/staff-audit.ts';
import { jsonBody } from '../middleware/json-body/index.ts';
import { setHeader } from '../middleware/response-headers/index.ts';
import { newLinkToken } from '../middleware/session/index.ts';
import { findVisibleRequest, staffAuth } from '../middleware/staff-auth/index.ts';
import { invitationMail } from '../outbox/account-mail.ts';
import { csvCell } from '../reports/csv.ts';
import { issueMessage, translateIssues } from '../schema/messages.ts';
import {
  AccountPatchSchema,
  AssignmentSchema,
  AuditQuerySchema,
  InvitationSchema,
  RoutingSchema,
  TokenSchema,
  UnitPatchSchema,
  UnitSchema,
} from '../schema/people.ts';

export function accountView(a: AccountRecord) {
  return {
    id: a.id,
    email: a.email,
    name: a.name,
    role: a.role,
    institution: a.institution,
    units: a.units,
    locale: a.locale,
    totpEnabled: a.totpSecret !== null,
    invited: a.passwordHash === null,
    disabled: a.disabledAt !== null,
    createdAt: a.createdAt,
  };
}

/**
 * The people of an institution: accounts and invitations, units, routing, assignment, staff
 * tokens and the audit log (CONTRACT §7, docs/decisions/054–056). Every route goes through
 * staffAuth (session or token); who may do what is asked of domain/roles.ts.
 */
export function peopleRoutes(deps: Deps) {
  const { db, now, config, audit, mailer } = deps;
  const auth = staffAuth(db, now, config.publicUrl);
  const manage = auth; // the role check follows in each handler, after the institution's
  function requireManage(c: { get(key: 'staff'): AppEnv['Variables']['staff'] }) {
    if (!canManage(c.get('staff'))) throw new ApiError('forbidden');
  }
  const audited = staffAudit(audit, now);

  const invite = async (c: Context<AppEnv>) => {
    requireManage(c);
    const code = c.req.param('code') as string; // both routes have :code
    const input = bodyOf(c, InvitationSchema);
    if (!mailer.configured) throw new ApiError('mail_unavailable');
    const institution = await loadInstitution(db.read, code);
    const at = now();
    const link = newLinkToken();
    const outcome = await db.writer.run('createAccount', {
      institution: code,
      email: input.email,
      name: input.name,
      role: input.role,
      locale: input.locale,
      units: input.units,
      at: isoSeconds(at),
      link: {
        tokenHash: link.hash,
        expiresAt: isoSeconds(new Date(at.getTime() + INVITATION_SECONDS * 1000)),
      },
    });
    let accountId: number;
    if ('emailTaken' in outcome) {
      // Inviting again someone who never accepted sends a new link (the mail may have been lost).
      const pending = (await listAccounts(db.read, code)).find(
        (a) => a.email === input.email.toLowerCase() && a.passwordHash === null && !a.disabledAt,
      );
      if (!pending) throw new ApiError('email_taken');
      await db.writer.run('createLink', {
        accountId: pending.id,
        purpose: 'invitation',
        tokenHash: link.hash,
        at: isoSeconds(at),
        expiresAt: isoSeconds(new Date(at.getTime() + INVITATION_SECONDS * 1000)),
      });
      accountId = pending.id;
    } else if ('unknownUnit' in outcome) {
      throw new ApiError('unit_not_found', { params: { id: outcome.unknownUnit } });
    } else {
      accountId = outcome.id;
    }
    const url = new URL(`/staff/invitation#token=${link.token}`, config.publicUrl).toString();
    try {
      await mailer.send({
        ...invitationMail(input.locale, input.name, url, institution?.catalog.name ?? code),
        to: input.email.toLowerCase(),
      });
    } catch (err) {
      c.get('logger').warn({ err: String(err) }, 'invitation mail failed');
      throw new ApiError('mail_unavailable');
    }
    await audited(c, code, 'account.invite', {
      target: `account:${accountId}`,
      detail: { role: input.role, units: input.units },
    });
    return c.json(
      { id: accountId, email: input.email.toLowerCase(), role: input.role, units: input.units },
      201,
    );
  };

  return (
    new Hono<AppEnv>()
      .get('/:code/accounts', manage, async (c) => {
        requireManage(c);
        setHeader(c, 'Cache-Control', 'no-store');
        return c.json({ items: (await listAccounts(db.read, c.req.param('code'))).map(accountView) });
      })
      .post('/:code/invitations', manage, jsonBody(), invite)
      // The same: an account is created by inviting its person (there are no passwords set by others).
      .post('/:code/accounts', manage, jsonBody(), invite)
      .patch('/:code/accounts/:id', manage, jsonBody(), async (c) => {
        requireManage(c);
        const code = c.req.param('code');
        const input = bodyOf(c, AccountPatchSchema);
        const id = Number(c.req.param('id'));
        if (!Number.isInteger(id)) throw new ApiError('account_not_found');
        const outcome = await db.writer.run('updateAccount', {
          institution: code,
          id,
          ...input,
          at: isoSeconds(now()),
        });
        if ('notFound' in outcome) throw new ApiError('account_not_found');
        if ('unknownUnit' in outcome)
          throw new ApiError('unit_not_found', { params: { id: outcome.unknownUnit } });
        await audited(c, code, 'account.update', { target: `account:${id}`, detail: input });
        const account = (await listAccounts(db.read, code)).find((a) => a.id === id);
        return c.json(account ? accountView(account) : null);
      })
      .get('/:code/units', auth, async (c) => {
        setHeader(c, 'Cache-Control', 'no-store');
        return c.json({ items: await listUnits(db.read, c.req.param('code')) });
      })
      .post('/:code/units', manage, jsonBody(), async (c) => {
        requireManage(c);
        const code = c.req.param('code');
        const input = bodyOf(c, UnitSchema);
        const outcome = await db.writer.run('createUnit', {
          institution: code,
          name: input.name,
          parentId: input.parentId ?? null,
          at: isoSeconds(now()),
        });
        if ('unknownParent' in outcome)
          throw new ApiError('unit_not_found', { params: { id: input.parentId ?? '' } });
        await audited(c, code, 'unit.create', { target: `unit:${outcome.id}`, detail: input });
        return c.json({ id: outcome.id, name: input.name, parentId: input.parentId ?? null }, 201);
      })
      .patch('/:code/units/:id', manage, jsonBody(), async (c) => {
        requireManage(c);
        const code = c.req.param('code');
        const input = bodyOf(c, UnitPatchSchema);
        const id = Number(c.req.param('id'));
        const outcome = await db.writer.run('updateUnit', { institution: code, id, ...input });
        if ('notFound' in outcome) throw new ApiError('unit_not_found', { params: { id } });
        if ('unknownParent' in outcome)
          throw new ApiError('unit_not_found', { params: { id: input.parentId ?? '' } });
        if ('cycle' in outcome) throw new ApiError('unit_cycle');
        await audited(c, code, 'unit.update', { target: `unit:${id}`, detail: input });
        return c.json((await listUnits(db.read, code)).find((u) => u.id === id));
      })
      .get('/:code/routing', auth, async (c) => {
        setHeader(c, 'Cache-Control', 'no-store');
        return c.json(await listRoutes(db.read, c.req.param('code')));
      })
      .put('/:code/routing', manage, jsonBody(), async (c) => {
        requireManage(c);
        const code = c.req.param('code');
        const routes = bodyOf(c, RoutingSchema);
        const outcome = await db.writer.run('setRouting', { institution: code, routes });
        if ('unknownService' in outcome)
          throw new ApiError('service_not_found', { params: { id: outcome.unknownService } });
        if ('unknownUnit' in outcome)
          throw new ApiError('unit_not_found', { params: { id: outcome.unknownUnit } });
        await audited(c, code, 'routing.update', { detail: routes });
        return c.json(await listRoutes(db.read, code));
      })
      .post('/:code/requests/:ticket/assignment', auth, jsonBody(), async (c) => {
        if (!canAssign(c.get('staff'))) throw new ApiError('forbidden');
        const code = c.req.param('code');
        const request = await findVisibleRequest(c, db.read, c.req.param('ticket'));
        const input = bodyOf(c, AssignmentSchema);
        const outcome = await db.writer.run('assignRequest', {
          institution: code,
          ticket: request.ticket,
          ...input,
          at: isoSeconds(now()),
          audit: staffAuditEntry(c, now, code, 'request.assign', { ticket: request.ticket }),
        });
        if ('notFound' in outcome) throw new ApiError('request_not_found');
        if ('unknownUnit' in outcome)
          throw new ApiError('unit_not_found', { params: { id: input.unitId ?? '' } });
        if ('unknownAccount' in outcome) throw new ApiError('account_not_found');
        return c.json({ ticket: request.ticket, ...outcome.assigned });
      })
      .get('/:code/tokens', manage, async (c) => {
        requireManage(c);
        setHeader(c, 'Cache-Control', 'no-store');
        const tokens = await listStaffTokens(db.read, c.req.param('code'));
        return c.json({
          items: tokens.map((t) => ({
            id: t.id,
            name: t.name,
            createdAt: t.createdAt,
            expiresAt: t.expiresAt,
            revokedAt: t.revokedAt,
            readOnly: t.readOnly,
          })),
        });
      })
      .post('/:code/tokens', manage, jsonBody(), async (c) => {
        requireManage(c);
        const code = c.req.param('code');
        const input = bodyOf(c, TokenSchema);
        const at = now();
        const expiresAt = input.expiresAt
          ? isoSeconds(new Date(Date.parse(`${input.expiresAt}T00:00:00Z`) + 86_400_000))
          : null;
        if (expiresAt && expiresAt <= isoSeconds(at)) {
          // A token that expires before it is made is a mistake, not a token.
          throw new ApiError('validation_failed', {
            issues: [{ path: 'expiresAt', message: issueMessage(c.get('locale'), 'invalid_date') }],
          });
        }
        const created = await createStaffToken(db, code, input.name, at, {
          expiresAt,
          readOnly: input.readOnly,
        });
        await audited(c, code, 'token.create', {
          target: `token:${created.id}`,
          detail: { name: input.name, readOnly: input.readOnly, expiresAt },
        });
        setHeader(c, 'Cache-Control', 'no-store');
        return c.json(
          { id: created.id, token: created.token, name: input.name, readOnly: input.readOnly, expiresAt },
          201,
        );
      })
      .delete('/:code/tokens/:id', manage, async (c) => {
        requireManage(c);
        const code = c.req.param('code');
        const id = Number(c.req.param('id'));
        const own = (await listStaffTokens(db.read, code)).some((t) => t.id === id);
        if (!own || !(await revokeStaffToken(db, id, now()))) throw new ApiError('not_found');
        await audited(c, code, 'token.revoke', { target: `token:${id}` });
        return c.body(null, 204);
      })
      .get('/:code/audit', auth, async (c) => {
        if (!canReadAudit(c.get('staff'))) throw new ApiError('forbidden');
        const code = c.req.param('code');
        const parsed = v.safeParse(AuditQuerySchema, c.req.query());
        if (!parsed.success)
          throw new ApiError('validation_failed', {
            issues: translateIssues(parsed.issues, c.get('locale')),
          });
        const q = parsed.output;
        await audit.flush();
        const items = await listAudit(db.read, {
          institution: code,
          ...(q.from ? { from: q.from } : {}),
          ...(q.to ? { to: q.to } : {}),
          ...(q.actor ? { actor: q.actor } : {}),
          ...(q.ticket ? { ticket: q.ticket.toUpperCase() } : {}),
          limit: 10_000,
        });
        // Reading the audit log is itself audited.
        void audited(c, code, 'audit.read', { detail: q });
        setHeader(c, 'Cache-Control', 'no-store');
        const csv = q.format === 'csv' || (c.req.header('Accept') ?? '').includes('text/csv');
        if (!csv) return c.json({ items });
        const columns = ['id', 'at', 'actor', 'action', 'ticket', 'target', 'ip', 'detail'] as const;
        const lines = [
          columns.join(','),
          ...items.map((i) =>
            columns
              .map((k) => csvCell(typeof i[k] === 'object' && i[k] !== null ? JSON.stringify(i[k]) : i[k]))
              .join(','),
          ),
        ];
        setHeader(c, 'Content-Disposition', `attachment; filename="audit-${code}.csv"`);
        return c.body(`${lines.join('\r\n')}\r\n`, 200, { 'Content-Type': 'text/csv; charset=utf-8' });
      })
  );
}
