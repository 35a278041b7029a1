import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { valid } from './fixtures/requests.ts';
import { type ServerProcess, startServerProcess } from './support/server-process.ts';
import { tempDatabaseUrl } from './support/services.ts';

// The demo as `PORT=… npm start` runs it, on a port that is not the default 8787: the seeded
// institutions must accept filings from the server's own pages and link to the server that runs.
const database = tempDatabaseUrl();
let server: ServerProcess;

beforeAll(async () => {
  server = await startServerProcess({ DATABASE_URL: database.url });
});
afterAll(async () => {
  await server?.stop();
  database.cleanup();
});

describe('the demo on any port', () => {
  it('runs on a port other than 8787 and files from its own demo page', async () => {
    expect(new URL(server.url).port).not.toBe('8787');
    const page = await fetch(`${server.url}/demo/mdt.html`);
    expect(page.status).toBe(200);
    const response = await fetch(`${server.url}/api/v1/institutions/MDT/requests`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: server.url },
      body: JSON.stringify(valid.mdtComplaint.body),
    });
    expect(response.status).toBe(201);
    expect((await response.json()).ticket).toMatch(/^MDT-QUE-\d{4}-00001$/);
  });

  it('accepts the page under another name for the same server, and still refuses other sites', async () => {
    const url = (origin: string) => ({
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: origin },
      body: JSON.stringify(valid.mdtComplaint.body),
    });
    const byName = server.url.replace('127.0.0.1', 'localhost');
    const other = await fetch(`${byName}/api/v1/institutions/MDT/requests`, url(byName));
    expect(other.status).toBe(201);
    const foreign = await fetch(
      `${server.url}/api/v1/institutions/MDT/requests`,
      url('https://evil.example'),
    );
    expect(foreign.status).toBe(403);
    expect((await foreign.json()).error.code).toBe('origin_not_allowed');
  });

  it('links the demo catalogs to the server that runs', async () => {
    const catalog = await (await fetch(`${server.url}/api/v1/institutions/MDT`)).json();
    expect(catalog.privacyNotice.url).toBe(`${server.url}/demo/privacidad.html`);
    expect((await fetch(catalog.privacyNotice.url)).status).toBe(200);
  });
});
