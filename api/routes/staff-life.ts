import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv, Deps } from '../app-env.ts';
import { dueDate as legalDueDate, localDate } from '../domain/business-days.ts';
import { isoSeconds } from '../domain/clock.ts';
import { ApiError } from '../http/errors.ts';
import { staffAudit } from '../http/staff-audit.ts';
import { jsonBody, readJson } from '../middleware/json-body/index.ts';
import { setHeader } from '../middleware/response-headers/index.ts';
import { findVisibleRequest, staffAuth } from '../middleware/staff-auth/index.ts';
import { ExtensionSchema, TransferSchema } from '../schema/life.ts';
import { translateIssues } from '../schema/messages.ts';

/**
 * Staff extend a deadline and transfer a request (contract §5), beside the staff API of
 * routes/staff.ts and under the same bearer tokens.
 */
export function staffLifeRoutes({ db, catalogs, config, now, audit }: Deps) {
  // Sessions as well as tokens, with the CSRF check; which requests a principal may touch is the
  // one scoping rule's (findVisibleRequest), as in routes/staff.ts.
  const auth = staffAuth(db, now, config.publicUrl);
  const audited = staffAudit(audit, now);
  const mail = Boolean(config.outbox.smtpUrl);

  const parse = <S extends v.GenericSchema>(
    schema: S,
    body: unknown,
    locale: AppEnv['Variables']['locale'],
  ) => {
    const parsed = v.safeParse(schema, body);
    if (!parsed.success)
      throw new ApiError('validation_failed', { issues: translateIssues(parsed.issues, locale) });
    return parsed.output as v.InferOutput<S>;
  };

  return new Hono<AppEnv>()
    .post('/:code/requests/:ticket/extensions', auth, jsonBody(), async (c) => {
      const code = c.req.param('code');
      const ticket = (await findVisibleRequest(c, db.read, c.req.param('ticket'))).ticket;
      const body = parse(ExtensionSchema, readJson(c), c.get('locale'));
      const institution = await catalogs.get(code);
      const at = now();
      const outcome = await db.writer.run('extendDeadline', {
        institution: code,
        ticket,
        dueDate: body.dueDate,
        reason: body.reason,
        actor: c.get('staff').actor,
        at: isoSeconds(at),
        today: localDate(at, institution?.catalog.timezone ?? 'UTC'),
        mail,
      });
      if ('notFound' in outcome) throw new ApiError('request_not_found');
      if ('notAllowed' in outcome) {
        throw new ApiError('extension_not_allowed', { params: { cap: outcome.notAllowed.cap ?? '—' } });
      }
      await audited(c, code, 'request.extend', { ticket, detail: { dueDate: body.dueDate } });
      c.get('logger').info({ institution: code, staff: c.get('staff').id }, 'deadline extended');
      setHeader(c, 'Cache-Control', 'no-store');
      return c.json(outcome.extension, 201);
    })
    .post('/:code/requests/:ticket/transfer', auth, jsonBody(), async (c) => {
      const code = c.req.param('code');
      const ticket = (await findVisibleRequest(c, db.read, c.req.param('ticket'))).ticket;
      const locale = c.get('locale');
      const body = parse(TransferSchema, readJson(c), locale);
      const at = now();
      let to:
        | { code: string; name: string; service: string; year: number; dueDate: string | null }
        | undefined;
      let toName: string;
      if ('to' in body) {
        const refuse = (why: { es: string; en: string }) => {
          throw new ApiError('transfer_not_allowed', { params: { why: why[locale] } });
        };
        if (body.to === code) refuse({ es: 'es la misma institución', en: 'it is the same institution' });
        const target = await catalogs.get(body.to);
        if (!target) return refuse({ es: 'no está en la plataforma', en: 'it is not on the platform' });
        const catalog = target.catalog;
        const source = await catalogs.get(code);
        // The request keeps its type: the receiving institution must take it.
        const typeCode = ticket.split('-')[1] ?? '';
        const type = catalog.requestTypes.find((t) => t.code === typeCode);
        const services = catalog.services.filter((s) => s.requestTypes.includes(typeCode));
        const service = services.find((s) => s.id === catalog.otherServiceId) ?? services[0];
        if (!type || !service || (source && source.catalog.country !== catalog.country)) {
          return refuse({
            es: 'no recibe este tipo de solicitud',
            en: 'it does not take this type of request',
          });
        }
        to = {
          code: catalog.code,
          name: catalog.name,
          service: service.id,
          year: Number(localDate(at, catalog.timezone).slice(0, 4)),
          dueDate:
            type.responseDays === null
              ? null
              : legalDueDate(at, type.responseDays, catalog.country, catalog.timezone),
        };
        toName = catalog.name;
      } else {
        toName = body.toName;
      }
      const outcome = await db.writer.run('transferRequest', {
        institution: code,
        ticket,
        ...(body.note ? { note: body.note } : {}),
        actor: c.get('staff').actor,
        at: isoSeconds(at),
        mail,
        ...(to ? { to } : {}),
        toName,
      });
      if ('notFound' in outcome) throw new ApiError('request_not_found');
      if ('invalidTransition' in outcome)
        throw new ApiError('invalid_transition', { params: outcome.invalidTransition });
      await audited(c, code, 'request.transfer', { ticket, detail: { to: to?.code ?? null } });
      c.get('logger').info(
        { institution: code, to: to?.code ?? null, staff: c.get('staff').id },
        'request transferred',
      );
      setHeader(c, 'Cache-Control', 'no-store');
      return c.json(outcome.transferred, 201);
    });
}
