import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../app-env.ts';
import { cleanFile, readIncomingBody, readStreamBody, sniffType } from '../attachments/intake.ts';
import { databaseFileStore } from '../attachments/store.ts';
import { isoSeconds } from '../domain/clock.ts';
import { ApiError } from '../http/errors.ts';
import { rateLimit } from '../middleware/rate-limit/index.ts';
import { setHeader } from '../middleware/response-headers/index.ts';
import {
  type AttachmentType,
  cleanFileName,
  DEFAULT_QUOTA_BYTES,
  type UploadReceipt,
} from '../schema/attachments.ts';

/** The file name of `Content-Disposition: attachment; filename="…"` (or RFC 5987's filename*). */
export function fileNameOf(header: string | undefined): string {
  if (!header) return '';
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // a malformed escape: fall back to the plain name
    }
  }
  const quoted = /filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header);
  if (quoted?.[1] !== undefined) return quoted[1].replace(/\\(.)/g, '$1');
  return /filename\s*=\s*([^;]+)/i.exec(header)?.[1]?.trim() ?? '';
}

/**
 * `POST /institutions/{code}/uploads`: a file as the raw body (CONTRACT §6). Its type is decided
 * from its bytes; images lose their metadata; it is stored in chunks and answered with an id that
 * a filing, a reply or a staff event can claim within a day.
 */
export function uploadRoutes({ db, catalogs, config, now }: Deps) {
  const store = databaseFileStore(db);
  return new Hono<AppEnv>().post(
    '/:code/uploads',
    // Like filing, per client: a few files per request, a few requests in a sitting.
    rateLimit({ limit: 40, windowMs: 10 * 60_000, enabled: config.rateLimit }),
    async (c) => {
      const institution = await catalogs.get(c.req.param('code'));
      if (!institution) throw new ApiError('institution_not_found');
      const policy = institution.catalog.attachments;
      // An institution that takes no files takes no type of file.
      if (!policy) throw new ApiError('unsupported_media_type');
      const tooLarge = () =>
        new ApiError('payload_too_large', { params: { n: Math.round(policy.maxBytes / 1024) } });
      if (Number(c.req.header('Content-Length') ?? 0) > policy.maxBytes) throw tooLarge();

      const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
      const body = incoming
        ? await readIncomingBody(incoming, policy.maxBytes)
        : await readStreamBody(
            (c.req.raw.body ?? []) as unknown as AsyncIterable<Uint8Array>,
            policy.maxBytes,
          );
      if (!body) throw tooLarge();
      const type = await sniffType(body.chunks[0]);
      if (!type || !(policy.types as string[]).includes(type)) throw new ApiError('unsupported_media_type');
      const file = await cleanFile(type as AttachmentType, body);
      if (!file || file.size === 0) throw new ApiError('unsupported_media_type');

      const receipt: UploadReceipt = {
        id: `upl_${randomBytes(16).toString('base64url')}`,
        name: cleanFileName(fileNameOf(c.req.header('Content-Disposition'))),
        type: type as AttachmentType,
        size: file.size,
      };
      const saved = await store.save(
        {
          ...receipt,
          institution: institution.catalog.code,
          sha256: file.sha256,
          chunks: file.chunks.length,
          at: isoSeconds(now()),
          quotaBytes: policy.quotaBytes ?? DEFAULT_QUOTA_BYTES,
        },
        file.chunks,
      );
      if ('overQuota' in saved) {
        c.get('logger').warn({ institution: institution.catalog.code }, 'attachment quota reached');
        throw tooLarge();
      }
      c.get('logger').info(
        { institution: institution.catalog.code, type: receipt.type, size: receipt.size },
        'file uploaded',
      );
      setHeader(c, 'Cache-Control', 'no-store');
      return c.json(receipt, 201);
    },
  );
}
