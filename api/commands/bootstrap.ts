import { randomBytes } from 'node:crypto';
import { hashSecret } from '../db/accounts.ts';
import { num } from '../db/rows.ts';
import { isoSeconds } from '../domain/clock.ts';
import { INVITATION_SECONDS } from '../domain/roles.ts';
import type { AppDatabase } from './index.ts';

/**
 * The first platform admin of a new database (`npm run cli -- account bootstrap EMAIL`): created
 * without a password, with a one-time link to choose one. Refused (null) once a platform admin
 * exists: from then on people are invited by the level above. The token is returned once; only
 * its hash is stored (the same hash as routes' links: db/accounts.ts hashSecret('link', …)).
 */
export async function bootstrapPlatformAdmin(
  db: AppDatabase,
  email: string,
  name: string,
  at: Date,
): Promise<string | null> {
  const existing = await db.read.execute(
    "SELECT COUNT(*) AS n FROM accounts WHERE role = 'platform_admin' AND demo = 0",
  );
  if (num(existing.rows[0], 'n') > 0) return null;
  const token = randomBytes(32).toString('base64url');
  const outcome = await db.writer.run('createAccount', {
    institution: null,
    email,
    name,
    role: 'platform_admin',
    locale: 'es',
    units: [],
    at: isoSeconds(at),
    link: {
      tokenHash: hashSecret('link', token),
      expiresAt: isoSeconds(new Date(at.getTime() + INVITATION_SECONDS * 1000)),
    },
  });
  if (!('id' in outcome)) return null;
  await db.writer.run('appendAudit', [
    {
      at: isoSeconds(at),
      institution: null,
      actor: 'cli',
      action: 'account.bootstrap',
      target: `account:${outcome.id}`,
    },
  ]);
  return token;
}
