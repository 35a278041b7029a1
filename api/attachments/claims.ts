import type { Queryable } from '../db/types.ts';
import { findUploads } from '../db/uploads.ts';
import { isoSeconds } from '../domain/clock.ts';
import { ApiError } from '../http/errors.ts';
import { UPLOAD_TTL_MS } from '../schema/attachments.ts';
import { issueMessage, type Locale } from '../schema/messages.ts';

/**
 * What a route checks of the upload ids a filing, a citizen's reply or a staff event carries,
 * before it spends anything (a captcha): each is the institution's, complete, unclaimed and less
 * than a day old. The command checks again inside the write transaction (`canClaim` in
 * commands/uploads.ts), where two requests cannot both claim one upload.
 */
export async function uploadsUsable(
  read: Queryable,
  ids: readonly string[] | undefined,
  institution: string,
  now: Date,
): Promise<boolean> {
  if (!ids?.length) return true;
  const notBefore = isoSeconds(new Date(now.getTime() - UPLOAD_TTL_MS));
  const found = await findUploads(read, ids);
  return (
    found.length === ids.length &&
    found.every(
      (u) =>
        u.institution === institution &&
        u.state === 'ready' &&
        u.requestId === null &&
        u.createdAt >= notBefore,
    )
  );
}

/** The contract's 400 for ids that cannot be claimed, with its issue on `attachments`. */
export function attachmentsUnavailable(locale: Locale): ApiError {
  return new ApiError('validation_failed', {
    issues: [{ path: 'attachments', message: issueMessage(locale, 'attachment_unavailable') }],
  });
}

/** The contract's 400 for more files than the catalog's `maxFiles` (0 when it takes none). */
export function tooManyFiles(locale: Locale, maxFiles: number): ApiError {
  return new ApiError('validation_failed', {
    issues: [{ path: 'attachments', message: issueMessage(locale, 'too_many_files', { n: maxFiles }) }],
  });
}
