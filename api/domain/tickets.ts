/**
 * Ticket numbers: {INSTITUTION}-{TYPE}-{YEAR}-{SEQUENCE}. The year is the institution's local year and
 * the sequence counts per (institution, type, year) from 1, at least five digits. The number itself is
 * allocated in the database, in the same write transaction as the request (see db/requests.ts).
 */
export function formatTicket(institution: string, type: string, year: number, sequence: number): string {
  return `${institution}-${type}-${year}-${String(sequence).padStart(5, '0')}`;
}

export interface TicketParts {
  institution: string;
  type: string;
  year: number;
  sequence: number;
}

const TICKET = /^([A-Z][A-Z0-9]{1,11})-([A-Z]{3})-(\d{4})-(\d{5,9})$/;

/** Reads a ticket as typed by a citizen (any case, surrounding spaces); null if it cannot be one. */
export function parseTicket(input: string): TicketParts | null {
  const match = TICKET.exec(input.trim().toUpperCase());
  if (!match) return null;
  const [, institution = '', type = '', year = '', sequence = ''] = match;
  return { institution, type, year: Number(year), sequence: Number(sequence) };
}
