import type { Server } from 'node:http';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import fc from 'fast-check';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '../api/schema/responses.ts';
import { valid } from './fixtures/requests.ts';
import { startTestServices, type TestServices } from './support/services.ts';

let t: TestServices;
let staff: string;
let server: Server;
let serverPort: number;
beforeAll(async () => {
  // Behind one proxy, so X-Forwarded-For is read (and its garbage met) on every request.
  t = await startTestServices({ TRUST_PROXY: 'true' });
  staff = await t.staffToken('MDT');
  server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  serverPort = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

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

/** A valid filing, or one that carries a deeply nested unknown field (JSON.parse takes any depth). */
const filingBody = fc.oneof(
  fc.constant(JSON.stringify(valid.mdtComplaint.body)),
  fc
    .integer({ min: 1_000, max: 25_000 })
    .map(
      (n) =>
        `${JSON.stringify(valid.mdtComplaint.body).slice(0, -1)},"extra":${'['.repeat(n)}${']'.repeat(n)}}`,
    ),
);
const garbage = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary' }),
);
/** Headers a client or the proxies between may send; any of them may be absent. */
const filingHeaders = fc.record(
  {
    'Idempotency-Key': fc.oneof(
      fc.constant(''),
      fc.stringMatching(/^[\x21-\x7e]{1,128}$/),
      fc.string({ minLength: 129, maxLength: 2_000 }),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 64 }),
      fc.constantFrom(' ', 'a b', 'ñandú', '😀', 'x'.repeat(8_000)),
    ),
    'Content-Type': fc.oneof(
      fc.constantFrom(
        'application/json',
        'application/json; charset=utf-8',
        'application/json; charset=latin1',
        'application/problem+json',
        'APPLICATION/JSON',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/json;;;',
        '',
      ),
      garbage,
    ),
    'Content-Encoding': fc.oneof(
      fc.constantFrom('gzip', 'br', 'deflate', 'identity', 'gzip, br', ''),
      garbage,
    ),
    'Accept-Language': fc.oneof(fc.constantFrom('en', 'es-EC,es;q=0.9', 'fr', '*', 'en;q=abc', ''), garbage),
    'X-Forwarded-For': fc.oneof(
      fc.constantFrom(
        '203.0.113.7',
        '2001:db8::1, 198.51.100.2',
        'unknown',
        ', ,',
        '1.2.3.4.5',
        '::ffff:1.2.3.4',
      ),
      fc.array(fc.oneof(fc.ipV4(), fc.ipV6(), garbage), { maxLength: 20 }).map((list) => list.join(', ')),
      fc.string({ minLength: 1_000, maxLength: 8_000 }),
    ),
    'X-Real-IP': fc.oneof(fc.ipV4(), garbage),
    Forwarded: garbage,
    Origin: fc.oneof(
      fc.constantFrom('http://127.0.0.1:8787', 'null', 'https://evil.example', ''),
      fc.webUrl(),
      garbage,
    ),
    'Accept-Encoding': fc.oneof(fc.constantFrom('gzip', 'br', 'gzip;q=0, identity', '*'), garbage),
  },
  { requiredKeys: [] },
);

/**
 * What a client on the wire can send in a header: any byte but the control characters (Node reads
 * the others as Latin-1, which is how UTF-8 keys arrive). Leading and trailing blanks are trimmed.
 */
function asByteStrings(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      Buffer.from(value, 'utf8')
        .toString('latin1')
        // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
        .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '')
        .trim(),
    ]),
  );
}

/** A POST over a real socket with headers as raw bytes, the body as given (not re-encoded). */
function rawPost(
  path: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port: serverPort,
        path,
        method: 'POST',
        headers: asByteStrings(headers),
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

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

  it('filing: header combinations (idempotency keys, media types, encodings, languages, proxies, origins)', async () => {
    await fc.assert(
      fc.asyncProperty(filingHeaders, filingBody, async (headers, body) => {
        const response = await t.app.request('/api/v1/institutions/MDT/requests', {
          method: 'POST',
          headers: asByteStrings(headers),
          body,
        });
        await expectContractError(response, `${JSON.stringify(headers)} ${body.slice(0, 80)}`);
      }),
      { numRuns: 300 },
    );
  });

  it('filing over a real socket: the same header combinations, as raw bytes', async () => {
    await fc.assert(
      fc.asyncProperty(filingHeaders, filingBody, async (headers, body) => {
        const { status, text } = await rawPost('/api/v1/institutions/MDT/requests', headers, body);
        expect(status, `${JSON.stringify(headers)} → ${text.slice(0, 200)}`).toBeLessThan(500);
        if (status >= 400) expect(v.is(ErrorBodySchema, JSON.parse(text)), text.slice(0, 200)).toBe(true);
      }),
      { numRuns: 150 },
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
            t.app.request(`/api/v1/requests/${encoded}`, {
              headers: { ...origin, ...asByteStrings({ 'X-Tracking-Code': query }) },
            }),
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
