import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { valid } from '../test/fixtures/requests.ts';

/**
 * `npm run bench`: loads real server processes on loopback and prints one table. Each scenario is
 * shown beside a bare Hono JSON endpoint measured in the same run, so the ratio says how close to
 * this machine's ceiling the intake is. Figures, never pass/fail.
 */

const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

interface Started {
  url: string;
  pid: number;
  stop(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Starts a server process (logging only warnings, as logging every request would cost) and waits for it. */
async function start(args: string[], env: Record<string, string>): Promise<Started> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
    if (
      await fetch(url).then(
        () => true,
        () => false,
      )
    )
      break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, pid: child.pid as number, stop: () => child.kill('SIGTERM') };
}

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

async function load(
  scenario: string,
  server: Started,
  options: Partial<autocannon.Options> & { path: string },
  expectedStatus = 200,
): Promise<Row> {
  const result = await autocannon({
    url: server.url + options.path,
    connections: CONNECTIONS,
    duration: DURATION,
    ...options,
  });
  const unexpected = Object.entries(result.statusCodeStats ?? {})
    .filter(([status]) => Number(status) !== expectedStatus)
    .reduce((sum, [, stats]) => sum + (stats as { count: number }).count, 0);
  const errors = result.errors + result.timeouts + unexpected;
  return {
    scenario,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors,
    rssMiB: await rssMiB(server.pid),
  };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'cc-bench-'));
  const bare = await start(['bench/bare-server.ts'], {});
  const api = await start(['api/server.ts'], {
    DATABASE_URL: `file:${join(dir, 'bench.db')}`,
    CAPTCHA: 'off',
    RATE_LIMIT: 'off',
  });
  try {
    const rows: Row[] = [];
    rows.push(await load('bare Hono JSON GET (baseline)', bare, { path: '/' }));
    rows.push(await load('catalog GET', api, { path: '/api/v1/institutions/MDT' }));
    const etag = (await fetch(`${api.url}/api/v1/institutions/MDT`)).headers.get('ETag') ?? '';
    rows.push(
      await load(
        'catalog GET, If-None-Match (304)',
        api,
        {
          path: '/api/v1/institutions/MDT',
          headers: { 'If-None-Match': etag },
        },
        304,
      ),
    );
    rows.push(
      await load(
        'filing, captcha off, durable commit',
        api,
        {
          path: '/api/v1/institutions/MDT/requests',
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(valid.mdtComplaint.body),
        },
        201,
      ),
    );
    const receipt = await (
      await fetch(`${api.url}/api/v1/institutions/MDT/requests`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(valid.mdtComplaint.body),
      })
    ).json();
    rows.push(
      await load('status lookup', api, {
        path: `/api/v1/requests/${receipt.ticket}`,
        headers: { 'X-Tracking-Code': receipt.trackingCode },
      }),
    );
    const baseline = rows[0]?.rps ?? 1;
    console.log(
      `\n${DURATION}s per scenario, ${CONNECTIONS} connections, loopback; node ${process.version}\n`,
    );
    console.log('| scenario | req/s | p50 ms | p99 ms | errors | server peak RSS MiB | × baseline |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const r of rows) {
      console.log(
        `| ${r.scenario} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.rssMiB} | ${(r.rps / baseline).toFixed(2)} |`,
      );
    }
  } finally {
    bare.stop();
    api.stop();
    await new Promise((resolve) => setTimeout(resolve, 500));
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
