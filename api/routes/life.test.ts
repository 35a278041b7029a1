import { join } from 'node:path';
import fc from 'fast-check';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { valid } from '../../test/fixtures/requests.ts';
import { startTestServices, TEST_NOW, type TestServices } from '../../test/support/services.ts';
import { readCatalogFile } from '../catalog/file.ts';
import { DEMO_CATALOGS_DIR } from '../catalog/seed-demo.ts';
import { importCatalog } from '../commands/import-catalog.ts';
import { inboxQuery } from '../db/inbox.ts';
import { listOutboxOfRequest } from '../db/requests.ts';
import { InboxPageSchema, StatusViewSchema } from '../schema/responses.ts';
import { OPEN_STATUSES } from '../schema/status.ts';

// The life of a request (contract §5) against the real app: every endpoint and refusal, on a clock
// the tests move. Expected dates are counted by hand on the calendar in the comments beside them.

let clock = new Date(TEST_NOW);
let t: TestServices;
let mdtToken: string;
let gputToken: string;
let mspToken: string;

beforeAll(async () => {
  // Mail configured (never delivered: the outbox is manual), so that the citizen's mails are written.
  t = await startTestServices({ SMTP_URL: 'smtp://127.0.0.1:9' }, { now: () => new Date(clock) });
  mdtToken = await t.staffToken('MDT');
  gputToken = await t.staffToken('GPUT');
  mspToken = await t.staffToken('MSP');
});
afterAll(() => t.close());

type Filed = { ticket: string; trackingCode: string; dueDate: string | null };
async function file(institution: string, body: Record<string, unknown>): Promise<Filed> {
  const res = await t.file(institution, body);
  expect(res.status).toBe(201);
  return res.json();
}
const json = { 'Content-Type': 'application/json' };
const staffPost = (institution: string, token: string, ticket: string, path: string, body: unknown) =>
  t.app.request(`/api/v1/institutions/${institution}/requests/${ticket}/${path}`, {
    method: 'POST',
    headers: { ...json, Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
const citizenPost = (filed: Filed, path: string, body: unknown, code = filed.trackingCode, headers = {}) =>
  t.app.request(`/api/v1/requests/${filed.ticket}/${path}`, {
    method: 'POST',
    headers: { ...json, 'X-Tracking-Code': code, ...headers },
    body: JSON.stringify(body),
  });
async function view(filed: { ticket: string; trackingCode: string }) {
  const res = await t.lookup(filed.ticket, filed.trackingCode);
  expect(res.status).toBe(200);
  return v.parse(StatusViewSchema, await res.json());
}
const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

describe('the citizen answers a request for information (CO, Ley 1755 art. 17: the term is suspended)', () => {
  it('answers only while needs_info, resumes the clock, and shows up in the "citizen replied" inbox', async () => {
    clock = new Date(TEST_NOW); // Tuesday 24 Nov 2026, 10:04 in Bogotá
    const filed = await file('GPUT', valid.gputPetition.body);
    // PET: 15 business days from 25 Nov: 25 26 27 30 Nov, 1 2 3 4 7, (8 Dec holiday) 9 10 11 14 15 16 → 16 Dec.
    expect(filed.dueDate).toBe('2026-12-16');
    expect(await errorCode(await citizenPost(filed, 'replies', { message: 'Aquí va' }))).toBe(
      'not_awaiting_reply',
    );

    expect(
      (
        await staffPost('GPUT', gputToken, filed.ticket, 'events', {
          status: 'needs_info',
          note: 'Indique el kilómetro',
        })
      ).status,
    ).toBe(201);
    const asked = await view(filed);
    expect(asked.awaitingReply).toBe(true);
    // One month from 24 Nov: 24 Dec 2026, a Thursday (business day).
    expect(asked.replyBy).toBe('2026-12-24');
    expect(asked.originalDueDate).toBe('2026-12-16');
    expect(asked.history.map((h) => h.by)).toEqual(['citizen', 'institution']);

    // Wrong code and unknown ticket: the same 404.
    const wrong = await citizenPost(filed, 'replies', { message: 'x' }, 'AAAA-BBBB-CCCC');
    expect(wrong.status).toBe(404);
    expect(await errorCode(wrong)).toBe('request_not_found');
    const unknown = await citizenPost({ ...filed, ticket: 'GPUT-PET-2026-99999' }, 'replies', {
      message: 'x',
    });
    expect(unknown.status).toBe(404);
    expect(await errorCode(unknown)).toBe('request_not_found');
    // The code never in the URL; an unknown upload id refused; an empty message refused.
    const inUrl = await t.app.request(`/api/v1/requests/${filed.ticket}/replies?code=${filed.trackingCode}`, {
      method: 'POST',
      headers: { ...json, 'X-Tracking-Code': filed.trackingCode },
      body: JSON.stringify({ message: 'x' }),
    });
    expect(inUrl.status).toBe(400);
    expect((await citizenPost(filed, 'replies', { message: 'x', attachments: ['upl_1'] })).status).toBe(400);
    expect((await citizenPost(filed, 'replies', { message: '' })).status).toBe(400);

    clock = new Date('2026-12-01T15:00:00Z'); // Tuesday 1 Dec
    const reply = await citizenPost(filed, 'replies', {
      message: 'Kilómetro 12, vía Mocoa',
      attachments: [],
    });
    expect(reply.status).toBe(201);
    // Suspended 24 Nov → 1 Dec; 15 business days were left, counted again from 2 Dec:
    // 2 3 4 7, (8 holiday) 9 10 11 14 15 16 17 18 21 22 23 → 23 Dec.
    expect(await reply.json()).toMatchObject({ status: 'in_progress', dueDate: '2026-12-23' });
    const resumed = await view(filed);
    expect(resumed).toMatchObject({
      status: 'in_progress',
      dueDate: '2026-12-23',
      awaitingReply: false,
      replyBy: null,
    });
    expect(resumed.history.at(-1)).toMatchObject({ status: 'in_progress', by: 'citizen' });
    expect(JSON.stringify(resumed)).not.toContain('Kilómetro 12'); // the reply is staff's to read, not public
    expect(await errorCode(await citizenPost(filed, 'replies', { message: 'again' }))).toBe(
      'not_awaiting_reply',
    );

    const inbox = async () =>
      v.parse(
        InboxPageSchema,
        await (
          await t.app.request('/api/v1/institutions/GPUT/requests?replied=true', {
            headers: { Authorization: `Bearer ${gputToken}` },
          })
        ).json(),
      );
    const replied = await inbox();
    expect(replied.items.map((i) => i.ticket)).toEqual([filed.ticket]);
    expect(replied.items[0]?.citizenRepliedAt).toBe('2026-12-01T15:00:00Z');
    expect(
      (await staffPost('GPUT', gputToken, filed.ticket, 'events', { status: 'answered', note: 'Despejada' }))
        .status,
    ).toBe(201);
    expect((await inbox()).items).toEqual([]);
  });
});

describe('withdrawal', () => {
  it('withdraws an open request once, with an optional reason; not a closed one', async () => {
    clock = new Date(TEST_NOW);
    const filed = await file('MDT', valid.mdtComplaint.body);
    const res = await citizenPost(filed, 'withdrawal', { reason: 'Ya se resolvió' });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ status: 'withdrawn' });
    const after = await view(filed);
    expect(after.status).toBe('withdrawn');
    expect(after.history.at(-1)).toMatchObject({ status: 'withdrawn', by: 'citizen' });
    expect(after.overdue).toBe(false);
    expect(await errorCode(await citizenPost(filed, 'withdrawal', {}))).toBe('not_open');
    expect((await citizenPost(filed, 'withdrawal', {}, 'AAAA-BBBB-CCCC')).status).toBe(404);
  });
});

describe('rating the answer', () => {
  it('rates once, only after answered or closed', async () => {
    clock = new Date(TEST_NOW);
    const filed = await file('MDT', valid.mdtComplaint.body);
    const rating = { resolved: true, rating: 4, comment: 'Rápido' };
    expect(await errorCode(await citizenPost(filed, 'satisfaction', rating))).toBe('not_answered');
    await staffPost('MDT', mdtToken, filed.ticket, 'events', { status: 'answered', note: 'Respuesta' });
    expect((await citizenPost(filed, 'satisfaction', { resolved: true, rating: 6 })).status).toBe(400);
    const first = await citizenPost(filed, 'satisfaction', rating);
    expect(first.status).toBe(201);
    expect(await errorCode(await citizenPost(filed, 'satisfaction', rating))).toBe('already_rated');
    expect((await view(filed)).rated).toBe(true);
  });
});

describe('extensions (EC, COA art. 161: at most half the term more, before it expires)', () => {
  it('extends within the cap, refuses beyond it, after the due date and for a type without deadline', async () => {
    clock = new Date(TEST_NOW);
    const filed = await file('MDT', valid.mdtComplaint.body);
    // QUE: 30 business days from 25 Nov (EC: 25 Dec and 1 Jan holidays): → 7 Jan 2027.
    expect(filed.dueDate).toBe('2027-01-07');
    // The cap: 45 business days from 25 Nov: after 7 Jan (30), 8 11 12 13 14 15 18 19 20 21 22 25 26 27 28 → 28 Jan.
    const beyond = await staffPost('MDT', mdtToken, filed.ticket, 'extensions', {
      dueDate: '2027-01-29',
      reason: 'Peritaje',
    });
    expect(beyond.status).toBe(409);
    expect(await errorCode(beyond)).toBe('extension_not_allowed');
    const earlier = await staffPost('MDT', mdtToken, filed.ticket, 'extensions', {
      dueDate: '2027-01-06',
      reason: 'x',
    });
    expect(await errorCode(earlier)).toBe('extension_not_allowed');
    const ok = await staffPost('MDT', mdtToken, filed.ticket, 'extensions', {
      dueDate: '2027-01-28',
      reason: 'Peritaje técnico',
    });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ dueDate: '2027-01-28', previousDueDate: '2027-01-07' });
    const extended = await view(filed);
    expect(extended).toMatchObject({ dueDate: '2027-01-28', originalDueDate: '2027-01-07' });
    expect(extended.extensions).toEqual([
      { dueDate: '2027-01-28', reason: 'Peritaje técnico', at: '2026-11-24T15:04:05Z' },
    ]);
    expect((await staffPost('MDT', mdtToken, filed.ticket, 'extensions', { reason: 'x' })).status).toBe(400);
    expect(
      (await staffPost('MDT', gputToken, filed.ticket, 'extensions', { dueDate: '2027-01-20', reason: 'x' }))
        .status,
    ).toBe(403);

    const late = await file('MDT', valid.mdtComplaint.body);
    clock = new Date('2027-01-08T15:00:00Z'); // the day after its due date
    expect(
      await errorCode(
        await staffPost('MDT', mdtToken, late.ticket, 'extensions', { dueDate: '2027-01-20', reason: 'x' }),
      ),
    ).toBe('extension_not_allowed');
    clock = new Date(TEST_NOW);
    const compliment = await file('MDT', { ...valid.mdtComplaint.body, type: 'FEL' });
    expect(compliment.dueDate).toBeNull();
    expect(
      await errorCode(
        await staffPost('MDT', mdtToken, compliment.ticket, 'extensions', {
          dueDate: '2027-01-20',
          reason: 'x',
        }),
      ),
    ).toBe('extension_not_allowed');
  });
});

describe('transfer', () => {
  it('MDT → MSP: a linked request with its own ticket and clock, opened by the same tracking code', async () => {
    clock = new Date(TEST_NOW);
    const filed = await file('MDT', valid.mdtComplaint.body);
    clock = new Date('2026-11-26T15:00:00Z'); // two days later: the new clock runs from here
    const res = await staffPost('MDT', mdtToken, filed.ticket, 'transfer', {
      to: 'MSP',
      note: 'Compete al MSP',
    });
    expect(res.status).toBe(201);
    const moved = (await res.json()) as { ticket: string; institution: { code: string } };
    expect(moved.ticket).toMatch(/^MSP-QUE-2026-\d{5}$/);
    expect(moved.institution.code).toBe('MSP');
    const source = await view(filed);
    expect(source.status).toBe('transferred');
    expect(source.transferredTo).toEqual({
      ticket: moved.ticket,
      institution: { code: 'MSP', name: 'Ministerio de Salud Pública' },
    });
    const target = await view({ ticket: moved.ticket, trackingCode: filed.trackingCode });
    expect(target.status).toBe('received');
    expect(target.transferredFrom).toEqual({
      ticket: filed.ticket,
      institution: { code: 'MDT', name: 'Ministerio del Trabajo' },
    });
    // 30 business days from 27 Nov: 27 30 Nov, 1-4, 7-11, 14-18, 21-24, (25 hol) 28-31, (1 Jan hol) 4-8 → 30th is 8 Jan... counted:
    // 27(1) 30(2) 1(3) 2(4) 3(5) 4(6) 7(7) 8(8) 9(9) 10(10) 11(11) 14(12) 15(13) 16(14) 17(15) 18(16) 21(17) 22(18) 23(19) 24(20)
    // 28(21) 29(22) 30(23) 31(24) 4 Jan(25) 5(26) 6(27) 7(28) 8(29) 11(30) → 11 Jan 2027.
    expect(target.dueDate).toBe('2027-01-11');
    const staffView = await t.app.request(`/api/v1/institutions/MSP/requests/${moved.ticket}`, {
      headers: { Authorization: `Bearer ${mspToken}` },
    });
    expect(await staffView.json()).toMatchObject({
      transferredFrom: filed.ticket,
      description: valid.mdtComplaint.body.description,
    });
    expect(await errorCode(await staffPost('MDT', mdtToken, filed.ticket, 'transfer', { to: 'MSP' }))).toBe(
      'invalid_transition',
    );
  });

  it('to an entity off the platform: the request ends transferred, with its name', async () => {
    clock = new Date(TEST_NOW);
    const filed = await file('MDT', valid.mdtComplaint.body);
    const res = await staffPost('MDT', mdtToken, filed.ticket, 'transfer', {
      toName: 'IESS',
      note: 'Compete al IESS',
    });
    expect(res.status).toBe(201);
    expect((await view(filed)).transferredTo).toEqual({
      ticket: null,
      institution: { code: null, name: 'IESS' },
    });
    const other = await file('MDT', valid.mdtComplaint.body);
    for (const to of ['MDT', 'NOPE', 'GPUT']) {
      expect(await errorCode(await staffPost('MDT', mdtToken, other.ticket, 'transfer', { to }))).toBe(
        'transfer_not_allowed',
      );
    }
  });
});

describe('tacit withdrawal (EC, COA art. 140: 10 days to complete, or desistimiento)', () => {
  it('reminds once before replyBy and withdraws once after it', async () => {
    clock = new Date(TEST_NOW);
    const filed = await file('MDT', {
      ...valid.mdtComplaint.body,
      citizen: { ...valid.mdtComplaint.body.citizen },
    });
    await staffPost('MDT', mdtToken, filed.ticket, 'events', {
      status: 'needs_info',
      note: 'Adjunte el contrato',
    });
    const asked = await view(filed);
    // 10 business days from 25 Nov: 25 26 27 30, 1 2 3 4 7 8 → 8 Dec.
    expect(asked.replyBy).toBe('2026-12-08');
    const outbox = async () =>
      (
        await listOutboxOfRequest(
          t.deps.db.read,
          Number(
            (
              await t.deps.db.read.execute({
                sql: 'SELECT id FROM requests WHERE ticket = ?',
                args: [filed.ticket],
              })
            ).rows[0]?.id,
          ),
        )
      ).map((m) => `${m.kind} ${m.destination}`);

    // The reminder comes 3 business days before: 3 Dec (4, 7, 8 left).
    clock = new Date('2026-12-03T15:00:00Z');
    await t.maintain();
    await t.maintain();
    const reminders = (await outbox()).filter((m) => m.startsWith('request.reply_reminder'));
    expect(reminders).toEqual(['request.reply_reminder citizen']);

    clock = new Date('2026-12-08T23:00:00Z'); // still 8 Dec in Quito: nothing yet
    await t.maintain();
    expect((await view(filed)).status).toBe('needs_info');

    clock = new Date('2026-12-09T15:00:00Z');
    await t.maintain();
    await t.maintain();
    const withdrawn = await view(filed);
    expect(withdrawn.status).toBe('withdrawn');
    expect(withdrawn.history.filter((h) => h.status === 'withdrawn')).toEqual([
      { status: 'withdrawn', at: '2026-12-09T15:00:00Z', by: 'system' },
    ]);
    const notices = (await outbox()).filter((m) => m.startsWith('request.tacitly_withdrawn'));
    expect(notices).toEqual(['request.tacitly_withdrawn citizen', 'request.tacitly_withdrawn institution']);
  });
});

describe('reports of the life of requests', () => {
  it('count information requests, pauses, extensions, transfers and satisfaction, and the CSV says the same', async () => {
    const get = (path: string) =>
      t.app.request(`/api/v1/institutions/${path}`, { headers: { Authorization: `Bearer ${gputToken}` } });
    // Filed in March 2027, a month no other test files in: the report covers these two alone.
    clock = new Date('2027-03-01T15:00:00Z'); // Monday 1 Mar
    const rated = await file('GPUT', valid.gputPetition.body);
    await file('GPUT', valid.gputPetition.body);
    await staffPost('GPUT', gputToken, rated.ticket, 'events', {
      status: 'needs_info',
      note: '¿Qué kilómetro?',
    });
    clock = new Date('2027-03-08T15:00:00Z'); // Monday 8 Mar: suspended 2 3 4 5 8 Mar = 5 business days
    await citizenPost(rated, 'replies', { message: 'El 12' });
    await staffPost('GPUT', gputToken, rated.ticket, 'events', { status: 'answered', note: 'Listo' });
    await citizenPost(rated, 'satisfaction', { resolved: false, rating: 2 });
    const report = await (await get('GPUT/reports?from=2027-03-01&to=2027-03-31')).json();
    expect(report.life).toMatchObject({
      neededInfo: 1,
      shareNeededInfo: 0.5,
      pausedBusinessDays: { total: 5, average: 5 },
      extended: 0,
      transferredOut: 0,
      satisfaction: {
        rated: 1,
        shareResolved: 0,
        averageRating: 2,
        byType: { PET: { rated: 1, shareResolved: 0, averageRating: 2 } },
        byService: { vias: { rated: 1, shareResolved: 0, averageRating: 2 } },
      },
    });
    const csv = await (await get('GPUT/reports/requests.csv?from=2027-03-01&to=2027-03-31')).text();
    const [head, ...lines] = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    // The life's seven columns, then the file count (the last column).
    expect(head?.split(',').slice(-8)).toEqual([
      'needed_info',
      'paused_business_days',
      'extensions',
      'transferred_to',
      'transferred_from',
      'resolved',
      'rating',
      'attachments',
    ]);
    expect(
      lines
        .find((l) => l.startsWith(rated.ticket))
        ?.split(',')
        .slice(-8),
    ).toEqual(['true', '5', '0', '', '', 'false', '2', '0']);
  });
});

describe('OpenAPI', () => {
  it('documents every new endpoint, its refusals and the status view fields', async () => {
    const doc = await (await t.app.request('/api/openapi.json')).json();
    const refusals: Record<string, string[]> = {
      '/api/v1/requests/{ticket}/replies': ['not_awaiting_reply', 'request_not_found'],
      '/api/v1/requests/{ticket}/withdrawal': ['not_open'],
      '/api/v1/requests/{ticket}/satisfaction': ['not_answered', 'already_rated'],
      '/api/v1/institutions/{code}/requests/{ticket}/extensions': ['extension_not_allowed'],
      '/api/v1/institutions/{code}/requests/{ticket}/transfer': [
        'transfer_not_allowed',
        'invalid_transition',
      ],
    };
    for (const [path, codes] of Object.entries(refusals)) {
      const text = JSON.stringify(doc.paths[path]?.post?.responses ?? {});
      for (const code of codes) expect(text, `${path} ${code}`).toContain(code);
    }
    expect(Object.keys(doc.components.schemas.StatusView.properties)).toEqual(
      expect.arrayContaining([
        'originalDueDate',
        'extensions',
        'awaitingReply',
        'replyBy',
        'transferredTo',
        'transferredFrom',
        'rated',
      ]),
    );
    const inbox = doc.paths['/api/v1/institutions/{code}/requests'].get.parameters.map(
      (p: { name: string }) => p.name,
    );
    expect(inbox).toContain('replied');
  });
});

describe('the "citizen replied" inbox and the sweep read their own indexes', () => {
  it('walks requests_replied and requests_reply_by with no sort', async () => {
    // Its own services: an EXPLAIN through the reader's cached statements can hold the reader's
    // snapshot open, and the other tests must see every later write.
    const own = await startTestServices();
    try {
      const { sql, args } = inboxQuery({
        institution: 'GPUT',
        today: '2026-11-24',
        openStatuses: OPEN_STATUSES,
        limit: 21,
        replied: true,
      });
      const plan = async (statement: string, values: (string | number)[]) =>
        (await own.deps.db.read.execute({ sql: `EXPLAIN QUERY PLAN ${statement}`, args: values })).rows
          .map((row) => String(row.detail))
          .join('\n');
      const inbox = await plan(sql, args);
      expect(inbox).toMatch(/INDEX requests_replied/);
      expect(inbox).not.toMatch(/TEMP B-TREE/);
      const sweep = await plan(
        `SELECT id FROM requests INDEXED BY requests_reply_by
       WHERE status = 'needs_info' AND reply_by IS NOT NULL AND reply_by <= ? ORDER BY reply_by, id LIMIT 500`,
        ['2027-01-01'],
      );
      expect(sweep).toMatch(/INDEX requests_reply_by/);
      expect(sweep).not.toMatch(/TEMP B-TREE/);
    } finally {
      await own.close();
    }
  });
});

describe('CORS and rate limits of the citizen endpoints, as the lookup', () => {
  it("lets the institution's allowed origin post and refuses another", async () => {
    clock = new Date(TEST_NOW);
    const filed = await file('MDT', valid.mdtComplaint.body);
    const preflight = await t.app.request(`/api/v1/requests/${filed.ticket}/withdrawal`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://www.trabajo.gob.ec',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type, x-tracking-code',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBe('https://www.trabajo.gob.ec');
    expect(preflight.headers.get('Access-Control-Allow-Headers')).toContain('X-Tracking-Code');
    const foreign = await citizenPost(filed, 'withdrawal', {}, filed.trackingCode, {
      Origin: 'https://evil.example',
    });
    expect(foreign.status).toBe(403);
    expect(await errorCode(foreign)).toBe('origin_not_allowed');
    const allowed = await citizenPost(filed, 'withdrawal', {}, filed.trackingCode, {
      Origin: 'https://www.trabajo.gob.ec',
    });
    expect(allowed.status).toBe(201);
    expect(allowed.headers.get('Access-Control-Allow-Origin')).toBe('https://www.trabajo.gob.ec');
  });

  it('answers 429 after repeated wrong codes, and only failures count', async () => {
    const limited = await startTestServices({ RATE_LIMIT: 'on' });
    try {
      const filed = (await (await limited.file('MDT', valid.mdtComplaint.body)).json()) as Filed;
      const post = (code: string) =>
        limited.app.request(`/api/v1/requests/${filed.ticket}/replies`, {
          method: 'POST',
          headers: { ...json, 'X-Tracking-Code': code },
          body: JSON.stringify({ message: 'x' }),
        });
      // A right code refused for its status (409) is not a failed guess.
      for (let i = 0; i < 3; i++) expect((await post(filed.trackingCode)).status).toBe(409);
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) statuses.push((await post('AAAA-BBBB-CCCC')).status);
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(404));
      expect(statuses[10]).toBe(429);
      const blocked = await post(filed.trackingCode);
      expect(blocked.status).toBe(429);
      expect(blocked.headers.get('Retry-After')).toMatch(/^\d+$/);
    } finally {
      await limited.close();
    }
  });
});

describe('malformed input to the new endpoints never produces a 5xx', () => {
  it('random bodies, tickets and codes: always a 4xx in the error shape, or a success', async () => {
    clock = new Date(TEST_NOW);
    const open = await file('MDT', valid.mdtComplaint.body);
    const near = fc.record(
      {
        message: fc.oneof(fc.string(), fc.integer()),
        attachments: fc.oneof(fc.array(fc.string()), fc.string()),
        reason: fc.oneof(fc.string(), fc.constant(null)),
        resolved: fc.oneof(fc.boolean(), fc.string()),
        rating: fc.oneof(fc.integer({ min: -2, max: 8 }), fc.double(), fc.string()),
        dueDate: fc.oneof(fc.constantFrom('2027-01-20', '2027-02-30', '2026-01-01', ''), fc.string()),
        to: fc.oneof(fc.constantFrom('MSP', 'MDT', 'GPUT', 'NOPE', 'msp'), fc.string()),
        toName: fc.string(),
        note: fc.string(),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.jsonValue(), near),
        fc.oneof(fc.constant(open.ticket), fc.string({ maxLength: 30 })),
        fc.oneof(fc.constant(open.trackingCode), fc.string({ maxLength: 30 })),
        async (body, ticket, code) => {
          const segment = encodeURIComponent(ticket) || 'x';
          const header = /^[\x20-\x7e]*$/.test(code) ? code : 'x';
          const responses = await Promise.all([
            ...['replies', 'withdrawal', 'satisfaction'].map((path) =>
              t.app.request(`/api/v1/requests/${segment}/${path}`, {
                method: 'POST',
                headers: { ...json, 'X-Tracking-Code': header },
                body: JSON.stringify(body),
              }),
            ),
            ...['extensions', 'transfer'].map((path) => staffPost('MDT', mdtToken, segment, path, body)),
          ]);
          for (const response of responses) {
            expect(response.status, JSON.stringify(body)).toBeLessThan(500);
            if (response.status >= 400) {
              const error = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
              expect(typeof error.error?.code).toBe('string');
              expect(typeof error.error?.message).toBe('string');
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('the catalog publishes the legal clock', () => {
  it('with each rule, its legalBasis and whether it is a setting; a catalog file sets only settings', async () => {
    const catalog = async (code: string) => (await t.app.request(`/api/v1/institutions/${code}`)).json();
    const co = (await catalog('GPUT')).legalClock;
    expect(co.infoRequest).toMatchObject({ value: 'pause', setting: false });
    expect(co.infoRequest.legalBasis).toContain('Ley 1755 de 2015, art. 17');
    expect(co.extensionFactor.legalBasis).toContain('art. 14');
    expect(co.transferDays).toMatchObject({ value: 5, setting: false });
    expect((await catalog('MDT')).legalClock.replyTerm.legalBasis).toContain('art. 140');
    const pe = (await catalog('MML')).legalClock;
    expect(pe.infoRequest).toMatchObject({ value: 'none', setting: true });

    const file = readCatalogFile(join(DEMO_CATALOGS_DIR, 'pe-mml.json'));
    await importCatalog(
      t.deps.db,
      { ...file, legalClock: { infoRequest: 'restart', tacitWithdrawal: true } },
      clock,
    );
    const gput = readCatalogFile(join(DEMO_CATALOGS_DIR, 'co-gput.json'));
    await importCatalog(t.deps.db, { ...gput, legalClock: { infoRequest: 'none' } }, clock);
    t.deps.catalogs.clear();
    expect((await catalog('MML')).legalClock).toMatchObject({
      infoRequest: { value: 'restart', setting: true },
      tacitWithdrawal: { value: true, setting: true },
    });
    expect((await catalog('GPUT')).legalClock.infoRequest.value).toBe('pause');
    // Back to the demo's files for the tests that follow.
    await importCatalog(t.deps.db, file, clock);
    await importCatalog(t.deps.db, gput, clock);
    t.deps.catalogs.clear();
  });
});

describe('the reply-deadline sweep pages', () => {
  it('goes on from where a page stopped, so requests with nothing to do never hold back the rest', async () => {
    clock = new Date('2027-06-01T15:00:00Z'); // Tuesday 1 Jun 2027
    const first = await file('MDT', valid.mdtComplaint.body);
    const second = await file('MDT', valid.mdtComplaint.body);
    for (const r of [first, second])
      await staffPost('MDT', mdtToken, r.ticket, 'events', { status: 'needs_info', note: 'x' });
    // 10 business days after 1 Jun 2027: 2 3 4 7 8 9 10 11 14 15 → 15 Jun; both past it on 16 Jun.
    expect((await view(first)).replyBy).toBe('2027-06-15');
    const now = '2027-06-16T15:00:00Z';
    const one = await t.deps.db.writer.run('sweepReplyDeadlines', { now, mail: false, limit: 1 });
    expect(one.withdrawn).toEqual([first.ticket]);
    expect(one.next).not.toBeNull();
    const two = await t.deps.db.writer.run('sweepReplyDeadlines', {
      now,
      mail: false,
      limit: 1,
      after: one.next,
    });
    expect(two.withdrawn).toEqual([second.ticket]);
  });
});

describe('anonymisation', () => {
  it("erases the rating's comment and keeps its figures", async () => {
    clock = new Date(TEST_NOW);
    const filed = await file('MDT', valid.mdtComplaint.body);
    await staffPost('MDT', mdtToken, filed.ticket, 'events', { status: 'answered', note: 'Respuesta' });
    await citizenPost(filed, 'satisfaction', { resolved: true, rating: 5, comment: 'Gracias, Ana Quispe' });
    const row = async () =>
      (
        await t.deps.db.read.execute({
          sql: `SELECT r.tracking_code_sealed, g.comment, g.rating FROM requests r
                JOIN request_ratings g ON g.request_id = r.id WHERE r.ticket = ?`,
          args: [filed.ticket],
        })
      ).rows[0];
    expect((await row())?.comment).toBe('Gracias, Ana Quispe');
    expect(
      (await staffPost('MDT', mdtToken, filed.ticket, 'anonymization', { reason: 'a petición' })).status,
    ).toBe(201);
    expect(await row()).toMatchObject({ tracking_code_sealed: null, comment: null, rating: 5 });
  });
});
