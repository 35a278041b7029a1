import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import * as v from 'valibot';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { valid } from '../../test/fixtures/requests.ts';
import { hasGpsIfd, jpegWithGps, pdfBytes } from '../../test/support/files.ts';
import { startTestServices, TEST_NOW, type TestServices } from '../../test/support/services.ts';
import { importCatalog } from '../commands/import-catalog.ts';
import { isoSeconds } from '../domain/clock.ts';
import { StatusViewSchema } from '../schema/responses.ts';

let t: TestServices;
let clock = new Date(TEST_NOW);
let mdtToken: string;
let gputToken: string;
beforeAll(async () => {
  t = await startTestServices({}, { now: () => new Date(clock) });
  mdtToken = await t.staffToken('MDT');
  gputToken = await t.staffToken('GPUT');
});
afterAll(() => t.close());
beforeEach(() => {
  clock = new Date(TEST_NOW);
});

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

function upload(code: string, bytes: Uint8Array, name: string, type = 'application/octet-stream') {
  return t.app.request(`/api/v1/institutions/${code}/uploads`, {
    method: 'POST',
    headers: { 'Content-Type': type, 'Content-Disposition': `attachment; filename="${name}"` },
    body: bytes as unknown as BodyInit,
  });
}

async function uploaded(code: string, bytes: Uint8Array, name: string): Promise<string> {
  const res = await upload(code, bytes, name);
  expect(res.status).toBe(201);
  return (await res.json()).id;
}

const fileWith = (attachments: string[], body: object = valid.mdtComplaint.body, code = 'MDT') =>
  t.file(code, { ...body, attachments });

async function expectRefused(res: Response) {
  expect(res.status).toBe(400);
  const body = await res.json();
  expect(body.error.code).toBe('validation_failed');
  expect(body.error.issues.some((i: { path: string }) => i.path.startsWith('attachments'))).toBe(true);
}

describe('POST /institutions/{code}/uploads', () => {
  it('takes a PDF, decides its type from the bytes and answers its id, name, type and size', async () => {
    const pdf = pdfBytes(3000);
    // The header says otherwise: the bytes decide.
    const res = await upload('MDT', pdf, 'contrato firmado.pdf', 'text/plain');
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toEqual({
      id: expect.stringMatching(/^upl_[\w-]{22}$/),
      name: 'contrato firmado.pdf',
      type: 'application/pdf',
      size: pdf.length,
    });
  });

  it('refuses an executable renamed .pdf with 415', async () => {
    const executable = readFileSync(process.execPath).subarray(0, 64 * 1024);
    const res = await upload('MDT', executable, 'factura.pdf', 'application/pdf');
    expect(res.status).toBe(415);
    expect((await res.json()).error.code).toBe('unsupported_media_type');
  });

  it('refuses a type the catalog does not take, and text that names itself a PDF', async () => {
    const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
    expect((await upload('MDT', gif, 'foto.gif', 'image/gif')).status).toBe(415);
    expect((await upload('MDT', Buffer.from('hola'), 'a.pdf', 'application/pdf')).status).toBe(415);
  });

  it('refuses a file over maxBytes with 413, by its Content-Length or while it streams', async () => {
    const big = pdfBytes(10 * 1024 * 1024 + 1);
    const res = await upload('MDT', big, 'grande.pdf');
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('payload_too_large');
    // Without a length (a chunked body), the reading stops once past the limit.
    const stream = new ReadableStream({
      start(controller) {
        for (let at = 0; at < big.length; at += 1 << 20) controller.enqueue(big.subarray(at, at + (1 << 20)));
        controller.close();
      },
    });
    const chunked = await t.app.request('/api/v1/institutions/MDT/uploads', {
      method: 'POST',
      headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': 'attachment; filename="g.pdf"' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
  });

  it('takes a file of exactly maxBytes, stored in chunks and read back whole', async () => {
    const pdf = pdfBytes(10 * 1024 * 1024);
    const id = await uploaded('MDT', pdf, 'exacto.pdf');
    const receipt = await (await fileWith([id])).json();
    const res = await t.app.request(`/api/v1/institutions/MDT/requests/${receipt.ticket}/attachments/${id}`, {
      headers: auth(mdtToken),
    });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(pdf)).toBe(true);
  });

  it('strips EXIF and GPS from a photo and applies its orientation', async () => {
    const photo = await jpegWithGps();
    const before = await sharp(photo).metadata();
    expect(hasGpsIfd(before.exif)).toBe(true);
    expect(before.orientation).toBe(6);
    const id = await uploaded('MDT', photo, 'foto.jpg');
    const receipt = await (await fileWith([id])).json();
    const res = await t.app.request(`/api/v1/institutions/MDT/requests/${receipt.ticket}/attachments/${id}`, {
      headers: auth(mdtToken),
    });
    const stored = Buffer.from(await res.arrayBuffer());
    const after = await sharp(stored).metadata();
    expect(after.format).toBe('jpeg');
    expect(after.exif).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect([after.width, after.height]).toEqual([40, 60]);
    expect(stored.includes('TestCam')).toBe(false);
  });

  it('answers 404 for an unknown institution', async () => {
    expect((await upload('NOPE', pdfBytes(), 'a.pdf')).status).toBe(404);
  });
});

describe('attachments on a filing', () => {
  it('files with uploads and lists them in the status view with a citizen download path', async () => {
    const a = await uploaded('MDT', pdfBytes(), 'contrato.pdf');
    const b = await uploaded('MDT', await jpegWithGps(), 'foto.jpg');
    const res = await fileWith([a, b]);
    expect(res.status).toBe(201);
    const receipt = await res.json();
    const view = v.parse(
      StatusViewSchema,
      await (await t.lookup(receipt.ticket, receipt.trackingCode)).json(),
    );
    expect(view.history[0]?.attachments).toEqual([
      {
        id: a,
        name: 'contrato.pdf',
        type: 'application/pdf',
        size: expect.any(Number),
        url: `/api/v1/requests/${receipt.ticket}/attachments/${a}`,
      },
      {
        id: b,
        name: 'foto.jpg',
        type: 'image/jpeg',
        size: expect.any(Number),
        url: `/api/v1/requests/${receipt.ticket}/attachments/${b}`,
      },
    ]);
  });

  it('refuses unknown, reused, foreign and expired upload ids, and more than maxFiles, with 400', async () => {
    await expectRefused(await fileWith(['upl_AAAAAAAAAAAAAAAAAAAAAA']));
    await expectRefused(await fileWith(['not-an-upload']));

    const once = await uploaded('MDT', pdfBytes(), 'una.pdf');
    expect((await fileWith([once])).status).toBe(201);
    await expectRefused(await fileWith([once]));

    const foreign = await uploaded('GPUT', pdfBytes(), 'otra.pdf');
    await expectRefused(await fileWith([foreign]));

    const old = await uploaded('MDT', pdfBytes(), 'vieja.pdf');
    clock = new Date(TEST_NOW.getTime() + 24 * 3600_000 + 1000);
    await expectRefused(await fileWith([old]));
    clock = new Date(TEST_NOW);

    const six = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => uploaded('MDT', pdfBytes(), `${n}.pdf`)));
    await expectRefused(await fileWith(six));
    // None of the six was used by the refused filing: five of them still file.
    expect((await fileWith(six.slice(0, 5))).status).toBe(201);
  });

  it('never lets two filings at once claim the same upload', async () => {
    const id = await uploaded('MDT', pdfBytes(), 'doble.pdf');
    const [first, second] = await Promise.all([fileWith([id]), fileWith([id])]);
    expect([first?.status, second?.status].sort()).toEqual([201, 400]);
  });

  it('deletes uploads nobody claimed after 24 hours, and keeps the claimed ones', async () => {
    const orphan = await uploaded('MDT', pdfBytes(), 'huerfana.pdf');
    const kept = await uploaded('MDT', pdfBytes(), 'usada.pdf');
    const receipt = await (await fileWith([kept])).json();
    await t.deps.db.writer.run('purgeExpired', {
      now: isoSeconds(new Date(TEST_NOW.getTime() + 25 * 3600_000)),
    });
    const rows = await t.deps.db.read.execute({
      sql: 'SELECT id FROM uploads WHERE id IN (?, ?)',
      args: [orphan, kept],
    });
    expect(rows.rows.map((r) => r.id)).toEqual([kept]);
    const chunks = await t.deps.db.read.execute({
      sql: 'SELECT count(*) AS n FROM upload_chunks WHERE upload_id = ?',
      args: [orphan],
    });
    expect(Number(chunks.rows[0]?.n)).toBe(0);
    expect((await t.lookup(receipt.ticket, receipt.trackingCode)).status).toBe(200);
  });
});

describe('downloads', () => {
  it('serves a file as an attachment, never inline, for staff and for the citizen with the code', async () => {
    const pdf = pdfBytes(500, 'mi contrato');
    const id = await uploaded('MDT', pdf, 'contrato ñandú.pdf');
    const receipt = await (await fileWith([id])).json();
    const staff = await t.app.request(
      `/api/v1/institutions/MDT/requests/${receipt.ticket}/attachments/${id}`,
      {
        headers: auth(mdtToken),
      },
    );
    const citizen = await t.app.request(`/api/v1/requests/${receipt.ticket}/attachments/${id}`, {
      headers: { 'X-Tracking-Code': receipt.trackingCode },
    });
    for (const res of [staff, citizen]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('Content-Type')).toBe('application/pdf');
      expect(res.headers.get('Content-Disposition')).toBe(
        `attachment; filename="contrato nandu.pdf"; filename*=UTF-8''contrato%20%C3%B1and%C3%BA.pdf`,
      );
      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(res.headers.get('Content-Security-Policy')).toBe("sandbox; default-src 'none'");
      expect(res.headers.get('Cache-Control')).toBe('no-store');
      expect(Buffer.from(await res.arrayBuffer()).equals(pdf)).toBe(true);
    }
  });

  it('gives the citizen 404 for a file of another request, a wrong code or no code', async () => {
    const mine = await (await fileWith([await uploaded('MDT', pdfBytes(), 'mia.pdf')])).json();
    const otherId = await uploaded('MDT', pdfBytes(), 'ajena.pdf');
    await fileWith([otherId]);
    const other = await t.app.request(`/api/v1/requests/${mine.ticket}/attachments/${otherId}`, {
      headers: { 'X-Tracking-Code': mine.trackingCode },
    });
    expect(other.status).toBe(404);
    const view = await (await t.lookup(mine.ticket, mine.trackingCode)).json();
    const myId = view.history[0].attachments[0].id;
    const wrong = await t.app.request(`/api/v1/requests/${mine.ticket}/attachments/${myId}`, {
      headers: { 'X-Tracking-Code': 'AAAA-AAAA-AAAA' },
    });
    expect(wrong.status).toBe(404);
    expect((await t.app.request(`/api/v1/requests/${mine.ticket}/attachments/${myId}`)).status).toBe(404);
  });

  it('gives staff of another institution no file, and an unclaimed upload to nobody', async () => {
    const id = await uploaded('MDT', pdfBytes(), 'a.pdf');
    const receipt = await (await fileWith([id])).json();
    const foreign = await t.app.request(
      `/api/v1/institutions/MDT/requests/${receipt.ticket}/attachments/${id}`,
      {
        headers: auth(gputToken),
      },
    );
    expect(foreign.status).toBe(403);
    const loose = await uploaded('MDT', pdfBytes(), 'b.pdf');
    const unclaimed = await t.app.request(
      `/api/v1/institutions/MDT/requests/${receipt.ticket}/attachments/${loose}`,
      {
        headers: auth(mdtToken),
      },
    );
    expect(unclaimed.status).toBe(404);
  });
});

describe('the institution answers with a file', () => {
  it('attaches an upload to a staff event; the citizen sees and downloads it; staff list it', async () => {
    const receipt = await (await t.file('MDT', valid.mdtComplaint.body)).json();
    const letter = pdfBytes(2000, 'Oficio MDT-2026-1');
    const id = await uploaded('MDT', letter, 'respuesta.pdf');
    const event = await t.app.request(`/api/v1/institutions/MDT/requests/${receipt.ticket}/events`, {
      method: 'POST',
      headers: { ...auth(mdtToken), 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: 'answered', note: 'Adjuntamos el oficio.', attachments: [id] }),
    });
    expect(event.status).toBe(201);
    expect((await event.json()).attachments).toEqual([
      expect.objectContaining({
        id,
        name: 'respuesta.pdf',
        url: `/api/v1/institutions/MDT/requests/${receipt.ticket}/attachments/${id}`,
      }),
    ]);
    const view = await (await t.lookup(receipt.ticket, receipt.trackingCode)).json();
    const answered = view.history.find((h: { status: string }) => h.status === 'answered');
    expect(answered.attachments[0]).toMatchObject({
      id,
      url: `/api/v1/requests/${receipt.ticket}/attachments/${id}`,
    });
    const got = await t.app.request(answered.attachments[0].url, {
      headers: { 'X-Tracking-Code': receipt.trackingCode },
    });
    expect(Buffer.from(await got.arrayBuffer()).equals(letter)).toBe(true);
    const detail = await (
      await t.app.request(`/api/v1/institutions/MDT/requests/${receipt.ticket}`, { headers: auth(mdtToken) })
    ).json();
    expect(detail.events.find((e: { status: string }) => e.status === 'answered').attachments[0].id).toBe(id);
  });

  it('refuses a staff event with a used or foreign upload', async () => {
    const receipt = await (await t.file('MDT', valid.mdtComplaint.body)).json();
    const foreign = await uploaded('GPUT', pdfBytes(), 'x.pdf');
    const res = await t.app.request(`/api/v1/institutions/MDT/requests/${receipt.ticket}/events`, {
      method: 'POST',
      headers: { ...auth(mdtToken), 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: 'in_progress', attachments: [foreign] }),
    });
    await expectRefused(res);
  });
});

describe('the citizen answers a request for information with a file', () => {
  it('claims the upload on the reply; staff and the status view list it; a second claim is refused', async () => {
    const receipt = await (await t.file('MDT', valid.mdtComplaint.body)).json();
    const ask = await t.app.request(`/api/v1/institutions/MDT/requests/${receipt.ticket}/events`, {
      method: 'POST',
      headers: { ...auth(mdtToken), 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: 'needs_info', note: 'Adjunte el contrato firmado.' }),
    });
    expect(ask.status).toBe(201);
    const contract = pdfBytes(3000, 'Contrato');
    const id = await uploaded('MDT', contract, 'contrato.pdf');
    const reply = (attachments: string[]) =>
      t.app.request(`/api/v1/requests/${receipt.ticket}/replies`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Tracking-Code': receipt.trackingCode },
        body: JSON.stringify({ message: 'Adjunto el contrato.', attachments }),
      });
    const foreign = await uploaded('GPUT', pdfBytes(), 'otro.pdf');
    await expectRefused(await reply([foreign]));
    expect((await reply([id])).status).toBe(201);

    const detail = await (
      await t.app.request(`/api/v1/institutions/MDT/requests/${receipt.ticket}`, { headers: auth(mdtToken) })
    ).json();
    const answer = detail.events.find(
      (e: { actor: string; status: string }) => e.actor === 'citizen' && e.status === 'in_progress',
    );
    expect(answer.attachments.map((a: { id: string }) => a.id)).toEqual([id]);
    const staffCopy = await t.app.request(answer.attachments[0].url, { headers: auth(mdtToken) });
    expect(Buffer.from(await staffCopy.arrayBuffer()).equals(contract)).toBe(true);

    const view = await (await t.lookup(receipt.ticket, receipt.trackingCode)).json();
    const entry = view.history.find(
      (h: { by: string; status: string }) => h.by === 'citizen' && h.status === 'in_progress',
    );
    expect(entry.attachments[0]).toMatchObject({
      id,
      url: `/api/v1/requests/${receipt.ticket}/attachments/${id}`,
    });

    // Asked again, the same upload cannot be sent twice.
    await t.app.request(`/api/v1/institutions/MDT/requests/${receipt.ticket}/events`, {
      method: 'POST',
      headers: { ...auth(mdtToken), 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: 'needs_info', note: 'Falta la segunda página.' }),
    });
    await expectRefused(await reply([id]));
  });
});

describe('data rights', () => {
  it('erases the files of an anonymised request', async () => {
    const id = await uploaded('MDT', pdfBytes(), 'dni.pdf');
    const receipt = await (await fileWith([id])).json();
    const res = await t.app.request(`/api/v1/institutions/MDT/requests/${receipt.ticket}/anonymization`, {
      method: 'POST',
      headers: { ...auth(mdtToken), 'Content-Type': 'application/json' },
      body: JSON.stringify({ reason: 'Solicitud de supresión de la ciudadana' }),
    });
    expect(res.status).toBe(201);
    const left = await t.deps.db.read.execute({
      sql: 'SELECT (SELECT count(*) FROM uploads WHERE id = ?) AS u, (SELECT count(*) FROM upload_chunks WHERE upload_id = ?) AS c',
      args: [id, id],
    });
    expect([Number(left.rows[0]?.u), Number(left.rows[0]?.c)]).toEqual([0, 0]);
  });
});

describe('files in the staff exports', () => {
  it('counts them in the CSV and lists them in the citizen data export', async () => {
    const id = await uploaded('MDT', pdfBytes(), 'prueba.pdf');
    const receipt = await (await fileWith([id])).json();
    const csv = await (
      await t.app.request('/api/v1/institutions/MDT/reports/requests.csv?from=2026-11-24&to=2026-11-24', {
        headers: auth(mdtToken),
      })
    ).text();
    const lines = csv.split('\r\n');
    expect(lines[0]?.endsWith(',attachments')).toBe(true);
    expect(lines.find((l) => l.startsWith(receipt.ticket))?.endsWith(',1')).toBe(true);
    const exported = await (
      await t.app.request(`/api/v1/institutions/MDT/requests/${receipt.ticket}/export`, {
        headers: auth(mdtToken),
      })
    ).json();
    expect(exported.requests[0].events[0].attachments).toEqual([
      expect.objectContaining({ id, name: 'prueba.pdf', type: 'application/pdf' }),
    ]);
  });
});

describe('limits per client and per institution', () => {
  it('rate-limits uploads per client like filing, and refuses past the quota with 413', async () => {
    const limited = await startTestServices({ RATE_LIMIT: 'on' });
    try {
      const catalog = (await limited.deps.catalogs.get('MDT'))?.catalog;
      if (!catalog?.attachments) throw new Error('MDT takes files');
      await importCatalog(
        limited.deps.db,
        { ...catalog, attachments: { ...catalog.attachments, quotaBytes: 1024 * 1024 } },
        limited.deps.now(),
      );
      limited.deps.catalogs.clear();
      const send = (bytes: Uint8Array) =>
        limited.app.request('/api/v1/institutions/MDT/uploads', {
          method: 'POST',
          headers: {
            'Content-Type': 'application/pdf',
            'Content-Disposition': 'attachment; filename="a.pdf"',
          },
          body: bytes as unknown as BodyInit,
        });
      expect((await send(pdfBytes(600 * 1024))).status).toBe(201);
      const over = await send(pdfBytes(600 * 1024));
      expect(over.status).toBe(413);
      expect((await over.json()).error.code).toBe('payload_too_large');
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push((await send(pdfBytes())).status);
      expect(statuses.at(-1)).toBe(429);
      expect(statuses.filter((s) => s === 201).length).toBe(38);
    } finally {
      await limited.close();
    }
  });

  it('refuses a staff event with more files than maxFiles', async () => {
    const receipt = await (await t.file('MDT', valid.mdtComplaint.body)).json();
    const ids = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => uploaded('MDT', pdfBytes(), `${n}.pdf`)));
    const res = await t.app.request(`/api/v1/institutions/MDT/requests/${receipt.ticket}/events`, {
      method: 'POST',
      headers: { ...auth(mdtToken), 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: 'in_progress', attachments: ids }),
    });
    await expectRefused(res);
  });
});

describe('webhooks', () => {
  it('list the files of a new request and of a staff event, with the staff download path', async () => {
    await t.deps.db.writer.run('statements', [
      {
        sql: 'INSERT INTO webhooks (institution, url, secret, created_at) VALUES (?, ?, ?, ?)',
        args: ['GPUT', 'https://hooks.example.org/cc', 'secret', isoSeconds(TEST_NOW)],
      },
    ]);
    const id = await uploaded('GPUT', pdfBytes(), 'via.pdf');
    const receipt = await (await fileWith([id], valid.gputPetition.body, 'GPUT')).json();
    const letter = await uploaded('GPUT', pdfBytes(), 'respuesta.pdf');
    const event = await t.app.request(`/api/v1/institutions/GPUT/requests/${receipt.ticket}/events`, {
      method: 'POST',
      headers: { ...auth(gputToken), 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: 'answered', note: 'Adjuntamos el oficio.', attachments: [letter] }),
    });
    expect(event.status).toBe(201);
    const rows = await t.deps.db.read.execute({
      sql: `SELECT o.kind, o.payload FROM outbox o JOIN requests r ON r.id = o.request_id
            WHERE r.ticket = ? AND o.channel = 'webhook' ORDER BY o.id`,
      args: [receipt.ticket],
    });
    const payloads = rows.rows.map((r) => ({ kind: r.kind, payload: JSON.parse(String(r.payload)) }));
    const path = (file: string) => `/api/v1/institutions/GPUT/requests/${receipt.ticket}/attachments/${file}`;
    expect(payloads[0]?.kind).toBe('request.created');
    expect(payloads[0]?.payload.request.attachments).toEqual([
      { id, name: 'via.pdf', type: 'application/pdf', size: expect.any(Number), url: path(id) },
    ]);
    expect(payloads[1]?.kind).toBe('request.status_changed');
    expect(payloads[1]?.payload.attachments).toEqual([
      {
        id: letter,
        name: 'respuesta.pdf',
        type: 'application/pdf',
        size: expect.any(Number),
        url: path(letter),
      },
    ]);
  });
});
