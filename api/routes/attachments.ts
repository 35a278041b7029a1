import type { Context } from 'hono';
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../app-env.ts';
import { databaseFileStore, type FileStore } from '../attachments/store.ts';
import { findRequestByTicket } from '../db/requests.ts';
import { findUpload, type UploadRecord } from '../db/uploads.ts';
import { parseTicket } from '../domain/tickets.ts';
import { hashTrackingCode, trackingCodeMatches } from '../domain/tracking-code.ts';
import { ApiError } from '../http/errors.ts';
import { staffAudit } from '../http/staff-audit.ts';
import { rateLimit } from '../middleware/rate-limit/index.ts';
import { setHeader } from '../middleware/response-headers/index.ts';
import { findVisibleRequest, staffAuth } from '../middleware/staff-auth/index.ts';

const DECOY_HASH = hashTrackingCode('decoy');

/** `filename="…"` in ASCII for old clients, `filename*` in UTF-8 for the rest (RFC 6266). */
export function contentDisposition(name: string): string {
  const ascii =
    name
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '') || 'archivo';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * A stored file as a download, never as a page: `attachment`, no sniffing, and a CSP that would
 * sandbox it (no script, no origin) if a browser rendered it anyway. Streamed chunk by chunk.
 */
function download(c: Context<AppEnv>, store: FileStore, upload: UploadRecord): Response {
  setHeader(c, 'Content-Security-Policy', "sandbox; default-src 'none'");
  setHeader(c, 'X-Content-Type-Options', 'nosniff');
  setHeader(c, 'Cache-Control', 'no-store');
  setHeader(c, 'Cross-Origin-Resource-Policy', 'same-origin');
  const chunks = store.read(upload)[Symbol.asyncIterator]();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
  });
  return c.body(stream, 200, {
    'Content-Type': upload.type,
    'Content-Length': String(upload.size),
    'Content-Disposition': contentDisposition(upload.name),
  });
}

/** The upload if it is a file of that request; what anything else gets is the same 404. */
async function fileOf(db: Deps['db'], requestId: number, id: string): Promise<UploadRecord> {
  const upload = /^upl_[A-Za-z0-9_-]{22}$/.test(id) ? await findUpload(db.read, id) : null;
  if (!upload || upload.requestId !== requestId || upload.state !== 'ready') throw new ApiError('not_found');
  return upload;
}

/** Staff: `GET /institutions/{code}/requests/{ticket}/attachments/{id}`, any file of their institution's requests. */
export function staffAttachmentRoutes(deps: Deps) {
  const { db, now, config, audit } = deps;
  const store = databaseFileStore(db);
  return new Hono<AppEnv>().get(
    '/:code/requests/:ticket/attachments/:id',
    staffAuth(db, now, config.publicUrl),
    async (c) => {
      // The one scoping rule (an agent sees only their units' requests) decides here as everywhere.
      const request = await findVisibleRequest(c, db.read, c.req.param('ticket'));
      const upload = await fileOf(db, request.id, c.req.param('id'));
      // A file is personal data: its download is a read the audit log keeps, like the request's.
      await staffAudit(audit, now)(c, request.institution, 'attachment.download', {
        ticket: request.ticket,
        target: upload.id,
      });
      return download(c, store, upload);
    },
  );
}

/**
 * The citizen: `GET /requests/{ticket}/attachments/{id}` with `X-Tracking-Code`, for the files of
 * that request only (theirs and the institution's). Wrong codes count against the client as in
 * the status lookup.
 */
export function citizenAttachmentRoutes({ db, config }: Deps) {
  const store = databaseFileStore(db);
  return new Hono<AppEnv>().get(
    '/:ticket/attachments/:id',
    rateLimit({
      limit: 10,
      windowMs: 15 * 60_000,
      failuresOnly: (c) => c.res.status === 404,
      enabled: config.rateLimit,
    }),
    async (c) => {
      const code = c.req.header('X-Tracking-Code') ?? '';
      const ticket = c.req.param('ticket').trim().toUpperCase();
      const request = parseTicket(ticket) ? await findRequestByTicket(db.read, ticket) : null;
      const matches = request
        ? trackingCodeMatches(code, request.trackingHash)
        : trackingCodeMatches(code, DECOY_HASH) && false;
      if (!request || !matches) throw new ApiError('request_not_found');
      return download(c, store, await fileOf(db, request.id, c.req.param('id')));
    },
  );
}
