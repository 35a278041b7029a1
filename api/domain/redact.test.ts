import { describe, expect, it } from 'vitest';
import { redact, redactError } from './redact.ts';

describe('redact', () => {
  it('removes email addresses, as an SMTP refusal writes them', () => {
    expect(
      redact(
        "Can't send mail - all recipients were rejected: 550 5.1.1 <ana.quispe@example.org>: unknown user",
      ),
    ).toBe("Can't send mail - all recipients were rejected: 550 5.1.1 <[email]>: unknown user");
  });

  it('removes the personal values it is told about, in any case', () => {
    expect(
      redact('rejected: Ana María QUISPE (cedula 1714307103)', ['Ana María', 'Quispe', '1714307103']),
    ).toBe('rejected: [personal data] [personal data] (cedula [personal data])');
  });

  it('removes document and phone numbers it was not told about, but keeps addresses, codes and tickets', () => {
    expect(redact('doc 12.345.678 or 900123456-7, call +593 99 123 4567')).toBe(
      'doc [number] or [number], call [number]',
    );
    expect(redact('connect ECONNREFUSED 127.0.0.1:2525; webhook answered 503; MDT-QUE-2026-00001')).toBe(
      'connect ECONNREFUSED 127.0.0.1:2525; webhook answered 503; MDT-QUE-2026-00001',
    );
  });

  it('takes errors and anything thrown', () => {
    expect(redactError(new Error('to ana@example.org'))).toBe('to [email]');
    expect(redactError('to ana@example.org')).toBe('to [email]');
  });
});
