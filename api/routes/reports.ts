import { vValidator } from '@hono/valibot-validator';
import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import * as v from 'valibot';
import type { AppEnv, Deps } from '../app-env.ts';
import { listUnits } from '../db/accounts.ts';
import { localDate } from '../domain/business-days.ts';
import { isoSeconds } from '../domain/clock.ts';
import { ApiError } from '../http/errors.ts';
import { validationHook } from '../http/validation.ts';
import { rateLimit } from '../middleware/rate-limit/index.ts';
import { setHeader } from '../middleware/response-headers/index.ts';
import { staffAuth } from '../middleware/staff-auth/index.ts';
import { buildReport } from '../reports/build.ts';
import { chartFigures } from '../reports/charts.ts';
import { CSV_HEAD, csvLine } from '../reports/csv.ts';
import { type ExportCursor, requestsFiledBetween, requestsFiledPage } from '../reports/query.ts';

const isoDate = v.pipe(
  v.string(),
  v.isoDate(),
  v.check((value) => !Number.isNaN(Date.parse(value)), 'invalid_date'),
);

/** The longest range a report or an export covers: a leap year, both ends included. */
export const MAX_RANGE_DAYS = 366;

/** `from` and `to` are the institution's local dates, both included; at most MAX_RANGE_DAYS. */
export const ReportQuerySchema = v.pipe(
  v.object({ from: isoDate, to: isoDate }),
  v.forward(
    v.check(({ from, to }) => from <= to, 'range_reversed'),
    ['to'],
  ),
  v.forward(
    v.check(
      ({ from, to }) => Date.parse(to) - Date.parse(from) < MAX_RANGE_DAYS * 86_400_000,
      `range_too_long:${MAX_RANGE_DAYS}`,
    ),
    ['to'],
  ),
);

/** Requests read per page of the CSV export: each page is one short read on the main thread. */
const EXPORT_PAGE = 500;

/** Staff reports: figures over a date range, and the requests themselves as CSV. */
export function reportRoutes({ db, catalogs, config, now, audit }: Deps) {
  const staffOnly = staffAuth(db, now, config.publicUrl);
  // Reports and exports are for supervisors and above (CONTRACT §7): an agent, limited to some
  // units, gets none rather than figures of units it may not see (docs/decisions/055).
  const auth: typeof staffOnly = (c, next) =>
    staffOnly(c, async () => {
      if (c.get('staff').units !== null) throw new ApiError('forbidden');
      await next();
    });
  const institutionOf = async (code: string) => {
    const institution = await catalogs.get(code);
    if (!institution) throw new ApiError('institution_not_found');
    return institution.catalog;
  };

  return new Hono<AppEnv>()
    .get('/:code/reports', auth, vValidator('query', ReportQuerySchema, validationHook), async (c) => {
      const catalog = await institutionOf(c.req.param('code') as string);
      const { from, to } = c.req.valid('query');
      const rows = await requestsFiledBetween(db.read, catalog, from, to);
      setHeader(c, 'Cache-Control', 'no-store');
      const today = localDate(now(), catalog.timezone);
      const units = new Map((await listUnits(db.read, catalog.code)).map((unit) => [unit.id, unit.name]));
      return c.json({
        ...buildReport(rows, catalog, { from, to }, today),
        ...chartFigures(rows, catalog, { from, to }, today, units),
      });
    })
    .get(
      '/:code/reports/requests.csv',
      auth,
      // Per token or account, not per address: an export is heavy, and an integration's many callers may
      // share one egress address. Counted only once the range is valid and the token is known.
      vValidator('query', ReportQuerySchema, validationHook),
      rateLimit({
        limit: 10,
        windowMs: 10 * 60_000,
        key: (c) => c.get('staff').actor,
        enabled: config.rateLimit,
      }),
      async (c) => {
        const catalog = await institutionOf(c.req.param('code') as string);
        const { from, to } = c.req.valid('query');
        const today = localDate(now(), catalog.timezone);
        const logger = c.get('logger');
        const staff = c.get('staff').id;
        await audit.record({
          at: isoSeconds(now()),
          institution: catalog.code,
          actor: c.get('staff').actor,
          action: 'requests.export',
          ip: c.get('clientIp'),
          detail: { from, to },
        });
        setHeader(c, 'Cache-Control', 'no-store');
        setHeader(c, 'Content-Disposition', `attachment; filename="${catalog.code}-${from}-${to}.csv"`);
        setHeader(c, 'Content-Type', 'text/csv; charset=UTF-8');
        // Streamed a page at a time (keyset over requests_created, each page a short read), so
        // memory stays flat whatever the range holds, and other requests are served between pages.
        return stream(
          c,
          async (out) => {
            await out.write(CSV_HEAD);
            let after: ExportCursor | null = null;
            let count = 0;
            do {
              const page = await requestsFiledPage(db.read, catalog, { from, to }, after, EXPORT_PAGE);
              let chunk = '';
              for (const row of page.rows) chunk += csvLine(row, today);
              if (chunk) await out.write(chunk);
              count += page.rows.length;
              after = page.next;
              await new Promise((resolve) => setImmediate(resolve));
            } while (after && !out.aborted);
            // Who saw what, never the data: logged once the rows have been sent.
            logger.info({ staff, institution: catalog.code, from, to, count }, 'staff exported requests');
          },
          async (error) => {
            // Headers are gone: the client sees a cut file, never a half-written success.
            logger.error({ err: error }, 'export failed');
          },
        );
      },
    );
}
