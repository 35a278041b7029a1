import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { valid } from '../test/fixtures/requests.ts';
import { pdfBytes } from '../test/support/files.ts';
import { growDatabase } from './big-database.ts';
import { measurePhone, phoneTable } from './phone.ts';
import { type Started, startServer } from './server-process.ts';
import { wrkLoad } from './wrk.ts';

/**
 * `npm run bench`: loads real server processes on loopback with wrk (see wrk.ts) and prints one
 * table. Each scenario is shown beside a bare Hono JSON endpoint measured in the same run, so the
 * ratio says how close to this machine's ceiling the intake is. Figures, never pass/fail.
 */

const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
// Each scenario is loaded this long first, unmeasured: the route's code is then compiled (V8's JIT)
// and its statements prepared, as on a server that has been up for more than a few seconds.
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);

/** Resident memory of a process in MiB, from /proc (Linux). */
async function rssMiB(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

interface Row {
  scenario: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  rssMiB: number;
}

/** A scenario's row with the bare endpoint's rate around it: the mean of the runs just before and after. */
type BracketedRow = Row & { baseline: number };

/** One scenario's request, sent over and over. */
interface LoadRequest {
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** wrk's connections for this scenario, when not BENCH_CONNECTIONS. */
  connections?: number;
}

async function measure(
  scenario: string,
  server: Started,
  request: LoadRequest,
  expectedStatus = 200,
): Promise<Row> {
  const { path, connections, ...sent } = request;
  const url = server.url + path;
  // wrk counts only answers outside 2xx and 3xx as errors: the exact status is checked here, once.
  const probe = await fetch(url, sent);
  if (probe.status !== expectedStatus) {
    throw new Error(`${scenario}: expected ${expectedStatus}, got ${probe.status}: ${await probe.text()}`);
  }
  const settings = { ...sent, url, connections: connections ?? CONNECTIONS };
  if (WARMUP > 0) await wrkLoad({ ...settings, seconds: WARMUP });
  const result = await wrkLoad({ ...settings, seconds: DURATION });
  return {
    scenario,
    rps: Math.round(result.rps),
    p50: Math.round(result.p50Ms * 10) / 10,
    p99: Math.round(result.p99Ms * 10) / 10,
    errors: result.errors,
    rssMiB: await rssMiB(server.pid),
  };
}

/**
 * Measures scenarios between runs of the bare endpoint: bare, scenario, bare, scenario, bare… and
 * compares each scenario with the mean of the bare runs on either side of it. A VM's speed can
 * drift a lot within minutes (the bare endpoint alone within one run), so a single baseline at the
 * start made every later ratio say as much about the machine's mood as about the code. The drift
 * cuts both ways; bracketing only removes it.
 */
function bracketed(bare: Started) {
  const bareRuns: Row[] = [];
  let previous: Row | null = null;
  const measureBare = async () => {
    const row = await measure('bare Hono JSON GET (baseline)', bare, { path: '/' });
    bareRuns.push(row);
    return row;
  };
  return {
    bareRuns,
    async load(...args: Parameters<typeof measure>): Promise<BracketedRow> {
      const before = previous ?? (await measureBare());
      const row = await measure(...args);
      const after = await measureBare();
      previous = after;
      return { ...row, baseline: Math.round((before.rps + after.rps) / 2) };
    },
    /** After a long pause (a database being built), the last bare run no longer describes the machine. */
    forgetBaseline() {
      previous = null;
    },
  };
}
type Load = ReturnType<typeof bracketed>['load'];

const FILING = valid.mdtComplaint.body;
const BIG = Number(process.env.BENCH_BIG_ROWS ?? 1_000_000);
const STAFF_TOKEN = `cc_bench_${'x'.repeat(40)}`;

function post(path: string, body: unknown): LoadRequest {
  return {
    path,
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  };
}

async function file(server: Started): Promise<{ ticket: string; trackingCode: string }> {
  const response = await fetch(`${server.url}/api/v1/institutions/MDT/requests`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ...FILING, captcha: 'bench-token' }),
  });
  if (response.status !== 201) throw new Error(`filing answered ${response.status}`);
  return response.json();
}

/** The lookups and inbox queries measured on the small database and again on the big one. */
async function readScenarios(
  load: Load,
  server: Started,
  label: string,
  unit: number,
): Promise<BracketedRow[]> {
  const receipt = await file(server);
  const staff = { Authorization: `Bearer ${STAFF_TOKEN}` };
  return [
    await load(`status lookup${label}`, server, {
      path: `/api/v1/requests/${receipt.ticket}`,
      headers: { 'X-Tracking-Code': receipt.trackingCode },
    }),
    await load(`staff inbox, newest 20${label}`, server, {
      path: '/api/v1/institutions/MDT/requests?limit=20',
      headers: staff,
    }),
    await load(`staff inbox, received${label}`, server, {
      path: '/api/v1/institutions/MDT/requests?status=received&limit=20',
      headers: staff,
    }),
    await load(`staff inbox, overdue${label}`, server, {
      path: '/api/v1/institutions/MDT/requests?overdue=true&limit=20',
      headers: staff,
    }),
    // The back office's default: open requests by due date, the overdue first.
    await load(`staff inbox, worklist by due date${label}`, server, {
      path: '/api/v1/institutions/MDT/requests?sort=due&limit=20',
      headers: staff,
    }),
    // The back office's filters (issue 20), as its screens send them: the row view, a page of 50.
    await load(`back office, worklist of one unit${label}`, server, {
      path: `/api/v1/institutions/MDT/requests?sort=due&unit=${unit}&view=row&limit=50`,
      headers: staff,
    }),
    await load(`back office, worklist due within 5 days${label}`, server, {
      path: '/api/v1/institutions/MDT/requests?sort=due&dueWithin=5&view=row&limit=50',
      headers: staff,
    }),
    await load(`back office, one service, newest first${label}`, server, {
      path: '/api/v1/institutions/MDT/requests?service=contratos&view=row&limit=50',
      headers: staff,
    }),
    await load(`back office, closed, newest first${label}`, server, {
      path: '/api/v1/institutions/MDT/requests?status=closed&view=row&limit=50',
      headers: staff,
    }),
    await load(`back office, search by last name${label}`, server, {
      ...post('/api/v1/institutions/MDT/request-search', { q: 'quispe', limit: 20 }),
      headers: { ...staff, 'Content-Type': 'application/json' },
    }),
    await load(`back office, search by document number${label}`, server, {
      ...post('/api/v1/institutions/MDT/request-search', { q: FILING.citizen.documentNumber, limit: 20 }),
      headers: { ...staff, 'Content-Type': 'application/json' },
    }),
  ];
}

/** The unit MDT's "contratos" service routes to (the demo's routing), for the unit filter. */
async function unitOfContratos(path: string): Promise<number> {
  const { default: Database } = await import('libsql');
  const db = new Database(path, { timeout: 10_000 });
  try {
    const row = db
      .prepare("SELECT unit_id FROM service_routes WHERE institution = 'MDT' AND service = 'contratos'")
      .get() as { unit_id: number } | undefined;
    if (!row) throw new Error('the demo routes no unit for contratos');
    return Number(row.unit_id);
  } finally {
    db.close();
  }
}

/**
 * Uploads of a 1 MB PDF (CONTRACT §6): its type sniffed, its 4 chunks written through the writer
 * each as a job of its own, durable. Peak RSS says whether files stay out of memory: each in-flight
 * upload holds its megabyte once. The quota is raised on the bench's own database first (the demo
 * catalog's default would refuse the rest after 2 GB); fewer connections, since each one writes a
 * megabyte per request to a temporary file.
 */
async function uploadScenario(
  load: Load,
  run: (args: string[], env: Record<string, string>) => Promise<Started>,
  dir: string,
): Promise<BracketedRow> {
  const path = join(dir, 'uploads.db');
  const env = { DATABASE_URL: `file:${path}`, CAPTCHA: 'off', RATE_LIMIT: 'off' };
  (await run(['api/server.ts'], env)).stop(); // migrates and seeds
  await new Promise((resolve) => setTimeout(resolve, 500));
  const { default: Database } = await import('libsql');
  const db = new Database(path, { timeout: 10_000 });
  db.exec(
    `UPDATE institutions SET attachments = json_set(attachments, '$.quotaBytes', ${2 ** 40}) WHERE code = 'MDT'`,
  );
  db.close();
  const server = await run(['api/server.ts'], env);
  // All ASCII, so wrk can send it as its Lua body string.
  const pdf = pdfBytes(1024 * 1024, 'bench').toString('latin1');
  const row = await load(
    'upload, 1 MB PDF, durable (4 connections)',
    server,
    {
      path: '/api/v1/institutions/MDT/uploads',
      method: 'POST',
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Disposition': 'attachment; filename="bench.pdf"',
      },
      body: pdf,
      connections: 4,
    },
    201,
  );
  server.stop();
  return row;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'cc-bench-'));
  const stopped: Started[] = [];
  const run = async (args: string[], env: Record<string, string>) => {
    const server = await startServer(args, env);
    stopped.push(server);
    return server;
  };
  try {
    const bare = await run(['bench/bare-server.ts'], {});
    const siteverify = await run(['bench/siteverify-server.ts'], {});
    const small = join(dir, 'small.db');
    const api = await run(['api/server.ts'], {
      DATABASE_URL: `file:${small}`,
      CAPTCHA: 'off',
      RATE_LIMIT: 'off',
    });
    const { load, bareRuns, forgetBaseline } = bracketed(bare);
    const rows: BracketedRow[] = [];
    // `BENCH_ONLY=upload`: the upload scenario alone, beside the bare endpoint (a shared machine).
    if (process.env.BENCH_ONLY === 'upload') {
      api.stop();
      const row = await uploadScenario(load, run, dir);
      console.log(
        '| scenario | req/s | p50 ms | p99 ms | errors | server peak RSS MiB | baseline req/s | × baseline |',
      );
      console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
      console.log(
        `| ${row.scenario} | ${row.rps} | ${row.p50} | ${row.p99} | ${row.errors} | ${row.rssMiB} | ${row.baseline} | ${(row.rps / row.baseline).toFixed(2)} |`,
      );
      return;
    }
    rows.push(await load('catalog GET', api, { path: '/api/v1/institutions/MDT' }));
    const etag = (await fetch(`${api.url}/api/v1/institutions/MDT`)).headers.get('ETag') ?? '';
    rows.push(
      await load(
        'catalog GET, If-None-Match (304)',
        api,
        { path: '/api/v1/institutions/MDT', headers: { 'If-None-Match': etag } },
        304,
      ),
    );
    rows.push(
      await load(
        'filing, captcha off, durable commit',
        api,
        post('/api/v1/institutions/MDT/requests', FILING),
        201,
      ),
    );
    // The same database, now with hCaptcha verified against the local siteverify on every filing.
    api.stop();
    const hcaptcha = await run(['api/server.ts'], {
      DATABASE_URL: `file:${small}`,
      CAPTCHA: 'hcaptcha',
      HCAPTCHA_SITEKEY: 'bench-sitekey',
      HCAPTCHA_SECRET: 'bench-secret',
      HCAPTCHA_VERIFY_URL: `${siteverify.url}/siteverify`,
      RATE_LIMIT: 'off',
    });
    rows.push(
      await load(
        'filing, hCaptcha (local siteverify), durable commit',
        hcaptcha,
        post('/api/v1/institutions/MDT/requests', { ...FILING, captcha: 'bench-token' }),
        201,
      ),
    );
    rows.push(await uploadScenario(load, run, dir));
    const smallCount = await countRequests(small);
    growDatabase(small, 0, STAFF_TOKEN); // adds the staff token only
    rows.push(
      ...(await readScenarios(
        load,
        hcaptcha,
        ` (${smallCount.toLocaleString('en')} requests)`,
        await unitOfContratos(small),
      )),
    );
    hcaptcha.stop();

    // A database of BIG requests: the same reads must cost the same (their p99 must not grow).
    const bigPath = join(dir, 'big.db');
    const seeding = await run(['api/server.ts'], { DATABASE_URL: `file:${bigPath}`, CAPTCHA: 'off' });
    seeding.stop();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const started = performance.now();
    growDatabase(bigPath, BIG, STAFF_TOKEN);
    const built = ((performance.now() - started) / 1000).toFixed(0);
    forgetBaseline();
    const big = await run(['api/server.ts'], {
      DATABASE_URL: `file:${bigPath}`,
      CAPTCHA: 'off',
      RATE_LIMIT: 'off',
    });
    rows.push(
      ...(await readScenarios(
        load,
        big,
        ` (${BIG.toLocaleString('en')} requests)`,
        await unitOfContratos(bigPath),
      )),
    );

    const sorted = [...bareRuns].sort((x, y) => x.rps - y.rps);
    const median = sorted[Math.floor(sorted.length / 2)] as Row;
    console.log(
      `\n${DURATION}s per scenario after ${WARMUP}s unmeasured, ${CONNECTIONS} connections from wrk, loopback; node ${process.version}; ` +
        `${BIG.toLocaleString('en')} requests generated in ${built}s. Each scenario ran between two runs of the bare ` +
        `endpoint and is compared with their mean; the bare endpoint's ${bareRuns.length} runs ranged ` +
        `${sorted[0]?.rps}–${sorted.at(-1)?.rps} req/s (its row shows the median run).\n`,
    );
    console.log(
      '| scenario | req/s | p50 ms | p99 ms | errors | server peak RSS MiB | baseline req/s | × baseline |',
    );
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const r of [{ ...median, baseline: median.rps }, ...rows]) {
      console.log(
        `| ${r.scenario} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.rssMiB} | ${r.baseline} | ${(r.rps / r.baseline).toFixed(2)} |`,
      );
    }
    big.stop();

    // What a citizen's phone waits for: the demo as `npm start` serves it, captcha and all.
    const demo = await run(['api/server.ts'], { DATABASE_URL: `file:${join(dir, 'demo.db')}` });
    console.log(phoneTable(await measurePhone(`${demo.url}/demo/mdt.html`)));
  } finally {
    for (const server of stopped) server.stop();
    await new Promise((resolve) => setTimeout(resolve, 500));
    rmSync(dir, { recursive: true, force: true });
  }
}

async function countRequests(path: string): Promise<number> {
  const { default: Database } = await import('libsql');
  const db = new Database(path, { timeout: 10_000 });
  try {
    return Number((db.prepare('SELECT count(*) AS n FROM requests').get() as { n: number }).n);
  } finally {
    db.close();
  }
}

await main();
