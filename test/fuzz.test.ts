import fc from 'fast-check';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '../api/schema/responses.ts';
import { valid } from './fixtures/requests.ts';
import { startTestServices, type TestServices } from './support/services.ts';

let t: TestServices;
let staff: string;
beforeAll(async () => {
  t = await startTestServices();
  staff = await t.staffToken('MDT');
});
afterAll(() => t.close());

const hostile = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.constantFrom(
    "'; DROP TABLE requests; --",
    '<script>alert(1)</script>',
    '\u0000\u0001\u001b[31m',
    '../../etc/passwd',
    '%00',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, on purpose.
    '${7*7}',
    '\ud800',
    'a'.repeat(10_000),
  ),
);
const anyJson = fc.jsonValue({ maxDepth: 4 });
/** Bodies that look like filings but break them in every way: wrong types, missing and hostile fields. */
const nearFiling = fc.record(
  {
    type: fc.oneof(hostile, anyJson, fc.constantFrom('QUE', 'DEN', 'FEL')),
    service: fc.oneof(hostile, anyJson, fc.constantFrom('contratos', 'otro')),
    subject: fc.oneof(hostile, anyJson),
    description: fc.oneof(hostile, anyJson),
    anonymous: fc.oneof(fc.boolean(), anyJson),
    citizen: fc.oneof(
      anyJson,
      fc.record(
        {
          documentType: fc.oneof(hostile, fc.constantFrom('cedula', 'ruc', 'pasaporte')),
          documentNumber: fc.oneof(hostile, fc.stringMatching(/^\d{10}$/)),
          firstName: hostile,
          lastName: hostile,
          email: fc.oneof(hostile, fc.emailAddress()),
          phone: hostile,
          preferentialAttention: fc.oneof(anyJson, fc.array(hostile)),
        },
        { requiredKeys: [] },
      ),
    ),
    responseChannel: fc.oneof(hostile, fc.constantFrom('email', 'phone', 'fax')),
    locale: fc.oneof(hostile, fc.constantFrom('es', 'en', 'fr')),
    consent: fc.oneof(fc.boolean(), anyJson),
    captcha: fc.oneof(hostile, anyJson),
  },
  { requiredKeys: [] },
);
const deep = fc.integer({ min: 50, max: 5000 }).map((n) => '['.repeat(n) + ']'.repeat(n));

/** Percent-encodes what can be encoded; a lone surrogate becomes a malformed escape, as a bad client would send. */
function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%E0%A4%A';
  }
}

async function expectContractError(response: Response, context: string) {
  expect(response.status, context).toBeLessThan(500);
  if (response.status >= 400) {
    const body = await response.json();
    expect(v.is(ErrorBodySchema, body), `${context} → ${JSON.stringify(body)}`).toBe(true);
  }
}

describe('malformed input never produces a 5xx', () => {
  it('filing: random JSON, near-filings, raw strings and deep nesting', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          anyJson.map((j) => JSON.stringify(j)),
          nearFiling.map((b) => JSON.stringify(b)),
          fc.string(),
          deep,
        ),
        fc.constantFrom('MDT', 'GPUT', 'MML', 'mdt', 'X', '%00', '..'),
        async (body, code) => {
          await expectContractError(await t.file(code, body), `${code} ${body.slice(0, 200)}`);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('filing: hostile headers', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          'Content-Type': fc.oneof(
            fc.constant('application/json'),
            fc.string(),
            fc.constant('application/json; charset=latin1'),
          ),
          'Idempotency-Key': fc.string({ maxLength: 200 }),
          'Accept-Language': fc.string(),
          Origin: fc.oneof(fc.constant('http://127.0.0.1:8787'), fc.webUrl(), fc.string()),
        }),
        async (headers) => {
          const safe = Object.fromEntries(
            Object.entries(headers).filter(([, value]) => /^[\x20-\x7e]*$/.test(value)),
          );
          const response = await t.app.request('/api/v1/institutions/MDT/requests', {
            method: 'POST',
            headers: safe,
            body: JSON.stringify(valid.mdtComplaint.body),
          });
          await expectContractError(response, JSON.stringify(safe));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('status lookup, catalog, staff and report endpoints: random paths, codes, queries and bodies', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(hostile, fc.constantFrom('%', '%E0%A4%A', '%ZZ')),
        hostile,
        anyJson,
        async (segment, query, body) => {
          const encoded = /^%/.test(segment) ? segment : encode(segment);
          // A browser's Origin sends these paths through the per-institution CORS lookup too.
          const origin = { Origin: 'https://portal.example' };
          const responses = await Promise.all([
            t.app.request(`/api/v1/requests/${encoded}?code=${encode(query)}`, { headers: origin }),
            t.app.request(`/api/v1/institutions/${encoded}`, { headers: origin }),
            t.app.request(`/api/v1/institutions/MDT/requests?status=${encode(query)}&cursor=${encoded}`, {
              headers: { Authorization: `Bearer ${staff}` },
            }),
            t.app.request(`/api/v1/institutions/MDT/reports?from=${encoded}&to=${encode(query)}`, {
              headers: { Authorization: `Bearer ${staff}` },
            }),
            t.app.request(`/api/v1/institutions/MDT/reports/requests.csv?from=2026-01-01&to=${encoded}`, {
              headers: { Authorization: `Bearer ${staff}` },
            }),
            t.app.request(`/api/v1/institutions/MDT/requests/${encoded}/events`, {
              method: 'POST',
              headers: { Authorization: `Bearer ${staff}`, 'Content-Type': 'application/json' },
              body: JSON.stringify(body),
            }),
          ]);
          for (const response of responses) await expectContractError(response, `${segment} ${query}`);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('stores hostile text as it was sent and gives it back inert, as JSON data', async () => {
    const description = `<script>alert(1)</script> '; DROP TABLE requests; -- ${'ñ'.repeat(10)} 😀`;
    const created = await t.file('MDT', { ...valid.mdtComplaint.body, description });
    expect(created.status).toBe(201);
    const { ticket } = await created.json();
    const staffView = await t.app.request(`/api/v1/institutions/MDT/requests/${ticket}`, {
      headers: { Authorization: `Bearer ${staff}` },
    });
    expect(staffView.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect((await staffView.json()).description).toBe(description);
  });
});
