import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { valid } from '../../test/fixtures/requests.ts';
import { startTestServices, type TestServices } from '../../test/support/services.ts';
import { ReportResponseSchema, ReportSchema } from '../schema/report.ts';

/**
 * The report is checked against a seeded data set whose expected figures are computed here, from
 * the plan of the data set alone: no code of the application is used to compute them. The dates lie
 * between 10 Nov and 22 Dec 2026, when Ecuador has no national holiday, so business days are the
 * weekdays; MDT's time zone is UTC−5 all year.
 */

let clock = new Date('2026-11-10T15:00:00Z');
let t: TestServices;
let token = '';

interface Planned {
  createdAt: string;
  type: string;
  service: string;
  outcome: 'answered' | 'in_progress' | 'closed' | 'received';
  answeredAt: string | null;
  ticket: string;
  dueDate: string | null;
  description: string;
}
const plan: Planned[] = [];
const TYPES = ['QUE', 'SUG', 'PDP', 'FEL', 'PRE'];
const DELAYS = [0, 1, 3, 6, 10, 20, 25];
const OUTCOMES = ['answered', 'in_progress', 'closed', 'received'] as const;

const addDays = (day: string, n: number) => {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
/** Local date in Guayaquil (UTC−5, no daylight saving). */
const guayaquil = (instant: string) =>
  new Date(new Date(instant).getTime() - 5 * 3600_000).toISOString().slice(0, 10);
function weekdaysAfterUpTo(from: string, to: string): number {
  let n = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) n++;
  }
  return n;
}

async function file(createdAt: string, type: string, service: string, description: string) {
  clock = new Date(createdAt);
  const response = await t.file('MDT', { ...valid.mdtComplaint.body, type, service, description });
  expect(response.status).toBe(201);
  return response.json();
}
async function move(ticket: string, status: string, at: string) {
  clock = new Date(at);
  const response = await t.app.request(`/api/v1/institutions/MDT/requests/${ticket}/events`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ status, note: 'Respuesta' }),
  });
  expect(response.status).toBe(201);
}

beforeAll(async () => {
  t = await startTestServices({}, { now: () => new Date(clock) });
  token = await t.staffToken('MDT');
  for (let i = 0; i < 30; i++) {
    const day = addDays('2026-11-10', i % 18);
    const type = TYPES[i % TYPES.length] as string;
    const service = type === 'PDP' || i % 2 === 1 ? 'otro' : 'contratos';
    const outcome = OUTCOMES[i % 4] as Planned['outcome'];
    const description =
      i === 0 ? '=HYPERLINK("http://evil") cobró, "dijo" ñandú\nsegunda línea' : `Solicitud de prueba ${i}`;
    const receipt = await file(`${day}T15:00:00Z`, type, service, description);
    const delay = outcome === 'closed' ? ((i % 7) * 2) % 26 : (DELAYS[i % DELAYS.length] as number);
    const answeredAt =
      outcome === 'answered' || outcome === 'closed' ? `${addDays(day, delay)}T16:00:00Z` : null;
    plan.push({
      createdAt: `${day}T15:00:00Z`,
      type,
      service,
      outcome,
      answeredAt,
      ticket: receipt.ticket,
      dueDate: receipt.dueDate,
      description,
    });
  }
  for (const p of plan) {
    if (p.outcome === 'in_progress')
      await move(p.ticket, 'in_progress', `${addDays(p.createdAt.slice(0, 10), 1)}T16:00:00Z`);
    if (p.answeredAt) await move(p.ticket, 'answered', p.answeredAt);
    if (p.outcome === 'closed')
      await move(p.ticket, 'closed', `${addDays((p.answeredAt as string).slice(0, 10), 1)}T16:00:00Z`);
  }
  // At the edges of the range, in local time: 9 Nov 22:00 and 28 Nov 00:00 are out, 27 Nov 23:59 is in.
  for (const [createdAt, inRange] of [
    ['2026-11-10T03:00:00Z', false],
    ['2026-11-28T04:59:00Z', true],
    ['2026-11-28T05:00:00Z', false],
  ] as const) {
    const receipt = await file(createdAt, 'SUG', 'contratos', 'En el borde del periodo');
    if (inRange) {
      plan.push({
        createdAt,
        type: 'SUG',
        service: 'contratos',
        outcome: 'received',
        answeredAt: null,
        ticket: receipt.ticket,
        dueDate: receipt.dueDate,
        description: 'En el borde del periodo',
      });
    }
  }
  clock = new Date('2026-12-31T15:00:00Z');
});
afterAll(() => t?.close());

const report = async (query: string, auth = token) =>
  t.app.request(`/api/v1/institutions/MDT/reports${query}`, { headers: { Authorization: `Bearer ${auth}` } });

describe('GET /institutions/{code}/reports', () => {
  it('gives the figures computed independently from the data set', async () => {
    const response = await report('?from=2026-11-10&to=2026-11-27');
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(v.safeParse(ReportSchema, body).success).toBe(true);

    const count = (key: (p: Planned) => string) => {
      const counts: Record<string, number> = {};
      for (const p of plan) counts[key(p)] = (counts[key(p)] ?? 0) + 1;
      return counts;
    };
    const answered = plan.filter((p) => p.answeredAt);
    const withDeadline = plan.filter((p) => p.dueDate);
    const within = withDeadline.filter(
      (p) => p.answeredAt && guayaquil(p.answeredAt) <= (p.dueDate as string),
    );
    const days = answered
      .map((p) => weekdaysAfterUpTo(guayaquil(p.createdAt), guayaquil(p.answeredAt as string)))
      .sort((a, b) => a - b);
    const overdue = plan.filter(
      (p) => p.dueDate && p.dueDate < '2026-12-31' && ['received', 'in_progress'].includes(p.outcome),
    );

    expect(plan).toHaveLength(31);
    expect(body).toMatchObject({
      institution: 'MDT',
      from: '2026-11-10',
      to: '2026-11-27',
      total: 31,
      byType: count((p) => p.type),
      byService: count((p) => p.service),
      byStatus: count((p) => p.outcome),
      answered: answered.length,
      shareAnswered: Math.round((answered.length / 31) * 10_000) / 10_000,
      withDeadline: withDeadline.length,
      answeredWithinDeadline: within.length,
      shareAnsweredWithinDeadline: Math.round((within.length / withDeadline.length) * 10_000) / 10_000,
      businessDaysToAnswer: {
        average: Math.round((days.reduce((a, b) => a + b, 0) / days.length) * 100) / 100,
        p90: days[Math.ceil(days.length * 0.9) - 1],
      },
    });
    expect(body.overdue.map((o: { ticket: string }) => o.ticket).sort()).toEqual(
      overdue.map((p) => p.ticket).sort(),
    );
    // The data set really exercises each figure.
    expect(within.length).toBeGreaterThan(0);
    expect(within.length).toBeLessThan(withDeadline.filter((p) => p.answeredAt).length + 1);
    expect(overdue.length).toBeGreaterThan(0);
    expect(new Set(days).size).toBeGreaterThan(3);
  });

  it("gives the charts' figures: per week and type, days to answer, overdue by unit, ratings", async () => {
    const body = await (await report('?from=2026-11-10&to=2026-11-27')).json();
    expect(v.safeParse(ReportResponseSchema, body).success).toBe(true);
    // The weeks start on Monday: 9, 16 and 23 Nov 2026 cover 10 to 27 Nov.
    const mondays = ['2026-11-09', '2026-11-16', '2026-11-23'];
    const weekOf = (day: string) => mondays.filter((monday) => monday <= day).at(-1) as string;
    const perWeek = mondays.map((week) => {
      const byType: Record<string, number> = {};
      for (const p of plan.filter((p) => weekOf(guayaquil(p.createdAt)) === week))
        byType[p.type] = (byType[p.type] ?? 0) + 1;
      return { week, byType };
    });
    expect(body.perWeek).toEqual(perWeek);
    const days: Record<number, number> = {};
    for (const p of plan.filter((p) => p.answeredAt)) {
      const n = weekdaysAfterUpTo(guayaquil(p.createdAt), guayaquil(p.answeredAt as string));
      days[n] = (days[n] ?? 0) + 1;
    }
    expect(body.daysToAnswer).toEqual(
      Object.entries(days)
        .map(([n, count]) => ({ days: Number(n), count }))
        .sort((a, b) => a.days - b.days),
    );
    const overdue = body.overdue.length;
    expect(overdue).toBeGreaterThan(0);
    expect(body.overdueByUnit.reduce((sum: number, unit: { count: number }) => sum + unit.count, 0)).toBe(
      overdue,
    );
    // Nobody rated these answers: five empty buckets.
    expect(body.satisfaction).toEqual([1, 2, 3, 4, 5].map((rating) => ({ rating, count: 0 })));
  });

  it('counts nothing outside the range', async () => {
    const body = await (await report('?from=2026-10-01&to=2026-10-31')).json();
    expect(body).toMatchObject({
      total: 0,
      answered: 0,
      shareAnswered: null,
      businessDaysToAnswer: { average: null, p90: null },
    });
  });

  it('refuses bad ranges, and callers without a token for the institution', async () => {
    for (const query of [
      '',
      '?from=2026-11-10',
      '?from=2026-13-01&to=2026-12-01',
      '?from=2026-12-01&to=2026-11-01',
      '?from=2024-01-01&to=2026-01-01',
    ]) {
      const response = await report(query);
      expect(response.status, query).toBe(400);
      expect((await response.json()).error.code).toBe('validation_failed');
    }
    expect((await report('?from=2026-11-10&to=2026-11-27', 'cc_not-a-token-at-all')).status).toBe(401);
    const other = await t.staffToken('GPUT');
    expect((await report('?from=2026-11-10&to=2026-11-27', other)).status).toBe(403);
  });
});

describe('GET /institutions/{code}/reports/requests.csv', () => {
  it('exports the range as UTF-8 CSV with a byte order mark, quoted and defused', async () => {
    const response = await t.app.request(
      '/api/v1/institutions/MDT/reports/requests.csv?from=2026-11-10&to=2026-11-27',
      {
        headers: { Authorization: `Bearer ${token}` },
      },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=UTF-8');
    expect(response.headers.get('Content-Disposition')).toContain('MDT-2026-11-10-2026-11-27.csv');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
    const lines = text.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe(
      'ticket,type,service,status,created_at,due_date,answered_at,overdue,subject,description,anonymous,document_type,document_number,first_name,last_name,email,phone,response_channel,locale,needed_info,paused_business_days,extensions,transferred_to,transferred_from,resolved,rating,attachments',
    );
    // One line per request, but the first description holds a line break inside its quotes.
    expect(text.match(/^MDT-/gm)).toHaveLength(31);
    expect(text).toContain(`"'=HYPERLINK(""http://evil"") cobró, ""dijo"" ñandú\nsegunda línea"`);
    expect(text).toContain('ana.quispe@example.org');
  });
});
