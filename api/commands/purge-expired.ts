import type { WriteTx } from '../db/types.ts';
import { isoSeconds, unixSeconds } from '../domain/clock.ts';
import { purgeSignInState } from './people.ts';

/** Drops what no longer protects anything: expired captcha records and day-old idempotency keys. */
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
  await purgeSignInState(tx, now);
}
