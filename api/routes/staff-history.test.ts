import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { valid } from '../../test/fixtures/requests.ts';
import { startTestServices, TEST_NOW, type TestServices } from '../../test/support/services.ts';
import { StaffBrowser } from '../../test/support/staff-browser.ts';
import { createStaffToken } from '../commands/staff-tokens.ts';
import { activityQuery } from '../db/requests.ts';
import { StaffRequestSchema, StatusViewSchema } from '../schema/responses.ts';

// Issue 20: the request screen's "whole history, who did what". Besides its status events, a
// request's `activity` lists the extensions of its due date and its assignments, each with who and
// when, oldest first; the citizen's status view never shows an assignment.

let clock = new Date(TEST_NOW);
let t: TestServices;
let server: Server;
let base: string;
let supervisor: StaffBrowser;
let supervisorId: number;
let agentId: number;
let agentName: string;
let otherUnit: { id: number; name: string };
let homeUnit: { id: number; name: string };
let filed: { ticket: string; trackingCode: string; dueDate: string };
let token: { id: number; token: string };

/** The clock moves on a minute per action, so that each one has its own time. */
const minutesLater = (n: number) =>
  `${new Date(TEST_NOW.getTime() + n * 60_000).toISOString().slice(0, 19)}Z`;
const at = (n: number) => {
  clock = new Date(minutesLater(n));
};

async function as(email: string) {
  const browser = new StaffBrowser(base);
  const response = await browser.signIn(email, 'contacto-demo');
  expect(response.status, email).toBe(200);
  return { browser, account: ((await response.json()) as { account: { id: number } }).account };
}

const one = async <T>(sql: string, args: (string | number)[]) =>
  (await t.deps.db.read.execute({ sql, args })).rows[0] as unknown as T;

beforeAll(async () => {
  t = await startTestServices({}, { now: () => new Date(clock) });
  server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const response = await t.file('MDT', valid.mdtComplaint.body);
  expect(response.status).toBe(201);
  filed = await response.json();
  const s = await as('supervisor@mdt.demo');
  supervisor = s.browser;
  supervisorId = s.account.id;
  const a = await as('agente@mdt.demo');
  agentId = a.account.id;
  agentName = (await one<{ name: string }>('SELECT name FROM accounts WHERE id = ?', [agentId])).name;
  homeUnit = await one(
    'SELECT u.id, u.name FROM units u JOIN requests r ON r.unit_id = u.id WHERE r.ticket = ?',
    [filed.ticket],
  );
  otherUnit = await one('SELECT id, name FROM units WHERE institution = ? AND id <> ? ORDER BY id LIMIT 1', [
    'MDT',
    homeUnit.id,
  ]);
  expect(otherUnit?.id).toBeTypeOf('number');
  token = await createStaffToken(t.deps.db, 'MDT', 'history test', t.deps.now());

  const post = async (path: string, body: unknown, expected: number) => {
    const answer = await supervisor.request(
      'POST',
      `/api/v1/institutions/MDT/requests/${filed.ticket}/${path}`,
      body,
    );
    expect(answer.status, `${path}: ${await answer.clone().text()}`).toBe(expected);
  };
  at(1);
  await post('events', { status: 'in_progress' }, 201);
  at(2);
  await post('assignment', { accountId: agentId }, 200);
  at(3);
  await post(
    'extensions',
    { dueDate: '2027-01-14', reason: 'Se requiere el informe de la inspección.' },
    201,
  );
  at(4);
  await post('assignment', { unitId: otherUnit.id, accountId: null }, 200);
  at(5);
  // An integration's token extends too: its actor is the token's.
  const byToken = await t.app.request(`/api/v1/institutions/MDT/requests/${filed.ticket}/extensions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ dueDate: '2027-01-20', reason: 'Peritaje técnico' }),
  });
  expect(byToken.status).toBe(201);
  at(6);
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await t?.close();
});

describe("a request's activity: extensions and assignments (issue 20)", () => {
  it('lists every extension and assignment with who and when, oldest first', async () => {
    const response = await supervisor.request('GET', `/api/v1/institutions/MDT/requests/${filed.ticket}`);
    expect(response.status).toBe(200);
    const request = v.parse(StaffRequestSchema, await response.json());
    expect(request.activity).toEqual([
      {
        kind: 'assignment',
        at: minutesLater(2),
        actor: `account:${supervisorId}`,
        // The unit it was already in, and now the agent too.
        unit: { id: homeUnit.id, name: homeUnit.name },
        assignee: { id: agentId, name: agentName },
      },
      {
        kind: 'extension',
        at: minutesLater(3),
        actor: `account:${supervisorId}`,
        dueDate: '2027-01-14',
        previousDueDate: filed.dueDate,
        reason: 'Se requiere el informe de la inspección.',
      },
      {
        kind: 'assignment',
        at: minutesLater(4),
        actor: `account:${supervisorId}`,
        unit: { id: otherUnit.id, name: otherUnit.name },
        assignee: null,
      },
      {
        kind: 'extension',
        at: minutesLater(5),
        actor: `staff:${token.id}`,
        dueDate: '2027-01-20',
        previousDueDate: '2027-01-14',
        reason: 'Peritaje técnico',
      },
    ]);
    // The status events are still apart, and the moves are there with their own times.
    expect(request.events?.map((e) => [e.status, e.at])).toEqual([
      ['received', `${TEST_NOW.toISOString().slice(0, 19)}Z`],
      ['in_progress', minutesLater(1)],
    ]);
    // The assignment is where the request is now.
    expect(request.unit).toEqual(otherUnit);
    expect(request.assignee).toBeNull();
  });

  it('reads both kinds in one statement from their indexes, without scanning a table', async () => {
    const id = Number(
      (await one<{ id: number }>('SELECT id FROM requests WHERE ticket = ?', [filed.ticket])).id,
    );
    const query = activityQuery({ id, ticket: filed.ticket, institution: 'MDT' });
    const plan = (
      await t.deps.db.read.execute({ sql: `EXPLAIN QUERY PLAN ${query.sql}`, args: query.args })
    ).rows
      .map((row) => String(row.detail))
      .join('\n');
    expect(plan).toContain('request_extensions_request');
    expect(plan).toContain('audit_ticket');
    expect(plan).not.toMatch(/SCAN (x|a|request_extensions|audit_log)\b/);
  });

  it("never shows an assignment in the citizen's status view, which keeps its extensions", async () => {
    const response = await t.lookup(filed.ticket, filed.trackingCode);
    expect(response.status).toBe(200);
    const raw = await response.text();
    const view = v.parse(StatusViewSchema, JSON.parse(raw));
    expect(Object.keys(view)).not.toContain('activity');
    expect(view.extensions.map((e) => e.dueDate)).toEqual(['2027-01-14', '2027-01-20']);
    expect(view.history.map((h) => h.status)).toEqual(['received', 'in_progress']);
    for (const internal of ['assign', otherUnit.name, homeUnit.name, agentName, `account:${supervisorId}`]) {
      expect(raw, internal).not.toContain(internal);
    }
  });

  it('keeps the citizen’s data out of the audit entries it reads', async () => {
    const { rows } = await t.deps.db.read.execute({
      sql: "SELECT detail FROM audit_log WHERE ticket = ? AND action = 'request.assign' ORDER BY id",
      args: [filed.ticket],
    });
    expect(rows.map((row) => JSON.parse(String(row.detail)))).toEqual([
      { unitId: homeUnit.id, accountId: agentId },
      { unitId: otherUnit.id, accountId: null },
    ]);
  });

  it('stores an assignment and its audit entry together or not at all', async () => {
    const before = await one<{ unit_id: number; n: number }>(
      `SELECT unit_id, (SELECT count(*) FROM audit_log WHERE ticket = ? AND action = 'request.assign') AS n
         FROM requests WHERE ticket = ?`,
      [filed.ticket, filed.ticket],
    );
    const target = before.unit_id === homeUnit.id ? otherUnit.id : homeUnit.id;
    // An entry the audit log refuses (its actor is NOT NULL): the whole job must be undone.
    await expect(
      t.deps.db.writer.run('assignRequest', {
        institution: 'MDT',
        ticket: filed.ticket,
        unitId: target,
        at: minutesLater(30),
        audit: {
          at: minutesLater(30),
          institution: 'MDT',
          actor: null as unknown as string,
          action: 'request.assign',
          ticket: filed.ticket,
        },
      }),
    ).rejects.toThrow();
    const after = await one<{ unit_id: number; n: number }>(
      `SELECT unit_id, (SELECT count(*) FROM audit_log WHERE ticket = ? AND action = 'request.assign') AS n
         FROM requests WHERE ticket = ?`,
      [filed.ticket, filed.ticket],
    );
    expect(after).toEqual(before);
  });
});
