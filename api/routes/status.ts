import { Hono } from 'hono';
import type { AppEnv, Deps } from '../app-env.ts';
import { citizenDownloadPath, toAttachment } from '../attachments/views.ts';
import type { CatalogCache } from '../catalog/cache.ts';
import { findStatusByTicket, type StatusRecord } from '../db/requests.ts';
import { localDate } from '../domain/business-days.ts';
import { isOverdue } from '../domain/overdue.ts';
import { parseTicket } from '../domain/tickets.ts';
import { hashTrackingCode, trackingCodeMatches } from '../domain/tracking-code.ts';
import { ApiError } from '../http/errors.ts';
import { rateLimit } from '../middleware/rate-limit/index.ts';
import { setHeader } from '../middleware/response-headers/index.ts';
import type { Attachment } from '../schema/attachments.ts';
import type { LocalizedText } from '../schema/catalog.ts';
import { issueMessage } from '../schema/messages.ts';
import type { StatusView } from '../schema/responses.ts';

// Compared against when the ticket does not exist, so that an unknown ticket costs the same hash
// and comparison as a wrong code: neither the body nor the timing tells them apart.
const DECOY_HASH = hashTrackingCode('decoy');

async function namesFor(
  catalogs: CatalogCache,
  request: Pick<StatusRecord, 'institution' | 'type' | 'service'>,
) {
  const institution = await catalogs.get(request.institution);
  const catalog = institution?.catalog;
  // A type or service removed from the catalog later keeps its code as its name.
  const fallback = (code: string): LocalizedText => ({ es: code, en: code });
  return {
    institution: { code: request.institution, name: catalog?.name ?? request.institution },
    type: {
      code: request.type,
      name: catalog?.requestTypes.find((t) => t.code === request.type)?.name ?? fallback(request.type),
    },
    service: {
      id: request.service,
      name: catalog?.services.find((s) => s.id === request.service)?.name ?? fallback(request.service),
    },
    timezone: catalog?.timezone ?? 'UTC',
  };
}

/** Who made a move, as the status view says it: the actor column is 'citizen', 'system' or 'staff:<id>'. */
export function byOf(actor: string): 'citizen' | 'institution' | 'system' {
  return actor === 'citizen' || actor === 'system' ? actor : 'institution';
}

/** The other end of a transfer: its ticket and institution on the platform, or the entity's name off it. */
async function linked(catalogs: CatalogCache, ticket: string | null, name: string | null) {
  const code = ticket ? (parseTicket(ticket)?.institution ?? null) : null;
  const institution = code ? await catalogs.get(code) : null;
  return { ticket, institution: { code, name: institution?.catalog.name ?? name ?? code ?? '' } };
}

/**
 * `GET /requests/{ticket}` with the tracking code in `X-Tracking-Code`: what a citizen may see of their request. No
 * personal data and no description; internal notes never. Wrong guesses are rate-limited per client.
 */
export function statusRoutes({ db, catalogs, config, now }: Deps) {
  return new Hono<AppEnv>().get(
    '/:ticket',
    rateLimit({
      limit: 10,
      windowMs: 15 * 60_000,
      failuresOnly: (c) => c.res.status === 404,
      enabled: config.rateLimit,
    }),
    async (c) => {
      setHeader(c, 'Cache-Control', 'no-store');
      // The code travels in a header only: a URL (`?code=`) ends up in proxy, CDN and browser-history
      // logs. Refused outright, so a client that still sends it learns why instead of seeing a 404.
      if (c.req.query('code') !== undefined) {
        throw new ApiError('validation_failed', {
          issues: [{ path: 'code', message: issueMessage(c.get('locale'), 'tracking_code_in_url') }],
        });
      }
      const code = c.req.header('X-Tracking-Code') ?? '';
      const parts = parseTicket(c.req.param('ticket'));
      const request = parts
        ? await findStatusByTicket(db.read, c.req.param('ticket').trim().toUpperCase())
        : null;
      const matches = request
        ? trackingCodeMatches(code, request.trackingHash)
        : trackingCodeMatches(code, DECOY_HASH) && false;
      if (!request || !matches) throw new ApiError('request_not_found');

      const names = await namesFor(catalogs, request);
      const files: Attachment[][] = [];
      for (const u of request.files) {
        const list = files[u.position] ?? [];
        list.push(toAttachment(u, citizenDownloadPath(request.ticket, u.id)));
        files[u.position] = list;
      }
      const events = request.history;
      const answered = events.filter((e) => e.status === 'answered' && e.note).at(-1);
      const view: StatusView = {
        ticket: request.ticket,
        institution: names.institution,
        type: names.type,
        service: names.service,
        status: request.status,
        createdAt: request.createdAt,
        updatedAt: request.updatedAt,
        dueDate: request.dueDate,
        overdue: isOverdue(request, localDate(now(), names.timezone)),
        history: events.map((e, i) => ({
          status: e.status,
          at: e.at,
          ...(e.note ? { note: e.note } : {}),
          by: byOf(e.actor),
          ...(files[i] ? { attachments: files[i] } : {}),
        })),
        response: answered?.note ? { text: answered.note, at: answered.at } : null,
        originalDueDate: request.life.originalDueDate,
        extensions: request.extensions,
        awaitingReply: request.status === 'needs_info',
        replyBy: request.status === 'needs_info' ? request.life.replyBy : null,
        transferredTo:
          request.life.transferredTo || request.life.transferredToName
            ? await linked(catalogs, request.life.transferredTo, request.life.transferredToName)
            : null,
        transferredFrom: request.life.transferredFrom
          ? await linked(catalogs, request.life.transferredFrom, null)
          : null,
        rated: request.rated,
      };
      return c.json(view);
    },
  );
}
