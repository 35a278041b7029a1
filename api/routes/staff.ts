import { vValidator } from '@hono/valibot-validator';
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv, Deps } from '../app-env.ts';
import { attachmentsUnavailable, tooManyFiles } from '../attachments/claims.ts';
import { byEvent, staffDownloadPath, toAttachment } from '../attachments/views.ts';
import { citizenDataExport } from '../db/citizen-data.ts';
import {
  type InboxFilter,
  type InboxRowRecord,
  listInbox,
  searchByDocument,
  searchByName,
} from '../db/inbox.ts';
import {
  type EventRecord,
  findPlacementNames,
  listActivity,
  listEvents,
  listRequestsOfCitizen,
  type RequestRecord,
  unitsOfRequests,
} from '../db/requests.ts';
import { findUploads, listUploadsOfRequest } from '../db/uploads.ts';
import { localDate } from '../domain/business-days.ts';
import { isoSeconds } from '../domain/clock.ts';
import { addBusinessDays, businessDaysLeft } from '../domain/days-left.ts';
import { profileFor, transferBy } from '../domain/legal-clock/index.ts';
import { nameKey } from '../domain/name-key.ts';
import { isOverdue } from '../domain/overdue.ts';
import { canAssign } from '../domain/roles.ts';
import { ApiError } from '../http/errors.ts';
import { staffAudit } from '../http/staff-audit.ts';
import { validationHook } from '../http/validation.ts';
import { jsonBody, readJson } from '../middleware/json-body/index.ts';
import { setHeader } from '../middleware/response-headers/index.ts';
import { findVisibleRequest, inboxUnits, staffAuth } from '../middleware/staff-auth/index.ts';
import type { CatalogFile } from '../schema/catalog.ts';
import { AnonymizationSchema, CitizenDataQuerySchema } from '../schema/data-rights.ts';
import { compactDocumentNumber } from '../schema/documents.ts';
import { translateIssues } from '../schema/messages.ts';
import type { CitizenDataExport, InboxRow, StaffRequest } from '../schema/responses.ts';
import {
  type InboxQuery,
  InboxQuerySchema,
  OPEN_STATUSES,
  RequestSearchSchema,
  StaffEventSchema,
} from '../schema/status.ts';

// One profile per catalog revision (the cache keeps one catalog object per revision): the inbox
// asks for it on every row.
const profiles = new WeakMap<CatalogFile, ReturnType<typeof profileFor>>();
function profileOf(catalog: CatalogFile) {
  let profile = profiles.get(catalog);
  if (!profile) {
    profile = profileFor(catalog.country, catalog.legalClock);
    profiles.set(catalog, profile);
  }
  return profile;
}

function toStaffView(
  request: RequestRecord,
  today: string,
  events?: EventRecord[],
  catalog?: CatalogFile,
  /** Inbox rows also say how many business days are left (the back office shows it). */
  withDaysLeft = false,
): StaffRequest {
  const { life } = request;
  // The profile's transfer window (CO: Ley 1755 art. 21), shown while the request is open.
  const transferDeadline =
    catalog && OPEN_STATUSES.includes(request.status)
      ? transferBy(localDate(new Date(request.createdAt), catalog.timezone), profileOf(catalog))
      : null;
  // Field by field rather than a rest pattern over the wide record: an inbox page builds 20 to 100
  // of these, and that copy cost more than reading its row. The legal clock's few fields (one
  // shape, from toLife) are spread. Without the id, the tracking hash and the institution.
  const view: StaffRequest = {
    ticket: request.ticket,
    type: request.type,
    service: request.service,
    status: request.status,
    subject: request.subject,
    description: request.description,
    anonymous: request.anonymous,
    citizen: request.citizen,
    responseChannel: request.responseChannel,
    locale: request.locale,
    privacyVersion: request.privacyVersion,
    dueDate: request.dueDate,
    createdAt: request.createdAt,
    updatedAt: request.updatedAt,
    anonymizedAt: request.anonymizedAt,
    ...life,
    transferBy: transferDeadline,
    overdue: isOverdue(request, today),
  };
  // Inbox rows also say how many business days are left (the back office shows it).
  if (withDaysLeft)
    view.businessDaysLeft = businessDaysLeft(request, today, catalog?.country ?? 'EC', OPEN_STATUSES);
  if (events) view.events = events;
  return view;
}

/** A row of the back office's inbox or of a search (InboxRowSchema): no personal data but the subject. */
function toRowView(row: InboxRowRecord, today: string, catalog: CatalogFile | undefined): InboxRow {
  const { life } = row;
  // Field by field, as toStaffView: a page builds up to 100 of these.
  return {
    ticket: row.ticket,
    type: row.type,
    service: row.service,
    status: row.status,
    subject: row.subject,
    anonymous: row.anonymous,
    dueDate: row.dueDate,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    anonymizedAt: row.anonymizedAt,
    ...life,
    transferBy:
      catalog && OPEN_STATUSES.includes(row.status)
        ? transferBy(localDate(new Date(row.createdAt), catalog.timezone), profileOf(catalog))
        : null,
    overdue: isOverdue(row, today),
    businessDaysLeft: businessDaysLeft(row, today, catalog?.country ?? 'EC', OPEN_STATUSES),
  };
}

/**
 * Which units an inbox reads: the agent's (null for everyone else), narrowed by the `unit`
 * filter. A unit outside an agent's own gives the empty list, not a 403: a filter narrows what the
 * person may see and never widens it, and the answer says nothing about that unit (decision 071).
 */
function unitsToRead(scope: number[] | null, unit: number | undefined): number[] | undefined {
  if (unit === undefined) return scope ?? undefined;
  if (scope === null) return [unit];
  return scope.includes(unit) ? [unit] : [];
}

/**
 * The assignee filter's account: `me` is the person asking. A token has no account, so `me`
 * matches nobody (-1: no account has that id).
 */
function assigneeToRead(
  assignee: InboxQuery['assignee'],
  staff: AppEnv['Variables']['staff'],
): number | undefined {
  if (assignee === undefined) return undefined;
  if (assignee !== 'me') return assignee;
  return staff.kind === 'session' ? staff.id : -1;
}

/** A term with a digit is a document number (a cédula, a passport); one without, a name. */
function searchKind(term: string): 'document' | 'name' {
  return /\d/.test(term) ? 'document' : 'name';
}

/**
 * Pages of the inbox go from the newest request back by id; the overdue inbox goes from the most
 * overdue on, so its cursor carries the due date too (`2026-11-03_1234`).
 */
function cursorFilter(cursor: string | undefined, overdue: boolean) {
  if (!cursor) return {};
  const [dueDate, id] = cursor.includes('_') ? cursor.split('_') : [undefined, cursor];
  if (overdue) return dueDate ? { afterDue: { dueDate, id: Number(id) } } : {};
  return { beforeId: Number(id) };
}

/** A body checked against a schema, or the contract's 400 with one issue per field. */
function parseBody<S extends v.GenericSchema>(
  schema: S,
  body: unknown,
  locale: Parameters<typeof translateIssues>[1],
) {
  const parsed = v.safeParse(schema, body);
  if (!parsed.success)
    throw new ApiError('validation_failed', { issues: translateIssues(parsed.issues, locale) });
  return parsed.output as v.InferOutput<S>;
}

/**
 * The institution staff's API: inbox, one request with its history, status changes, and the
 * citizens' data rights (export of what is held about them, anonymisation).
 */
export function staffRoutes({ db, catalogs, config, now, audit }: Deps) {
  const auth = staffAuth(db, now, config.publicUrl);
  const readAuth = staffAuth(db, now, config.publicUrl, { readsByPost: true });
  const today = async (code: string) =>
    localDate(now(), (await catalogs.get(code))?.catalog.timezone ?? 'UTC');

  // Every read of personal data and every action goes to the audit log (routes/people.ts reads it).
  // Reads do not wait for it; actions do.
  const audited = staffAudit(audit, now);
  const exportOf = async (requests: RequestRecord[], institution: string, key: CitizenDataExport['key']) =>
    citizenDataExport(db.read, requests, {
      institution,
      key,
      today: await today(institution),
      generatedAt: isoSeconds(now()),
    });

  // One query for the units of all the citizen's requests, not one per request.
  const visibleOnly = async (requests: RequestRecord[], units: number[]) => {
    const unitOf = await unitsOfRequests(
      db.read,
      requests.map((r) => r.id),
    );
    return requests.filter((r) => {
      const unitId = unitOf.get(r.id) ?? null;
      return unitId !== null && units.includes(unitId);
    });
  };

  return new Hono<AppEnv>()
    .get('/:code/requests', auth, vValidator('query', InboxQuerySchema, validationHook), async (c) => {
      // The route pattern guarantees the param; vValidator's typing loses it.
      const code = c.req.param('code') as string;
      const query = c.req.valid('query');
      const day = await today(code);
      const country = (await catalogs.get(code))?.catalog.country ?? 'EC';
      const byDue = query.sort === 'due';
      const units = unitsToRead(inboxUnits(c), query.unit);
      const assignee = assigneeToRead(query.assignee, c.get('staff'));
      const filter: InboxFilter = {
        institution: code,
        ...(query.status ? { status: query.status } : {}),
        ...(query.type ? { type: query.type } : {}),
        ...(query.overdue !== undefined ? { overdue: query.overdue } : {}),
        ...(query.replied ? { replied: true } : {}),
        ...(query.service ? { service: query.service } : {}),
        ...(byDue ? { byDue: true } : {}),
        ...(byDue && query.dueWithin !== undefined
          ? { dueBy: addBusinessDays(day, query.dueWithin, country) }
          : {}),
        ...cursorFilter(query.cursor, query.overdue === true || byDue),
        today: day,
        openStatuses: OPEN_STATUSES,
        ...(units ? { units } : {}),
        ...(assignee !== undefined ? { assignee } : {}),
        limit: query.limit + 1,
      };
      const items =
        query.view === 'row'
          ? await listInbox(db.read, { ...filter, view: 'row' })
          : await listInbox(db.read, { ...filter, view: 'full' });
      const page = items.slice(0, query.limit);
      const last = page.at(-1);
      // Who saw personal data, never the data: the token, the institution, how many requests.
      c.get('logger').info(
        { staff: c.get('staff').id, institution: code, count: page.length },
        'staff read the inbox',
      );
      void audited(c, code, 'request.list', {
        detail: { tickets: page.map((r) => r.ticket) },
      }).catch(() => {});
      setHeader(c, 'Cache-Control', 'no-store');
      const catalog = (await catalogs.get(code))?.catalog;
      return c.json({
        // Business days left on every row, which the back office shows beside the due date.
        items:
          query.view === 'row'
            ? (page as InboxRowRecord[]).map((r) => toRowView(r, day, catalog))
            : (page as RequestRecord[]).map((r) => toStaffView(r, day, undefined, catalog, true)),
        nextCursor:
          items.length > query.limit && last
            ? query.overdue === true || byDue
              ? `${last.dueDate}_${last.id}`
              : String(last.id)
            : null,
      });
    })
    .post('/:code/request-search', readAuth, jsonBody(), async (c) => {
      const code = c.req.param('code');
      const { q, limit } = parseBody(RequestSearchSchema, readJson(c), c.get('locale'));
      const searchedAs = searchKind(q);
      const filter = { institution: code, units: inboxUnits(c), limit: limit + 1 };
      // A document number compacted as the filing stores it (no spaces, dots or hyphens; letters in
      // capitals), a name folded as the index holds it.
      const found =
        searchedAs === 'document'
          ? await searchByDocument(db.read, filter, compactDocumentNumber(q))
          : await searchByName(db.read, filter, nameKey(q));
      const page = found.slice(0, limit);
      // The audit says who searched, when, from where, how and what they were shown; never the
      // term, which is a name or a document number, maybe of someone who filed nothing (decision 072).
      void audited(c, code, 'request.search', {
        detail: { searchedAs, count: page.length, tickets: page.map((r) => r.ticket) },
      }).catch(() => {});
      c.get('logger').info(
        { staff: c.get('staff').id, institution: code, searchedAs, count: page.length },
        'staff searched requests',
      );
      setHeader(c, 'Cache-Control', 'no-store');
      const day = await today(code);
      const catalog = (await catalogs.get(code))?.catalog;
      return c.json({
        searchedAs,
        items: page.map((r) => toRowView(r, day, catalog)),
        more: found.length > limit,
      });
    })
    .get('/:code/requests/:ticket', auth, async (c) => {
      const {
        unitId: _unit,
        assigneeId: _assignee,
        ...request
      } = await findVisibleRequest(c, db.read, c.req.param('ticket'));
      void audited(c, request.institution, 'request.read', { ticket: request.ticket }).catch(() => {});
      c.get('logger').info(
        { staff: c.get('staff').id, institution: request.institution, ticket: request.ticket },
        'staff read a request',
      );
      setHeader(c, 'Cache-Control', 'no-store');
      const files = byEvent(await listUploadsOfRequest(db.read, request.id), (u) =>
        staffDownloadPath(request.institution, request.ticket, u.id),
      );
      const events = (await listEvents(db.read, request.id)).map((e) => ({
        ...e,
        attachments: files.get(e.id) ?? [],
      }));
      // Where the request is: its unit and assignee, by name (the request screen's summary); and
      // what else was done to it, which its status events do not tell (extensions, assignments).
      const [placement, activity] = await Promise.all([
        findPlacementNames(db.read, request.id),
        listActivity(db.read, request),
      ]);
      return c.json({
        ...toStaffView(
          request,
          await today(request.institution),
          events,
          (await catalogs.get(request.institution))?.catalog,
        ),
        ...placement,
        activity,
      });
    })
    .post('/:code/requests/:ticket/events', auth, jsonBody(), async (c) => {
      const code = c.req.param('code') as string;
      const ticket = (c.req.param('ticket') as string).toUpperCase();
      const parsed = v.safeParse(StaffEventSchema, readJson(c));
      if (!parsed.success) {
        throw new ApiError('validation_failed', { issues: translateIssues(parsed.issues, c.get('locale')) });
      }
      const input = parsed.output;
      const maxFiles = (await catalogs.get(code))?.catalog.attachments?.maxFiles ?? 0;
      if ((input.attachments?.length ?? 0) > maxFiles) throw tooManyFiles(c.get('locale'), maxFiles);
      const staff = c.get('staff');
      await findVisibleRequest(c, db.read, ticket);
      const at = isoSeconds(now());
      const outcome = await db.writer.run('staffEvent', {
        institution: code,
        ticket,
        status: input.status,
        ...(input.note ? { note: input.note } : {}),
        ...(input.internalNote ? { internalNote: input.internalNote } : {}),
        actor: staff.actor,
        at,
        mail: Boolean(config.outbox.smtpUrl),
        ...(input.attachments?.length ? { attachments: input.attachments } : {}),
      });
      if ('notFound' in outcome) throw new ApiError('request_not_found');
      if ('attachmentsUnavailable' in outcome) throw attachmentsUnavailable(c.get('locale'));
      if ('invalidTransition' in outcome) {
        throw new ApiError('invalid_transition', { params: outcome.invalidTransition });
      }
      const { event } = outcome;
      await audited(c, code, 'request.event', { ticket, detail: { status: event.status } });
      c.get('logger').info({ institution: code, status: event.status, staff: staff.id }, 'status changed');
      const files = (await findUploads(db.read, input.attachments ?? [])).map((u) =>
        toAttachment(u, staffDownloadPath(code, ticket, u.id)),
      );
      return c.json({ ...event, attachments: files }, 201);
    })
    .get('/:code/requests/:ticket/export', auth, async (c) => {
      const code = c.req.param('code');
      const {
        unitId: _unit,
        assigneeId: _assignee,
        ...request
      } = await findVisibleRequest(c, db.read, c.req.param('ticket'));
      await audited(c, code, 'request.export', { ticket: request.ticket });
      // Who exported what, never the data itself.
      c.get('logger').info(
        { institution: code, ticket: request.ticket, staff: c.get('staff').id },
        'citizen data exported',
      );
      setHeader(c, 'Cache-Control', 'no-store');
      return c.json(await exportOf([request], code, { ticket: request.ticket }));
    })
    .post('/:code/citizen-data', auth, jsonBody(), async (c) => {
      const code = c.req.param('code');
      const query = parseBody(CitizenDataQuerySchema, readJson(c), c.get('locale'));
      const all = await listRequestsOfCitizen(db.read, code, query.documentType, query.documentNumber);
      const units = inboxUnits(c);
      const requests = units ? await visibleOnly(all, units) : all;
      await audited(c, code, 'citizen_data.export', { detail: { requests: requests.map((r) => r.ticket) } });
      c.get('logger').info(
        { institution: code, requests: requests.length, staff: c.get('staff').id },
        'citizen data exported by document',
      );
      setHeader(c, 'Cache-Control', 'no-store');
      return c.json(await exportOf(requests, code, query));
    })
    .post('/:code/requests/:ticket/anonymization', auth, jsonBody(), async (c) => {
      const code = c.req.param('code');
      const { reason } = parseBody(AnonymizationSchema, readJson(c), c.get('locale'));
      const staff = c.get('staff');
      await findVisibleRequest(c, db.read, c.req.param('ticket'));
      // Erasing a citizen's data is for supervisors and admins (and integrations), not agents.
      if (!canAssign(staff)) throw new ApiError('forbidden');
      const outcome = await db.writer.run('anonymizeRequest', {
        institution: code,
        ticket: c.req.param('ticket').toUpperCase(),
        reason,
        actor: staff.actor,
        at: isoSeconds(now()),
      });
      if ('notFound' in outcome) throw new ApiError('request_not_found');
      if ('alreadyAnonymized' in outcome) {
        throw new ApiError('already_anonymized', { params: { at: outcome.alreadyAnonymized.anonymizedAt } });
      }
      const { anonymized } = outcome;
      await audited(c, code, 'request.anonymize', { ticket: anonymized.ticket });
      const logger = c.get('logger');
      logger.info({ institution: code, ticket: anonymized.ticket, staff: staff.id }, 'request anonymised');
      // The erased bytes leave the WAL too; if another connection holds it now, the hourly
      // maintenance checkpoints again.
      if (!(await db.checkpoint())) logger.warn('WAL checkpoint after anonymisation was busy');
      setHeader(c, 'Cache-Control', 'no-store');
      return c.json(anonymized, 201);
    });
}
