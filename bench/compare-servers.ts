import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { valid } from '../test/fixtures/requests.ts';
import { type Started, startServer } from './server-process.ts';
import { type LoadOptions, wrkLoad } from './wrk.ts';

/**
 * `npx tsx bench/compare-servers.ts <checkout A> <checkout B>`: the same comparison as
 * compare-checkouts.ts, over HTTP. Each checkout's own `api/server.ts` runs on its own database, and
 * wrk loads them in turn (ROUNDS runs of SECONDS each, alternating which goes first), so both share
 * the machine's moments. Over HTTP the write thread commits the groups that 50 connections make
 * (about a dozen filings), not the 50 at once of the in-process tool: what a commit costs weighs
 * more here, and this is the figure the bench's ratio follows. Per request it prints the server's
 * CPU (all its threads, from /proc) and its main thread's, and req/s; the medians compare the code.
 * `SCENARIO=lookup` for status lookups instead of filings.
 */

interface Server extends Started {
  root: string;
  rps: number[];
  cpu: number[];
  mainThread: number[];
}

const TICK_US = 10_000; // /proc counts CPU in 1/100 s

/** CPU µs of a process: all its threads, and its main thread alone. */
function cpuOf(pid: number): { all: number; main: number } {
  const ticks = (stat: string) => {
    const fields = (stat.split(') ')[1] ?? '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_US;
  };
  let all = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      all += ticks(readFileSync(`/proc/${pid}/task/${task}/stat`, 'utf8'));
    } catch {
      // A thread that ended meanwhile: its time is in the process's total from now on.
    }
  }
  return { all, main: ticks(readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8')) };
}

/** Each checkout's own server, on its own database file. */
async function start(root: string, database: string): Promise<Server> {
  const started = await startServer(
    ['api/server.ts'],
    { DATABASE_URL: `file:${database}`, CAPTCHA: 'off', RATE_LIMIT: 'off' },
    root,
  );
  return { ...started, root, rps: [], cpu: [], mainThread: [] };
}

const body = JSON.stringify(valid.mdtComplaint.body);

async function loadFor(server: Server, scenario: string): Promise<LoadOptions> {
  const filing = {
    url: `${server.url}/api/v1/institutions/MDT/requests`,
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
  };
  if (scenario !== 'lookup') return { ...filing, connections: 50, seconds: 1 };
  const receipt = (await (await fetch(filing.url, filing)).json()) as {
    ticket: string;
    trackingCode: string;
  };
  return {
    url: `${server.url}/api/v1/requests/${receipt.ticket}`,
    headers: { 'X-Tracking-Code': receipt.trackingCode },
    connections: 50,
    seconds: 1,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? Number.NaN;

const roots = process.argv.slice(2);
if (roots.length !== 2) throw new Error('usage: compare-servers.ts <checkout A> <checkout B>');
const scenario = process.env.SCENARIO ?? 'filing';
const rounds = Number(process.env.ROUNDS ?? 6);
const seconds = Number(process.env.SECONDS ?? 3);
const dir = mkdtempSync(join(tmpdir(), 'cc-compare-'));
const servers: Server[] = [];
try {
  for (const [i, root] of roots.entries()) servers.push(await start(root, join(dir, `${i}.db`)));
  const loads = new Map<Server, LoadOptions>();
  for (const server of servers) {
    const load = await loadFor(server, scenario);
    loads.set(server, load);
    await wrkLoad(load); // warm-up: the JIT, the statement cache
  }
  for (let round = 0; round < rounds; round++) {
    for (const server of round % 2 ? [...servers].reverse() : servers) {
      const { pid } = server;
      const before = cpuOf(pid);
      const result = await wrkLoad({ ...(loads.get(server) as LoadOptions), seconds });
      const after = cpuOf(pid);
      if (result.errors > 0) throw new Error(`${server.root}: ${result.errors} errors under load`);
      server.rps.push(result.rps);
      server.cpu.push((after.all - before.all) / result.requests);
      server.mainThread.push((after.main - before.main) / result.requests);
    }
  }
  type Medians = { root: string; rps: number; cpu: number; main: number };
  const [a, b] = servers.map(
    (s): Medians => ({ root: s.root, rps: median(s.rps), cpu: median(s.cpu), main: median(s.mainThread) }),
  ) as [Medians, Medians];
  console.log(
    `| ${scenario} over HTTP (medians of ${rounds}) | req/s | CPU µs/request | main thread µs/request |`,
  );
  console.log('| --- | ---: | ---: | ---: |');
  for (const r of [a, b])
    console.log(`| ${r.root} | ${Math.round(r.rps)} | ${r.cpu.toFixed(0)} | ${r.main.toFixed(0)} |`);
  console.log(
    `| B / A | ${(b.rps / a.rps).toFixed(2)} | ${(b.cpu / a.cpu).toFixed(2)} | ${(b.main / a.main).toFixed(2)} |`,
  );
} finally {
  for (const server of servers) server.stop();
  await new Promise((resolve) => setTimeout(resolve, 500));
  rmSync(dir, { recursive: true, force: true });
}
