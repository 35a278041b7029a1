import { vValidator } from '@hono/valibot-validator';
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv, Deps } from '../app-env.ts';
import { localDate } from '../domain/business-days.ts';
import { ApiError } from '../http/errors.ts';
import { validationHook } from '../http/validation.ts';
import { setHeader } from '../middleware/response-headers/index.ts';
import { staffAuth } from '../middleware/staff-auth/index.ts';
import { buildReport } from '../reports/build.ts';
import { requestsCsv } from '../reports/csv.ts';
import { requestsFiledBetween } from '../reports/query.ts';

const isoDate = v.pipe(
  v.string(),
  v.isoDate(),
  v.check((value) => !Number.isNaN(Date.parse(value)), 'invalid_date'),
);

/** `from` and `to` are the institution's local dates, both included; at most a year and a bit. */
export const ReportQuerySchema = v.pipe(
  v.object({ from: isoDate, to: isoDate }),
  v.check(({ from, to }) => from <= to, 'from must not be after to'),
  v.check(({ from, to }) => Date.parse(to) - Date.parse(from) <= 400 * 86_400_000, 'at most 400 days'),
);

/** Staff reports: figures over a date range, and the requests themselves as CSV. */
export function reportRoutes({ db, catalogs, now }: Deps) {
  const auth = staffAuth(db.read, now);
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
      return c.json(buildReport(rows, catalog, { from, to }, localDate(now(), catalog.timezone)));
    })
    .get(
      '/:code/reports/requests.csv',
      auth,
      vValidator('query', ReportQuerySchema, validationHook),
      async (c) => {
        const catalog = await institutionOf(c.req.param('code') as string);
        const { from, to } = c.req.valid('query');
        const today = localDate(now(), catalog.timezone);
        const rows = await requestsFiledBetween(db.read, catalog, from, to);
        c.get('logger').info(
          { staff: c.get('staff').id, institution: catalog.code, from, to, count: rows.length },
          'staff exported requests',
        );
        setHeader(c, 'Cache-Control', 'no-store');
        setHeader(c, 'Content-Disposition', `attachment; filename="${catalog.code}-${from}-${to}.csv"`);
        return c.body(requestsCsv(rows, today), 200, { 'Content-Type': 'text/csv; charset=UTF-8' });
      },
    );
}
