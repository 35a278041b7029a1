import type { WriteTx } from '../db/types.ts';
import { isoSeconds, unixSeconds } from '../domain/clock.ts';
import { UPLOAD_TTL_MS } from '../schema/attachments.ts';
import { purgeSignInState } from './people-sessions.ts';
import { deleteUnclaimedUploads } from './uploads.ts';

/**
 * Drops what no longer protects anything: expired captcha records and day-old idempotency keys;
 * and uploads nobody claimed within a day.
 */
export async function purgeExpired(tx: WriteTx, { now }: { now: string }): Promise<void> {
  const at = new Date(now);
  await tx.execute({
    sql: 'DELETE FROM captcha_spent WHERE expires_at < ?',
    args: [unixSeconds(at)],
  });
  await tx.execute({
    sql: 'DELETE FROM idempotency_keys WHERE created_at < ?',
    args: [isoSeconds(new Date(at.getTime() - 24 * 3600_000))],
  });
  // Uploads no filing, reply or staff event claimed within their day (CONTRACT §6).
  await deleteUnclaimedUploads(tx, isoSeconds(new Date(at.getTime() - UPLOAD_TTL_MS)));
  await purgeSignInState(tx, now);
}
