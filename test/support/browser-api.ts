import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { type AddressInfo, connect, createServer as createTcpServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import sharp from 'sharp';
import { readCatalogFile } from '../../api/catalog/file.ts';
import { DEMO_CATALOGS_DIR } from '../../api/catalog/seed-demo.ts';
import { importCatalog } from '../../api/commands/import-catalog.ts';
import { hasGpsIfd, jpegWithGps, pdfBytes } from './files.ts';
import { startSmtp } from './mail-servers.ts';
import { freePort } from './ports.ts';
import { solveAltcha, startTestServices, TEST_NOW } from './services.ts';

/**
 * The real API for the browser tests: a real server on a libSQL file, reached by the page through
 * a TCP relay the tests can cut, so "the server is unreachable" is a real network failure.
 */
export async function startBrowserApi(pageOrigin: string) {
  // The server's clock: fixed, and moved on by the tests (`advanceClock`) for what takes days.
  let clock = TEST_NOW.getTime();
  // A real SMTP server, so the platform's screen can create an institution and invite its admin.
  const smtpPort = await freePort();
  const smtp = await startSmtp(smtpPort);
  const t = await startTestServices(
    { CAPTCHA: 'altcha', SMTP_URL: `smtp://127.0.0.1:${smtpPort}` },
    { now: () => new Date(clock) },
  );
  // Let the test pages' origin file requests, as an institution lists its own website.
  for (const file of readdirSync(DEMO_CATALOGS_DIR).filter((f) => f.endsWith('.json'))) {
    const catalog = readCatalogFile(join(DEMO_CATALOGS_DIR, file));
    await importCatalog(
      t.deps.db,
      { ...catalog, allowedOrigins: [...catalog.allowedOrigins, pageOrigin] },
      t.deps.now(),
    );
  }
  t.deps.catalogs.clear();

  const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const apiPort = (server.address() as AddressInfo).port;

  let down = false;
  const sockets = new Set<Socket>();
  const relay = createTcpServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const target = connect(apiPort, '127.0.0.1');
    sockets.add(client);
    sockets.add(target);
    client.pipe(target).pipe(client);
    const end = () => {
      client.destroy();
      target.destroy();
      sockets.delete(client);
      sockets.delete(target);
    };
    client.on('error', end).on('close', end);
    target.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(relay.address() as AddressInfo).port}`;
  const staffTokens = new Map<string, string>();
  const tokenOf = async (institution: string) => {
    if (!staffTokens.has(institution)) staffTokens.set(institution, await t.staffToken(institution));
    return staffTokens.get(institution) as string;
  };
  const filesDir = mkdtempSync(join(tmpdir(), 'cc-files-'));
  /** A staff member's call, with their institution's token (the institution is the ticket's prefix). */
  async function staff(ticket: string, path: string, body?: unknown) {
    const institution = ticket.split('-')[0] ?? '';
    if (!staffTokens.has(institution)) staffTokens.set(institution, await t.staffToken(institution));
    const response = await t.app.request(`/api/v1/institutions/${institution}/requests/${ticket}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        Authorization: `Bearer ${staffTokens.get(institution)}`,
        'Content-Type': 'application/json',
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: await response.json() };
  }

  return {
    url,
    setDown(value: boolean) {
      down = value;
      if (down) for (const socket of sockets) socket.destroy();
    },
    async staffEvent(ticket: string, status: string, note?: string) {
      const institution = ticket.split('-')[0] ?? '';
      if (!staffTokens.has(institution)) staffTokens.set(institution, await t.staffToken(institution));
      const response = await t.app.request(`/api/v1/institutions/${institution}/requests/${ticket}/events`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${staffTokens.get(institution)}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ status, ...(note ? { note } : {}) }),
      });
      return response.status;
    },
    /** Files on disk for the browser's file chooser: a photo with GPS EXIF, or a PDF. */
    async makeFiles(files: { name: string; kind: 'jpeg' | 'pdf' }[]) {
      return Promise.all(
        files.map(async ({ name, kind }) => {
          const path = join(filesDir, name);
          writeFileSync(path, kind === 'jpeg' ? await jpegWithGps() : pdfBytes(40_000, name));
          return path;
        }),
      );
    },
    /** What staff download of a request's files: name, type, size, and for images any EXIF or GPS left. */
    async staffDownloads(ticket: string) {
      const institution = ticket.split('-')[0] ?? '';
      const auth = { Authorization: `Bearer ${await tokenOf(institution)}` };
      const detail = await (
        await t.app.request(`/api/v1/institutions/${institution}/requests/${ticket}`, { headers: auth })
      ).json();
      const files = detail.events.flatMap(
        (e: { attachments?: { url: string; name: string }[] }) => e.attachments ?? [],
      );
      return Promise.all(
        files.map(async (file: { url: string; name: string }) => {
          const response = await t.app.request(file.url, { headers: auth });
          const bytes = Buffer.from(await response.arrayBuffer());
          const image = response.headers.get('Content-Type')?.startsWith('image/');
          const metadata = image ? await sharp(bytes).metadata() : null;
          return {
            name: file.name,
            status: response.status,
            type: response.headers.get('Content-Type'),
            disposition: response.headers.get('Content-Disposition'),
            size: bytes.length,
            exif: Boolean(metadata?.exif),
            gps: hasGpsIfd(metadata?.exif),
            pdf: bytes.subarray(0, 5).toString('latin1') === '%PDF-',
          };
        }),
      );
    },
    /** The bytes (base64) of a file `makeFiles` put on disk for the chooser, to compare with what staff get. */
    chosenFile(name: string) {
      return readFileSync(join(filesDir, name)).toString('base64');
    },
    /** The events that carry files, as staff see them: who made each, and each file's bytes (base64). */
    async staffEventFiles(ticket: string) {
      const institution = ticket.split('-')[0] ?? '';
      const auth = { Authorization: `Bearer ${await tokenOf(institution)}` };
      const detail = await (
        await t.app.request(`/api/v1/institutions/${institution}/requests/${ticket}`, { headers: auth })
      ).json();
      type Event = { actor: string; kind: string; attachments?: { url: string; name: string }[] };
      return Promise.all(
        (detail.events as Event[])
          .filter((e) => e.attachments?.length)
          .map(async (e) => ({
            actor: e.actor,
            kind: e.kind,
            files: await Promise.all(
              (e.attachments ?? []).map(async (file) => {
                const response = await t.app.request(file.url, { headers: auth });
                const bytes = Buffer.from(await response.arrayBuffer());
                return { name: file.name, status: response.status, base64: bytes.toString('base64') };
              }),
            ),
          })),
      );
    },
    /** Staff answer with a PDF letter; its bytes (base64) for the test to compare with what the citizen gets. */
    async staffAnswerWithFile(ticket: string, note: string) {
      const institution = ticket.split('-')[0] ?? '';
      const auth = { Authorization: `Bearer ${await tokenOf(institution)}` };
      const letter = pdfBytes(20_000, 'Oficio de respuesta');
      const upload = await t.app.request(`/api/v1/institutions/${institution}/uploads`, {
        method: 'POST',
        headers: {
          ...auth,
          'Content-Type': 'application/pdf',
          'Content-Disposition': 'attachment; filename="respuesta.pdf"',
        },
        body: letter as unknown as BodyInit,
      });
      const { id } = await upload.json();
      const response = await t.app.request(`/api/v1/institutions/${institution}/requests/${ticket}/events`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ status: 'answered', note, attachments: [id] }),
      });
      return { status: response.status, base64: letter.toString('base64') };
    },
    /** Files a request as a citizen's browser would (captcha solved), for tests about what comes after. */
    async fileRequest(institution: string, body: Record<string, unknown>) {
      const response = await t.file(
        institution,
        { ...body, captcha: await solveAltcha(t.app) },
        { Origin: pageOrigin },
      );
      return { status: response.status, body: await response.json() };
    },
    /** Staff extend a deadline (`POST …/extensions`). */
    extend(ticket: string, dueDate: string, reason: string) {
      return staff(ticket, '/extensions', { dueDate, reason });
    },
    /** Staff transfer a request (`POST …/transfer`): `to` an institution on the platform, or `toName` off it. */
    transfer(ticket: string, target: { to: string } | { toName: string }, note: string) {
      return staff(ticket, '/transfer', { ...target, note });
    },
    /** One request as its institution's staff see it, with its events. */
    staffRequest(ticket: string) {
      return staff(ticket, '');
    },
    /** The hourly sweep of requests for information (reminders, tacit withdrawals), run now. */
    sweepReplyDeadlines() {
      return t.deps.db.writer.run('sweepReplyDeadlines', { now: new Date(clock).toISOString(), mail: false });
    },
    /** Moves the server's clock on by `days` days. */
    advanceClock(days: number) {
      clock += days * 86_400_000;
      return new Date(clock).toISOString();
    },
    async count(institution: string, type: string) {
      const result = await t.deps.db.read.execute({
        sql: 'SELECT count(*) AS n FROM requests WHERE institution = ? AND type = ?',
        args: [institution, type],
      });
      return Number(result.rows[0]?.n);
    },
    async close() {
      relay.close();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
      await t.close();
      await smtp.close();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}
