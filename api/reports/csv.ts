import { isOverdue } from '../domain/overdue.ts';
import type { ReportRow } from './query.ts';

/**
 * Where a spreadsheet may start a formula: at the start of a cell, and right after anything it may
 * split a cell on. Excel and LibreOffice in es-CO, es-EC and es-PE locales split on `;`, others on
 * `,` or tab, and a pasted text splits on line breaks: `texto;=cmd|' /C calc'!A0` is two cells there.
 */
const FORMULA_START = /(?<=^|[,;\t\r\n])(?=[=+\-@\t\r])/g;
/** A cell holding any of these is quoted (RFC 4180, with `;` and tab for the spreadsheets that split on them). */
const SPLITS = /[",;\t\r\n]/;

/**
 * A cell of RFC 4180 CSV that no spreadsheet can run: an apostrophe is put before every `= + - @`,
 * tab or carriage return that starts the cell or follows a separator (OWASP "CSV Injection"), and
 * every cell that could be split is quoted.
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  text = text.replace(FORMULA_START, "'");
  return SPLITS.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_COLUMNS = [
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
  'needed_info',
  'paused_business_days',
  'extensions',
  'transferred_to',
  'transferred_from',
  'resolved',
  'rating',
  /** How many files the request holds (the citizen's and the institution's). */
  'attachments',
] as const;

/** The header line, after the byte order mark that makes spreadsheets read the file as UTF-8 (ñ, tildes). */
export const CSV_HEAD = `\uFEFF${CSV_COLUMNS.join(',')}\r\n`;

/** One request as a CSV line (CRLF included), personal data included. */
export function csvLine(row: ReportRow, today: string): string {
  const { request } = row;
  return `${[
    row.ticket,
    row.type,
    row.service,
    row.status,
    row.createdAt,
    row.dueDate,
    row.answeredAt,
    isOverdue(row, today),
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
    request.life.neededInfo,
    request.life.pausedDays,
    row.extensions,
    request.life.transferredTo ?? request.life.transferredToName,
    request.life.transferredFrom,
    row.rating?.resolved,
    row.rating?.rating,
    row.attachments,
  ]
    .map(csvCell)
    .join(',')}\r\n`;
}

/** The requests of a report as one CSV text (small ranges and tests; the route streams, see routes/reports.ts). */
export function requestsCsv(rows: ReportRow[], today: string): string {
  return CSV_HEAD + rows.map((row) => csvLine(row, today)).join('');
}
