import { isOverdue } from '../domain/overdue.ts';
import type { ReportRow } from './query.ts';

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

/**
 * The requests of a report as CSV, personal data included, one line each. The byte order mark
 * makes spreadsheet programs read the file as UTF-8 (ñ, tildes).
 */
export function requestsCsv(rows: ReportRow[], today: string): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of rows) {
    const { request } = row;
    lines.push(
      [
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
      ]
        .map(cell)
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
