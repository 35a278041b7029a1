import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { valid } from '../../test/fixtures/requests.ts';
import { startTestServices, type TestServices } from '../../test/support/services.ts';
import { StaffBrowser } from '../../test/support/staff-browser.ts';
import { InboxRowPageSchema, RequestSearchResultSchema, StaffRequestSchema } from '../schema/responses.ts';

// Issue 20's inbox: the unit and assignee filters, the search by name or document number, and
// where a request is, through a real HTTP server with the demo accounts' sessions.

let t: TestServices;
let server: Server;
let base: string;
let agent: StaffBrowser;
let supervisor: StaffBrowser;
let auditor: StaffBrowser;
let agentId: number;
const tickets: Record<string, string> = {};
let agentUnit: number;
let otherUnit: number;

const complaint = valid.mdtComplaint.body;
const citizen = complaint.citizen;

async function as(email: string) {
  const browser = new StaffBrowser(base);
  const response = await browser.signIn(email, 'contacto-demo');
  expect(response.status, email).toBe(200);
  return { browser, account: ((await response.json()) as { account: { id: number } }).account };
}

const unitOf = async (ticket: string) =>
  Number(
    (await t.deps.db.read.execute({ sql: 'SELECT unit_id FROM requests WHERE ticket = ?', args: [ticket] }))
      .rows[0]?.unit_id,
  );

const inbox = async (who: StaffBrowser, query: string) => {
  const response = await who.request('GET', `/api/v1/institutions/MDT/requests?view=row&${query}`);
  expect(response.status, query).toBe(200);
  return v.parse(InboxRowPageSchema, await response.json());
};
const ticketsOf = (page: { items: { ticket: string }[] }) => page.items.map((item) => item.ticket);

const search = async (who: StaffBrowser, q: string) => {
  const response = await who.request('POST', '/api/v1/institutions/MDT/request-search', { q });
  expect(response.status, q).toBe(200);
  return v.parse(RequestSearchResultSchema, await response.json());
};

beforeAll(async () => {
  t = await startTestServices();
  server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const file = async (name: string, body: Record<string, unknown>, who: Record<string, unknown> = {}) => {
    const response = await t.file('MDT', { ...complaint, ...body, citizen: { ...citizen, ...who } });
    expect(response.status, name).toBe(201);
    tickets[name] = ((await response.json()) as { ticket: string }).ticket;
  };
  // The demo routes `contratos` to the agent's unit and `encuentra-empleo` to another one.
  await file('perez', {}, { firstName: 'María José', lastName: 'Pérez Gómez', documentNumber: '1710034065' });
  await file('peralta', {}, { firstName: 'Luis', lastName: 'PERALTA', documentNumber: '0926687856' });
  await file('nunez', {}, { firstName: 'Íñigo', lastName: 'Núñez' });
  await file('elsewhere', { service: 'encuentra-empleo' }, { firstName: 'Rosa', lastName: 'Pérez' });
  await file('erased', {}, { firstName: 'Elena', lastName: 'Perea', documentNumber: '1710034065' });
  await file('assigned', {}, { firstName: 'Ana', lastName: 'Quispe' });
  agentUnit = await unitOf(tickets.perez as string);
  otherUnit = await unitOf(tickets.elsewhere as string);
  expect(agentUnit).not.toBe(otherUnit);

  const a = await as('agente@mdt.demo');
  agent = a.browser;
  agentId = a.account.id;
  supervisor = (await as('supervisor@mdt.demo')).browser;
  auditor = (await as('auditor@mdt.demo')).browser;
  const assign = await supervisor.request(
    'POST',
    `/api/v1/institutions/MDT/requests/${tickets.assigned}/assignment`,
    {
      accountId: agentId,
    },
  );
  expect(assign.status).toBe(200);
  const erase = await supervisor.request(
    'POST',
    `/api/v1/institutions/MDT/requests/${tickets.erased}/anonymization`,
    {
      reason: 'Pedido de la titular',
    },
  );
  expect(erase.status).toBe(201);
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await t?.close();
});

describe('the unit and assignee filters', () => {
  it('lists one unit’s requests, in the worklist and newest first', async () => {
    for (const sort of ['sort=due', 'sort=newest']) {
      const other = ticketsOf(await inbox(supervisor, `${sort}&unit=${otherUnit}`));
      expect(other, sort).toEqual([tickets.elsewhere]);
      const own = ticketsOf(await inbox(supervisor, `${sort}&unit=${agentUnit}`));
      expect(own, sort).toContain(tickets.perez);
      expect(own, sort).not.toContain(tickets.elsewhere);
    }
  });

  it('never widens an agent’s view: another unit gives an empty page', async () => {
    for (const sort of ['sort=due', 'sort=newest']) {
      expect((await inbox(agent, `${sort}&unit=${otherUnit}`)).items, sort).toEqual([]);
      expect(ticketsOf(await inbox(agent, `${sort}&unit=${agentUnit}`)), sort).toContain(tickets.perez);
      expect(ticketsOf(await inbox(agent, sort)), sort).not.toContain(tickets.elsewhere);
    }
  });

  it('lists the requests assigned to the person asking (`me`) or to an account', async () => {
    for (const sort of ['sort=due', 'sort=newest']) {
      expect(ticketsOf(await inbox(agent, `${sort}&assignee=me`)), sort).toEqual([tickets.assigned]);
      expect(ticketsOf(await inbox(supervisor, `${sort}&assignee=${agentId}`)), sort).toEqual([
        tickets.assigned,
      ]);
      expect((await inbox(supervisor, `${sort}&assignee=me`)).items, sort).toEqual([]);
    }
    expect(ticketsOf(await inbox(agent, `assignee=me&overdue=false`))).toEqual([tickets.assigned]);
  });

  it('gives the row view without the description or the citizen’s data', async () => {
    const page = await inbox(supervisor, 'sort=newest');
    const row = page.items[0] as Record<string, unknown>;
    expect(row).not.toHaveProperty('description');
    expect(row).not.toHaveProperty('citizen');
    expect(JSON.stringify(page)).not.toContain('Quispe');
  });

  it('refuses a malformed unit or assignee with the contract’s 400', async () => {
    for (const query of ['unit=abc', 'assignee=someone', 'view=everything']) {
      const response = await supervisor.request('GET', `/api/v1/institutions/MDT/requests?${query}`);
      expect(response.status, query).toBe(400);
      expect((await response.json()).error.code).toBe('validation_failed');
    }
  });
});

describe('the search', () => {
  it('finds by last name whatever the accents and the case, by prefix, in name order', async () => {
    const found = await search(supervisor, 'PEREZ');
    expect(found.searchedAs).toBe('name');
    // "perez gomez maria jose" before "perez rosa".
    expect(ticketsOf(found)).toEqual([tickets.perez, tickets.elsewhere]);
    expect(ticketsOf(await search(supervisor, 'pérez'))).toEqual([tickets.perez, tickets.elsewhere]);
    expect(ticketsOf(await search(supervisor, 'Pe'))).toEqual([
      tickets.peralta,
      tickets.perez,
      tickets.elsewhere,
    ]);
    expect(ticketsOf(await search(supervisor, 'nuñez iñi'))).toEqual([tickets.nunez]);
    expect(ticketsOf(await search(supervisor, '  perez   gomez  MARIA '))).toEqual([tickets.perez]);
  });

  it('finds by document number exactly, whatever its type', async () => {
    const found = await search(supervisor, '0926687856');
    expect(found.searchedAs).toBe('document');
    expect(ticketsOf(found)).toEqual([tickets.peralta]);
    expect((await search(supervisor, '092668785')).items).toEqual([]);
    // Typed with the spaces or hyphens people put in, as the filing compacts them.
    expect(ticketsOf(await search(supervisor, '0926-687 856'))).toEqual([tickets.peralta]);
  });

  it('never finds an anonymised request, by its former name or document', async () => {
    expect(ticketsOf(await search(supervisor, 'Perea'))).toEqual([]);
    expect(ticketsOf(await search(supervisor, '1710034065'))).toEqual([tickets.perez]);
  });

  it('finds only the agent’s units’ requests', async () => {
    expect(ticketsOf(await search(agent, 'Pérez'))).toEqual([tickets.perez]);
    expect(ticketsOf(await search(agent, 'Rosa'))).toEqual([]);
  });

  it('is a read: auditors may search, and an integration’s token too', async () => {
    expect(ticketsOf(await search(auditor, 'Peralta'))).toEqual([tickets.peralta]);
    const token = await t.staffToken('MDT');
    const response = await fetch(`${base}/api/v1/institutions/MDT/request-search`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ q: 'peralta' }),
    });
    expect(response.status).toBe(200);
    expect(ticketsOf(v.parse(RequestSearchResultSchema, await response.json()))).toEqual([tickets.peralta]);
  });

  it('says when there are more than the limit', async () => {
    const response = await supervisor.request('POST', '/api/v1/institutions/MDT/request-search', {
      q: 'pe',
      limit: 2,
    });
    const page = v.parse(RequestSearchResultSchema, await response.json());
    expect(page.items).toHaveLength(2);
    expect(page.more).toBe(true);
  });

  it('refuses a term too short or missing, and a request without a session', async () => {
    for (const body of [{ q: 'a' }, {}, { q: 'x'.repeat(101) }]) {
      const response = await supervisor.request('POST', '/api/v1/institutions/MDT/request-search', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    const anonymous = await new StaffBrowser(base).request(
      'POST',
      '/api/v1/institutions/MDT/request-search',
      {
        q: 'perez',
      },
    );
    expect(anonymous.status).toBe(401);
  });

  it('writes every search to the audit log, without the term', async () => {
    // Reads are audited without waiting for the write: the earlier tests' entries are committed
    // first, so the last entry after this search is this search's.
    await t.deps.audit.flush();
    await search(agent, 'Núñez');
    await t.deps.audit.flush();
    const rows = (
      await t.deps.db.read.execute("SELECT * FROM audit_log WHERE action = 'request.search' ORDER BY id")
    ).rows as unknown as Record<string, unknown>[];
    const last = rows.at(-1) as Record<string, unknown>;
    expect(last.actor).toBe(`account:${agentId}`);
    expect(last.ip).toBeTruthy();
    expect(last.at).toBeTruthy();
    const detail = JSON.parse(String(last.detail));
    expect(detail).toEqual({ searchedAs: 'name', count: 1, tickets: [tickets.nunez] });
    expect(JSON.stringify(rows)).not.toMatch(/n[uú]ñez|nunez|perez|0926687856/i);
  });

  it('keeps the term out of the address: a GET of …/request-search is not a search', async () => {
    const response = await supervisor.request('GET', '/api/v1/institutions/MDT/request-search?q=perez');
    expect(response.status).toBe(404);
  });
});

describe('where a request is', () => {
  it('gives the unit and the assignee of a request, by name', async () => {
    const response = await agent.request('GET', `/api/v1/institutions/MDT/requests/${tickets.assigned}`);
    expect(response.status).toBe(200);
    const request = v.parse(StaffRequestSchema, await response.json());
    expect(request.unit).toEqual({ id: agentUnit, name: 'Dirección de atención ciudadana' });
    expect(request.assignee?.id).toBe(agentId);
    expect(request.assignee?.name).toBeTruthy();
    const unassigned = v.parse(
      StaffRequestSchema,
      await (await agent.request('GET', `/api/v1/institutions/MDT/requests/${tickets.perez}`)).json(),
    );
    expect(unassigned.assignee).toBeNull();
  });
});

describe('the citizen-data export of an agent', () => {
  it('keeps only the requests of the agent’s units', async () => {
    const body = { documentType: 'cedula', documentNumber: citizen.documentNumber };
    const all = await supervisor.request('POST', '/api/v1/institutions/MDT/citizen-data', body);
    const own = await agent.request('POST', '/api/v1/institutions/MDT/citizen-data', body);
    const ticketsIn = async (r: Response) =>
      ((await r.json()) as { requests: { ticket: string }[] }).requests.map((x) => x.ticket);
    const everyone = await ticketsIn(all);
    expect(everyone).toEqual(expect.arrayContaining([tickets.elsewhere, tickets.nunez, tickets.assigned]));
    const mine = await ticketsIn(own);
    expect(mine).toEqual(everyone.filter((ticket) => ticket !== tickets.elsewhere));
  });
});

describe('the OpenAPI document', () => {
  it('documents the new filters, the search and where a request is', async () => {
    const doc = await (await t.app.request('/api/openapi.json')).json();
    const inbox = doc.paths['/api/v1/institutions/{code}/requests'].get;
    const names = inbox.parameters.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(['unit', 'assignee', 'view']));
    expect(doc.paths['/api/v1/institutions/{code}/request-search'].post.requestBody).toBeTruthy();
    expect(doc.components.schemas.RequestSearch.properties.q).toBeTruthy();
    expect(Object.keys(doc.components.schemas.StaffRequest.properties)).toEqual(
      expect.arrayContaining(['unit', 'assignee']),
    );
    expect(doc.components.schemas.InboxRowPage).toBeTruthy();
  });
});
