import { vValidator } from '@hono/valibot-validator';
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../context.ts';
import type { Deps } from '../deps.ts';
import { localDate } from '../domain/business-days.ts';
import { ApiError } from '../errors.ts';
import { setHeader } from '../middleware/response-headers/index.ts';
import { staffAuth } from '../middleware/staff-auth/index.ts';
import { buildReport, requestsFiledBetween } from '../reports.ts';
import { OPEN_STATUSES } from '../schema/status.ts';
import { validationHook } from '../validation.ts';

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

/** A cell of RFC 4180 CSV; a leading = + - @ is defused, as spreadsheets would run it as a formula. */
function cell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const CSV_COLUMNS = [
  'ticket',
  'type',
  'service',
  'status',
  'created_at',
  'due_date',
  'answered_at',
  'overdue',
  'subject',
  'description',
  'anonymous',
  'document_type',
  'document_number',
  'first_name',
  'last_name',
  'email',
  'phone',
  'response_channel',
  'locale',
] as const;

/** Staff reports: figures over a date range, and the requests themselves as CSV. */
export function reportRoutes({ db, catalogs, now }: Deps) {
  const auth = staffAuth(db.read);
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
        const lines = [CSV_COLUMNS.join(',')];
        for (const row of rows) {
          const { request } = row;
          const overdue = Boolean(row.dueDate && row.dueDate < today && OPEN_STATUSES.includes(row.status));
          lines.push(
            [
              row.ticket,
              row.type,
              row.service,
              row.status,
              row.createdAt,
              row.dueDate,
              row.answeredAt,
              overdue,
              request.subject,
              request.description,
              request.anonymous,
              request.citizen?.documentType,
              request.citizen?.documentNumber,
              request.citizen?.firstName,
              request.citizen?.lastName,
              request.citizen?.email,
              request.citizen?.phone,
              request.responseChannel,
              request.locale,
            ]
              .map(cell)
              .join(','),
          );
        }
        setHeader(c, 'Cache-Control', 'no-store');
        setHeader(c, 'Content-Disposition', `attachment; filename="${catalog.code}-${from}-${to}.csv"`);
        // The byte order mark makes spreadsheet programs read the file as UTF-8 (ñ, tildes).
        return c.body(`\uFEFF${lines.join('\r\n')}\r\n`, 200, { 'Content-Type': 'text/csv; charset=UTF-8' });
      },
    );
}
