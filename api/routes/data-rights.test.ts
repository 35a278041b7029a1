import { existsSync, readFileSync } from 'node:fs';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { valid } from '../../test/fixtures/requests.ts';
import { startTestServices, type TestServices } from '../../test/support/services.ts';
import {
  AnonymizationResultSchema,
  CitizenDataExportSchema,
  InboxPageSchema,
  StaffRequestSchema,
} from '../schema/responses.ts';

// Citizens' data rights: export and anonymisation through the staff API, retention, and the erased
// bytes gone from the database file and its WAL.

let t: TestServices;
let mdtToken: string;
let gputToken: string;
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const json = (token: string) => ({ ...auth(token), 'Content-Type': 'application/json' });

const CITIZEN = valid.mdtComplaint.body.citizen;
/** Strings of this request that must not survive its anonymisation anywhere in the files. */
const SECRETS = {
  firstName: 'Filomena',
  lastName: 'Zambrano-Unica',
  documentNumber: '0926687856',
  email: 'filomena.zambrano@example.org',
  phone: '+593 98 765 4321',
  subject: 'Asunto-Irrepetible-7Q',
  description: 'Descripcion irrepetible del caso de Filomena en la fabrica textil de Quevedo numero 77.',
  note: 'Nota-Publica-Irrepetible-3K',
  internalNote: 'Nota-Interna-Irrepetible-9Z',
};
const filomena = {
  ...valid.mdtComplaint.body,
  subject: SECRETS.subject,
  description: SECRETS.description,
  citizen: {
    ...CITIZEN,
    firstName: SECRETS.firstName,
    lastName: SECRETS.lastName,
    documentNumber: SECRETS.documentNumber,
    email: SECRETS.email,
    phone: SECRETS.phone,
  },
};

/** The export tests' citizen: another person, whose data stays. */
const ana = valid.mdtComplaint.body;

async function fileOne(body: unknown = ana): Promise<string> {
  const response = await t.file('MDT', body);
  expect(response.status).toBe(201);
  return (await response.json()).ticket;
}
const postEvent = (ticket: string, body: unknown) =>
  t.app.request(`/api/v1/institutions/MDT/requests/${ticket}/events`, {
    method: 'POST',
    headers: json(mdtToken),
    body: JSON.stringify(body),
  });
const anonymize = (ticket: string, body: unknown, token = mdtToken, code = 'MDT') =>
  t.app.request(`/api/v1/institutions/${code}/requests/${ticket}/anonymization`, {
    method: 'POST',
    headers: json(token),
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  // With mail configured, each filing and status change writes outbox messages (delivered by hand
  // in these tests, so they stay pending): the export shows them and the anonymisation erases them.
  t = await startTestServices({ SMTP_URL: 'smtp://127.0.0.1:9' });
  mdtToken = await t.staffToken('MDT');
  gputToken = await t.staffToken('GPUT');
});
afterAll(() => t.close());

describe('export of what is held about a citizen', () => {
  it('gives one request by ticket with its events and outbox messages', async () => {
    const ticket = await fileOne();
    expect(
      (await postEvent(ticket, { status: 'in_progress', note: 'Revisando', internalNote: 'Llamar' })).status,
    ).toBe(201);
    const response = await t.app.request(`/api/v1/institutions/MDT/requests/${ticket}/export`, {
      headers: auth(mdtToken),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    const body = v.parse(CitizenDataExportSchema, await response.json());
    expect(body.key).toEqual({ ticket });
    expect(body.requests).toHaveLength(1);
    const [request] = body.requests;
    expect(request?.citizen?.email).toBe(CITIZEN.email);
    expect(request?.description).toBe(ana.description);
    expect(request?.events.map((e) => [e.kind, e.status])).toEqual([
      ['status', 'received'],
      ['status', 'in_progress'],
    ]);
    expect(request?.events[1]?.internalNote).toBe('Llamar');
    expect(request?.outbox.length).toBeGreaterThan(0);
    expect(JSON.stringify(request?.outbox)).toContain('Revisando');
  });

  it('gives every request of one document at the institution, by a POST that keeps it out of URLs', async () => {
    const ana2 = { ...ana, citizen: { ...CITIZEN, documentNumber: '1103567895' } };
    const other = { ...ana, citizen: { ...CITIZEN, documentNumber: '0601234560' } };
    const mine = [await fileOne(ana2), await fileOne(ana2)];
    await fileOne(other);
    const response = await t.app.request('/api/v1/institutions/MDT/citizen-data', {
      method: 'POST',
      headers: json(mdtToken),
      // Written the way a person may type it: the number is compacted as a filing's is.
      body: JSON.stringify({ documentType: 'cedula', documentNumber: ' 110356789-5 ' }),
    });
    expect(response.status).toBe(200);
    const body = v.parse(CitizenDataExportSchema, await response.json());
    expect(body.requests.map((r) => r.ticket)).toEqual(mine);
    expect(body.key).toEqual({ documentType: 'cedula', documentNumber: '1103567895' });
  });

  it("refuses another institution's token, an unknown ticket and a body without a document", async () => {
    const ticket = await fileOne();
    expect(
      (
        await t.app.request(`/api/v1/institutions/MDT/requests/${ticket}/export`, {
          headers: auth(gputToken),
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.app.request(`/api/v1/institutions/GPUT/requests/${ticket}/export`, {
          headers: auth(gputToken),
        })
      ).status,
    ).toBe(404);
    expect((await t.app.request(`/api/v1/institutions/MDT/requests/${ticket}/export`)).status).toBe(401);
    const bad = await t.app.request('/api/v1/institutions/MDT/citizen-data', {
      method: 'POST',
      headers: { ...json(mdtToken), 'Accept-Language': 'en' },
      body: JSON.stringify({ documentType: 'cedula' }),
    });
    expect(bad.status).toBe(400);
    const error = (await bad.json()).error;
    expect(error.code).toBe('validation_failed');
    expect(error.issues[0].path).toBe('documentNumber');
    expect(error.issues[0].message).toContain("Citizen's document number");
  });
});

describe('anonymisation', () => {
  let ticket: string;
  let trackingCode: string;

  beforeAll(async () => {
    const filed = await (await t.file('MDT', filomena)).json();
    ticket = filed.ticket;
    trackingCode = filed.trackingCode;
    expect(
      (
        await postEvent(ticket, {
          status: 'in_progress',
          note: SECRETS.note,
          internalNote: SECRETS.internalNote,
        })
      ).status,
    ).toBe(201);
  });

  it('erases the personal data and the free texts, keeps the statistics, and records who and why', async () => {
    const response = await anonymize(ticket, { reason: 'Solicitud de supresión LOPDP art. 15' });
    expect(response.status).toBe(201);
    const result = v.parse(AnonymizationResultSchema, await response.json());
    expect(result.event).toMatchObject({
      kind: 'anonymized',
      status: 'in_progress',
      actor: expect.stringMatching(/^staff:\d+$/),
      internalNote: 'Solicitud de supresión LOPDP art. 15',
    });
    const view = v.parse(
      StaffRequestSchema,
      await (
        await t.app.request(`/api/v1/institutions/MDT/requests/${ticket}`, { headers: auth(mdtToken) })
      ).json(),
    );
    expect(view).toMatchObject({
      ticket,
      type: 'QUE',
      service: 'contratos',
      status: 'in_progress',
      citizen: null,
      subject: null,
      description: '',
      anonymizedAt: result.anonymizedAt,
      createdAt: expect.any(String),
      dueDate: expect.any(String),
    });
    expect(view.events?.map((e) => [e.kind, e.note, e.internalNote])).toEqual([
      ['status', null, null],
      ['status', null, null],
      ['anonymized', null, 'Solicitud de supresión LOPDP art. 15'],
    ]);
    const exported = v.parse(
      CitizenDataExportSchema,
      await (
        await t.app.request(`/api/v1/institutions/MDT/requests/${ticket}/export`, { headers: auth(mdtToken) })
      ).json(),
    );
    const outbox = exported.requests[0]?.outbox ?? [];
    expect(outbox.length).toBeGreaterThan(0);
    for (const message of outbox) {
      expect(message.payload).toEqual({ anonymized: true });
      expect(message.status).not.toBe('pending');
    }
  });

  it('renders the anonymised request in the inbox, the citizen lookup and the reports', async () => {
    const inbox = await t.app.request('/api/v1/institutions/MDT/requests?limit=100', {
      headers: auth(mdtToken),
    });
    expect(inbox.status).toBe(200);
    const page = v.parse(InboxPageSchema, await inbox.json());
    expect(page.items.find((r) => r.ticket === ticket)?.citizen).toBeNull();
    const lookup = await t.lookup(ticket, trackingCode);
    expect(lookup.status).toBe(200);
    expect((await lookup.json()).history.map((h: { status: string }) => h.status)).toEqual([
      'received',
      'in_progress',
    ]);
    const report = await t.app.request('/api/v1/institutions/MDT/reports?from=2026-11-01&to=2026-11-30', {
      headers: auth(mdtToken),
    });
    expect(report.status).toBe(200);
    const csv = await t.app.request(
      '/api/v1/institutions/MDT/reports/requests.csv?from=2026-11-01&to=2026-11-30',
      {
        headers: auth(mdtToken),
      },
    );
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain(ticket);
    expect(
      (await t.app.request('/api/v1/institutions/MDT/requests?overdue=false', { headers: auth(mdtToken) }))
        .status,
    ).toBe(200);
  });

  it('renders a request whose identity columns are NULL however it got so, instead of a 500', async () => {
    const erased = await fileOne();
    await t.deps.db.writer.run('statements', [
      {
        sql: `UPDATE requests SET document_type = NULL, document_number = NULL, first_name = NULL, last_name = NULL,
                email = NULL WHERE ticket = ?`,
        args: [erased],
      },
    ]);
    const inbox = await t.app.request('/api/v1/institutions/MDT/requests?limit=100', {
      headers: auth(mdtToken),
    });
    expect(inbox.status).toBe(200);
    const page = v.parse(InboxPageSchema, await inbox.json());
    expect(page.items.find((r) => r.ticket === erased)?.citizen).toBeNull();
  });

  it('keeps a message that was being delivered during the anonymisation cancelled and without error text', async () => {
    const racing = await fileOne();
    const at = '2026-11-24T15:04:05Z';
    const claimed = await t.deps.db.writer.run('claimOutbox', {
      now: at,
      leaseUntil: '2026-11-24T15:10:00Z',
      limit: 100,
    });
    expect(claimed.some((d) => d.ticket === racing)).toBe(true);
    expect((await anonymize(racing, { reason: 'Pedido del titular' })).status).toBe(201);
    await t.deps.db.writer.run('settleOutbox', {
      now: at,
      settlements: claimed.map((d) =>
        d.ticket === racing
          ? {
              id: d.id,
              outcome: 'retry' as const,
              error: `550 mailbox ${SECRETS.email} unavailable`,
              nextAttemptAt: at,
            }
          : { id: d.id, outcome: 'released' as const },
      ),
    });
    const exported = await (
      await t.app.request(`/api/v1/institutions/MDT/requests/${racing}/export`, { headers: auth(mdtToken) })
    ).json();
    for (const message of exported.requests[0].outbox) {
      expect(message).toMatchObject({ status: 'cancelled', lastError: null, payload: { anonymized: true } });
    }
  });

  it('answers 409 already_anonymized the second time, 404 for an unknown ticket, 400 without a reason', async () => {
    const again = await anonymize(ticket, { reason: 'otra vez' });
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe('already_anonymized');
    expect((await anonymize('MDT-QUE-2026-99999', { reason: 'x' })).status).toBe(404);
    expect((await anonymize(ticket, { reason: 'x' }, gputToken)).status).toBe(403);
    const noReason = await anonymize(ticket, {});
    expect(noReason.status).toBe(400);
    expect((await noReason.json()).error.issues[0].path).toBe('reason');
  });

  it('keeps the audit trail append-only for everything else', async () => {
    const run = (sql: string) => t.deps.db.writer.run('statements', [{ sql, args: [ticket] }]);
    const id = `(SELECT id FROM requests WHERE ticket = ?)`;
    await expect(run(`UPDATE request_events SET status = 'closed' WHERE request_id = ${id}`)).rejects.toThrow(
      /append-only/,
    );
    await expect(
      run(`UPDATE request_events SET internal_note = NULL WHERE kind = 'anonymized' AND request_id = ${id}`),
    ).rejects.toThrow(/append-only/);
    await expect(run(`DELETE FROM request_events WHERE request_id = ${id}`)).rejects.toThrow(/append-only/);
    await expect(run(`UPDATE requests SET first_name = 'Otra' WHERE ticket = ?`)).rejects.toThrow(
      /personal data/,
    );
    await expect(run(`UPDATE requests SET anonymized_at = NULL WHERE ticket = ?`)).rejects.toThrow(
      /personal data/,
    );
    // A request that was not anonymised keeps its notes: the exception is for anonymised ones only.
    const kept = await fileOne(valid.mdtComplaint.body);
    expect((await postEvent(kept, { status: 'in_progress', note: 'visible' })).status).toBe(201);
    await expect(
      t.deps.db.writer.run('statements', [
        { sql: `UPDATE request_events SET note = NULL WHERE request_id = ${id}`, args: [kept] },
      ]),
    ).rejects.toThrow(/append-only/);
  });

  it('leaves none of the personal data in the database file or its WAL', async () => {
    const files = [t.databasePath, `${t.databasePath}-wal`].filter((file) => existsSync(file));
    expect(files).toContain(t.databasePath);
    const raw = files.map((file) => readFileSync(file).toString('latin1')).join('\n');
    // The same strings of requests that were not anonymised are there (the test can see them) …
    expect(raw).toContain(valid.mdtComplaint.body.citizen.email);
    // … and none of the anonymised one's, in any encoding SQLite stores text in (UTF-8 here).
    for (const [name, secret] of Object.entries(SECRETS)) {
      expect(raw.includes(secret), `${name} still in the file`).toBe(false);
    }
  });
});
