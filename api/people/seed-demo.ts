import type { AppDatabase } from '../commands/index.ts';
import { listInstitutions } from '../db/institutions.ts';
import { num } from '../db/rows.ts';
import { type Clock, isoSeconds } from '../domain/clock.ts';
import { hashPassword } from '../domain/password.ts';

export const DEMO_PASSWORD = 'contacto-demo';

/**
 * The demo's people (CONTRACT §7): per institution an admin, a supervisor, an agent and an auditor
 * (`admin@mdt.demo`, …), and `plataforma@demo`; all with the public password `contacto-demo` and no
 * second factor. Two units under a national one, the first half of the services routed to the
 * first (where the agent works), the rest to the second. Only on a database without accounts; the
 * caller runs it only with SEED_DEMO and never in production. One hash for every demo account: the
 * password is public anyway, and the demo starts without hashing twenty times.
 */
export async function seedDemoPeople(db: AppDatabase, now: Clock): Promise<number> {
  const existing = await db.read.execute('SELECT COUNT(*) AS n FROM accounts');
  if (num(existing.rows[0], 'n') > 0) return 0;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const at = isoSeconds(now());
  let created = 0;
  const account = async (
    institution: string | null,
    email: string,
    name: string,
    role: string,
    units: number[],
  ) => {
    const outcome = await db.writer.run('createAccount', {
      institution,
      email,
      name,
      role: role as 'agent',
      locale: 'es',
      units,
      at,
      passwordHash,
      demo: true,
    });
    if ('id' in outcome) created++;
  };
  await account(null, 'plataforma@demo', 'Plataforma (demo)', 'platform_admin', []);
  for (const { code } of await listInstitutions(db.read)) {
    const unit = async (name: string, parentId: number | null) => {
      const outcome = await db.writer.run('createUnit', { institution: code, name, parentId, at });
      if (!('id' in outcome)) throw new Error(`demo unit ${name} of ${code} was refused`);
      return outcome.id;
    };
    const national = await unit('Despacho nacional', null);
    const service = await unit('Dirección de atención ciudadana', national);
    const control = await unit('Dirección de control y denuncias', national);
    const { rows } = await db.read.execute({
      sql: 'SELECT id FROM services WHERE institution = ? ORDER BY position, id',
      args: [code],
    });
    const half = Math.ceil(rows.length / 2);
    await db.writer.run('setRouting', {
      institution: code,
      routes: Object.fromEntries(rows.map((row, i) => [String(row.id), i < half ? service : control])),
    });
    const lower = code.toLowerCase();
    await account(code, `admin@${lower}.demo`, `Administración ${code}`, 'institution_admin', [national]);
    await account(code, `supervisor@${lower}.demo`, `Supervisión ${code}`, 'supervisor', [national]);
    await account(code, `agente@${lower}.demo`, `Agente ${code}`, 'agent', [service]);
    await account(code, `auditor@${lower}.demo`, `Auditoría ${code}`, 'auditor', []);
  }
  return created;
}
