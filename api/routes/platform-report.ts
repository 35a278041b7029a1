import { Hono } from 'hono';
import type { AppEnv, Deps } from '../app-env.ts';
import { isoSeconds } from '../domain/clock.ts';
import { ApiError } from '../http/errors.ts';
import { setHeader } from '../middleware/response-headers/index.ts';
import { sessionAuth } from '../middleware/session/index.ts';
import { csvCell } from '../reports/csv.ts';
import { platformReport } from '../reports/platform.ts';
import type { PlatformReport } from '../schema/platform-report.ts';

const line = (cells: unknown[]) => `${cells.map(csvCell).join(',')}\r\n`;

/** The management table as CSV: one row per figure, then the ranking, as the seeds lay it out. */
export function platformReportCsv(report: PlatformReport): string {
  const { institutions: i, requests: r } = report;
  let text = line(['section', 'figure', 'count', 'share']);
  text += line(['institutions', 'registered', i.registered, i.registeredShare.toFixed(4)]);
  text += line(['institutions', 'pending', i.pending, i.pendingShare.toFixed(4)]);
  text += line(['institutions', 'total', i.total, '']);
  text += line(['requests', 'registered', r.registered, '']);
  text += line(['requests', 'attended', r.attended, r.attendedShare.toFixed(4)]);
  text += line(['requests', 'pending', r.pending, r.pendingShare.toFixed(4)]);
  text += '\r\n';
  text += line(['code', 'name', 'registered', 'attended', 'pending', 'attended_share']);
  for (const row of report.top)
    text += line([
      row.code,
      row.name,
      row.registered,
      row.attended,
      row.pending,
      row.attendedShare.toFixed(4),
    ]);
  return text;
}

/** The platform's dashboard figures (CONTRACT §7 platform_admin only): every institution's totals, no personal data. */
export function platformReportRoutes(deps: Deps) {
  const { db, now, audit } = deps;
  const signedIn = sessionAuth(deps);
  const auth: typeof signedIn = (c, next) =>
    signedIn(c, async () => {
      if (c.get('account').role !== 'platform_admin') throw new ApiError('forbidden');
      await next();
    });
  return new Hono<AppEnv>()
    .get('/report', auth, async (c) => {
      setHeader(c, 'Cache-Control', 'no-store');
      return c.json(await platformReport(db.read, now()));
    })
    .get('/report.csv', auth, async (c) => {
      const at = now();
      const report = await platformReport(db.read, at);
      await audit.record({
        at: isoSeconds(at),
        institution: null,
        actor: `account:${c.get('account').id}`,
        action: 'platform.report.export',
        ip: c.get('clientIp'),
      });
      setHeader(c, 'Cache-Control', 'no-store');
      setHeader(c, 'Content-Disposition', `attachment; filename="platform-${report.at.slice(0, 10)}.csv"`);
      return c.body(platformReportCsv(report), 200, { 'Content-Type': 'text/csv; charset=UTF-8' });
    });
}
