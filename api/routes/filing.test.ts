import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invalid, valid } from '../../test/fixtures/requests.ts';
import { DEMO_ORIGIN, startTestServices, type TestServices } from '../../test/support/services.ts';
import { ErrorBodySchema, ReceiptSchema } from '../schema/responses.ts';

let t: TestServices;
beforeAll(async () => {
  t = await startTestServices();
});
afterAll(() => t.close());

async function errorOf(response: Response) {
  const body = v.parse(ErrorBodySchema, await response.json());
  return { status: response.status, ...body.error };
}

describe('POST /institutions/{code}/requests', () => {
  it('files a request and answers 201 with ticket, tracking code, due date and Location', async () => {
    const response = await t.file('MDT', valid.mdtComplaint.body);
    expect(response.status).toBe(201);
    const receipt = v.parse(ReceiptSchema, await response.json());
    expect(receipt.ticket).toMatch(/^MDT-QUE-2026-\d{5}$/);
    expect(receipt.trackingCode).toMatch(/^[2-9A-HJKMNP-Z]{5}(-[2-9A-HJKMNP-Z]{5}){2}$/);
    // Filed Tue 24 Nov 2026 in Quito: 30 business days, skipping Christmas and New Year's Day.
    expect(receipt.dueDate).toBe('2027-01-07');
    expect(receipt.createdAt).toBe('2026-11-24T15:04:05Z');
    expect(response.headers.get('Location')).toBe(`/api/v1/requests/${receipt.ticket}`);
    expect(receipt.statusUrl).toBe(`/api/v1/requests/${receipt.ticket}`);
  });

  it('files each named valid example of every demo institution', async () => {
    for (const example of Object.values(valid)) {
      const response = await t.file(example.institution, example.body);
      expect(response.status, JSON.stringify(example.body)).toBe(201);
      const receipt = (await response.json()) as { ticket: string };
      expect(receipt.ticket.startsWith(`${example.institution}-${example.body.type}-`)).toBe(true);
    }
  });

  it('counts the 15 business days of a personal-data request (LOPDP)', async () => {
    const response = await t.file('MDT', {
      ...valid.mdtComplaint.body,
      type: 'PDP',
      service: 'datos-personales',
    });
    expect(((await response.json()) as { dueDate: unknown }).dueDate).toBe('2026-12-15');
  });

  it('gives no due date to a compliment, which has no legal deadline', async () => {
    const response = await t.file('MDT', { ...valid.mdtComplaint.body, type: 'FEL' });
    expect(response.status).toBe(201);
    expect(((await response.json()) as { dueDate: unknown }).dueDate).toBeNull();
  });

  it('numbers each type separately, in order', async () => {
    const first = (await (await t.file('MML', { ...valid.mmlClaim.body, type: 'SUG' })).json()) as {
      ticket: string;
    };
    const second = (await (await t.file('MML', { ...valid.mmlClaim.body, type: 'SUG' })).json()) as {
      ticket: string;
    };
    expect(first.ticket).toBe('MML-SUG-2026-00001');
    expect(second.ticket).toBe('MML-SUG-2026-00002');
  });

  it('reports every invalid named example on its field', async () => {
    for (const [name, example] of Object.entries(invalid)) {
      const error = await errorOf(await t.file('MDT', example.body));
      expect(error.status, name).toBe(400);
      expect(error.code, name).toBe('validation_failed');
      expect(
        error.issues?.map((i) => i.path),
        name,
      ).toContain(example.path);
    }
  });

  it('answers in the language of the request', async () => {
    const es = await errorOf(
      await t.file('MDT', { ...valid.mdtComplaint.body, consent: false, locale: 'es' }),
    );
    const en = await errorOf(
      await t.file('MDT', { ...valid.mdtComplaint.body, consent: false, locale: 'en' }),
    );
    expect(es.issues?.[0]?.message).toBe('Debe aceptar el aviso de privacidad para continuar.');
    expect(en.issues?.[0]?.message).toBe('You must accept the privacy notice to continue.');
    const byHeader = await errorOf(await t.file('NOPE', {}, { 'Accept-Language': 'en-GB,en;q=0.9' }));
    expect(byHeader.message).toBe('There is no institution with that code.');
  });

  it('asks a Colombian anonymous denuncia for the facts', async () => {
    const short = await errorOf(
      await t.file('GPUT', {
        type: 'DEN',
        service: 'contratacion',
        description: 'Hay corrupción.',
        anonymous: true,
        consent: true,
      }),
    );
    expect(short.issues).toEqual([{ path: 'description', message: expect.stringContaining('100') }]);
    const facts =
      'El 12 de octubre de 2026, en la oficina de contratación de Mocoa, un funcionario pidió un pago para adjudicar el contrato de vías terciarias.';
    const ok = await t.file('GPUT', {
      type: 'DEN',
      service: 'contratacion',
      description: facts,
      anonymous: true,
      consent: true,
    });
    expect(ok.status).toBe(201);
  });

  it('refuses bodies that are not JSON', async () => {
    expect(await errorOf(await t.file('MDT', '{"type": "QUE",'))).toMatchObject({
      status: 400,
      code: 'invalid_json',
    });
    const form = await t.app.request('/api/v1/institutions/MDT/requests', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'type=QUE',
    });
    expect(await errorOf(form)).toMatchObject({ status: 415, code: 'unsupported_media_type' });
    const none = await t.app.request('/api/v1/institutions/MDT/requests', { method: 'POST', body: '{}' });
    expect(none.status).toBe(415);
  });

  it('refuses a body over 64 KB with 413', async () => {
    const big = { ...valid.mdtComplaint.body, description: 'x'.repeat(70 * 1024) };
    expect(await errorOf(await t.file('MDT', big))).toMatchObject({ status: 413, code: 'payload_too_large' });
  });

  it('answers 404 for an unknown institution', async () => {
    expect(await errorOf(await t.file('XXX', valid.mdtComplaint.body))).toMatchObject({
      status: 404,
      code: 'institution_not_found',
    });
  });

  it('refuses a browser request from a website the institution has not allowed', async () => {
    const foreign = await t.file('MDT', valid.mdtComplaint.body, { Origin: 'https://evil.example' });
    expect(await errorOf(foreign)).toMatchObject({ status: 403, code: 'origin_not_allowed' });
    expect(foreign.headers.get('Access-Control-Allow-Origin')).toBeNull();
    const allowed = await t.file('MDT', valid.mdtComplaint.body, { Origin: DEMO_ORIGIN });
    expect(allowed.status).toBe(201);
    expect(allowed.headers.get('Access-Control-Allow-Origin')).toBe(DEMO_ORIGIN);
    const preflight = await t.app.request('/api/v1/institutions/MDT/requests', {
      method: 'OPTIONS',
      headers: { Origin: DEMO_ORIGIN, 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('Access-Control-Allow-Headers')).toContain('Idempotency-Key');
  });

  describe('Idempotency-Key', () => {
    it('returns the first 201 again for the same key and body, without a second ticket', async () => {
      const headers = { 'Idempotency-Key': 'retry-1' };
      const first = await t.file('GPUT', valid.gputPetition.body, headers);
      const again = await t.file('GPUT', valid.gputPetition.body, headers);
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      const [a, b] = [await first.json(), await again.json()];
      expect(b).toEqual(a);
      const next = (await (await t.file('GPUT', valid.gputPetition.body)).json()) as { ticket: string };
      expect(Number(next.ticket.slice(-5))).toBe(Number((a as { ticket: string }).ticket.slice(-5)) + 1);
    });

    it('answers 409 for the same key with another body', async () => {
      const headers = { 'Idempotency-Key': 'retry-2' };
      expect((await t.file('GPUT', valid.gputPetition.body, headers)).status).toBe(201);
      const other = {
        ...valid.gputPetition.body,
        description: 'Otra cosa distinta que no es la misma petición.',
      };
      expect(await errorOf(await t.file('GPUT', other, headers))).toMatchObject({
        status: 409,
        code: 'idempotency_conflict',
      });
    });

    it('gives one ticket to concurrent retries with one key', async () => {
      const headers = { 'Idempotency-Key': 'double-click' };
      const responses = await Promise.all(
        Array.from({ length: 5 }, () => t.file('MML', valid.mmlClaim.body, headers)),
      );
      const bodies = await Promise.all(responses.map((r) => r.json() as Promise<{ ticket: string }>));
      expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
      expect(new Set(bodies.map((b) => b.ticket)).size).toBe(1);
    });

    it('answers 201, then the same 201 again, for a filing with a deeply nested unknown field', async () => {
      // JSON.parse takes any depth; hashing a re-serialised body overflowed the stack (a 500).
      const nested = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
      const text = `${JSON.stringify(valid.mdtComplaint.body).slice(0, -1)},"extra":${nested}}`;
      const headers = { 'Idempotency-Key': 'deeply-nested' };
      const first = await t.file('MDT', text, headers);
      expect(first.status).toBe(201);
      const again = await t.file('MDT', text, headers);
      expect(again.status).toBe(201);
      expect(await again.json()).toEqual(await first.json());
    });

    it('refuses a malformed key', async () => {
      const error = await errorOf(
        await t.file('MDT', valid.mdtComplaint.body, { 'Idempotency-Key': 'x'.repeat(129) }),
      );
      expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
    });
  });
});

describe('ticket numbers under concurrency', () => {
  it('gives 200 concurrent filings of one type the sequences 00001–00200, no gap, no duplicate', async () => {
    const body = { ...valid.mdtComplaint.body, type: 'SUG' };
    const batchesBefore = t.deps.db.writer.stats.batches;
    const responses = await Promise.all(Array.from({ length: 200 }, () => t.file('MDT', body)));
    expect(responses.every((r) => r.status === 201)).toBe(true);
    const tickets = await Promise.all(
      responses.map(async (r) => ((await r.json()) as { ticket: string }).ticket),
    );
    const sequences = tickets.map((ticket) => Number(ticket.split('-')[3])).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(tickets.every((ticket) => /^MDT-SUG-2026-\d{5}$/.test(ticket))).toBe(true);
    // Group commit really grouped them: far fewer transactions than filings.
    expect(t.deps.db.writer.stats.batches - batchesBefore).toBeLessThan(100);
  });
});
