import { describe, expect, it } from 'vitest';
import { formatTicket, parseTicket } from './tickets.ts';

describe('tickets', () => {
  it('pads the sequence to five digits and grows past them', () => {
    expect(formatTicket('MDT', 'QUE', 2026, 42)).toBe('MDT-QUE-2026-00042');
    expect(formatTicket('MDT', 'QUE', 2026, 123456)).toBe('MDT-QUE-2026-123456');
  });

  it('parses what it formats, in any case', () => {
    expect(parseTicket(' mdt-que-2026-00042 ')).toEqual({
      institution: 'MDT',
      type: 'QUE',
      year: 2026,
      sequence: 42,
    });
  });

  it('rejects what cannot be a ticket', () => {
    for (const bad of [
      '',
      'MDT-QUE-2026',
      'MDT-QUE-26-00001',
      "MDT-QUE-2026-00001' OR 1=1",
      'MDT_QUE_2026_00001',
    ]) {
      expect(parseTicket(bad)).toBeNull();
    }
  });
});
