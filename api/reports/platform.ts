import type { Reader } from '../db/types.ts';
import { isoSeconds } from '../domain/clock.ts';
import { PLATFORM_TOP, type PlatformReport } from '../schema/platform-report.ts';
import { OPEN_STATUSES } from '../schema/status.ts';

const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

/**
 * The platform's management table over every institution, one grouped read of requests by
 * institution and status (the requests_created index's institution prefix serves it).
 */
export async function platformReport(db: Reader, at: Date): Promise<PlatformReport> {
  const open = OPEN_STATUSES.map(() => '?').join(', ');
  const institutions = await db.execute(
    `SELECT i.code, i.name,
       EXISTS (SELECT 1 FROM accounts a WHERE a.institution = i.code AND a.password_hash IS NOT NULL) AS active
     FROM institutions i ORDER BY i.code`,
  );
  const counts = await db.execute({
    sql: `SELECT institution, COUNT(*) AS registered,
            SUM(CASE WHEN status IN (${open}) THEN 1 ELSE 0 END) AS pending
          FROM requests GROUP BY institution`,
    args: [...OPEN_STATUSES],
  });
  const byCode = new Map(
    counts.rows.map((r) => [
      String(r.institution),
      { registered: Number(r.registered), pending: Number(r.pending) },
    ]),
  );
  const registeredInstitutions = institutions.rows.filter((r) => Number(r.active) === 1).length;
  const totalInstitutions = institutions.rows.length;
  let registered = 0;
  let pending = 0;
  for (const value of byCode.values()) {
    registered += value.registered;
    pending += value.pending;
  }
  const top = institutions.rows
    .map((r) => {
      const figures = byCode.get(String(r.code)) ?? { registered: 0, pending: 0 };
      const attended = figures.registered - figures.pending;
      return {
        code: String(r.code),
        name: String(r.name),
        registered: figures.registered,
        attended,
        pending: figures.pending,
        attendedShare: share(attended, figures.registered),
      };
    })
    .filter((row) => row.registered > 0)
    .sort((a, b) => b.registered - a.registered || b.attended - a.attended || a.code.localeCompare(b.code))
    .slice(0, PLATFORM_TOP);
  return {
    at: isoSeconds(at),
    institutions: {
      registered: registeredInstitutions,
      pending: totalInstitutions - registeredInstitutions,
      total: totalInstitutions,
      registeredShare: share(registeredInstitutions, totalInstitutions),
      pendingShare: share(totalInstitutions - registeredInstitutions, totalInstitutions),
    },
    requests: {
      registered,
      attended: registered - pending,
      pending,
      attendedShare: share(registered - pending, registered),
      pendingShare: share(pending, registered),
    },
    top,
  };
}
