import { readFileSync } from 'node:fs';

/**
 * `npx tsx bench/compare-checkouts.ts <checkout A> <checkout B>`: the CPU a status lookup and a
 * filing cost in two checkouts of this repository (say, `main` and a commit before a change), both
 * loaded into this one process and run in alternating slices through `app.request()`. The two share
 * every moment of the machine's speed, which on a shared VM drifts more between two wrk runs than
 * most changes move it; the medians of the slices compare the code, not the minute. No HTTP: what
 * it shows is the application's own work (routing, middleware, validation, queries, the writer).
 * Each checkout needs its own `node_modules` (a symlink to another's will do if the dependencies
 * match). `ROUNDS` slices each (default 20); `MODE=lookup` or `MODE=filing` for one of the two.
 */

interface Checkout {
  root: string;
  services: {
    file(code: string, body: string): Promise<Response>;
    lookup(ticket: string, code: string): Promise<Response>;
    close(): Promise<void> | void;
  };
  body: string;
  receipt: { ticket: string; trackingCode: string };
  lookup: number[];
  filing: number[];
  filingMainThread: number[];
}

const SLICE = 1000;
const FILINGS_AT_ONCE = 50;

/** CPU ticks (1/100 s) of the main thread alone: the writer thread's are in process.cpuUsage(). */
function mainThreadTicks(): number {
  const fields = (readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1] ?? '').split(
    ' ',
  );
  return Number(fields[11]) + Number(fields[12]);
}

async function load(root: string): Promise<Checkout> {
  const { startTestServices } = await import(`${root}/test/support/services.ts`);
  const { valid } = await import(`${root}/test/fixtures/requests.ts`);
  const services = await startTestServices();
  const body = JSON.stringify(valid.mdtComplaint.body);
  const receipt = await (await services.file('MDT', body)).json();
  return { root, services, body, receipt, lookup: [], filing: [], filingMainThread: [] };
}

async function lookups(c: Checkout) {
  const start = process.cpuUsage();
  for (let i = 0; i < SLICE; i++) {
    const response = await c.services.lookup(c.receipt.ticket, c.receipt.trackingCode);
    if (response.status !== 200) throw new Error(`${c.root}: lookup answered ${response.status}`);
    await response.arrayBuffer();
  }
  const used = process.cpuUsage(start);
  c.lookup.push((used.user + used.system) / SLICE);
}

async function filings(c: Checkout) {
  const start = process.cpuUsage();
  const ticks = mainThreadTicks();
  // Many at once, as under load, so the writer commits them in groups.
  for (let i = 0; i < SLICE / FILINGS_AT_ONCE; i++) {
    await Promise.all(
      Array.from({ length: FILINGS_AT_ONCE }, async () => {
        const response = await c.services.file('MDT', c.body);
        if (response.status !== 201) throw new Error(`${c.root}: filing answered ${response.status}`);
        await response.arrayBuffer();
      }),
    );
  }
  const used = process.cpuUsage(start);
  c.filing.push((used.user + used.system) / SLICE);
  c.filingMainThread.push(((mainThreadTicks() - ticks) * 10_000) / SLICE);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? Number.NaN;

const roots = process.argv.slice(2);
if (roots.length !== 2) throw new Error('usage: compare-checkouts.ts <checkout A> <checkout B>');
const checkouts = [await load(roots[0] as string), await load(roots[1] as string)];
const mode = process.env.MODE ?? 'both';
const rounds = Number(process.env.ROUNDS ?? 20);
for (let round = 0; round < rounds; round++) {
  // Alternating which goes first, so neither always follows the other's garbage.
  for (const c of round % 2 ? [...checkouts].reverse() : checkouts) {
    if (mode !== 'filing') await lookups(c);
    if (mode !== 'lookup') await filings(c);
  }
}
// The first two slices of each are a warm-up (the JIT, the statement cache).
interface Medians {
  root: string;
  lookup: number;
  filing: number;
  filingMainThread: number;
}
const [a, b] = checkouts.map(
  (c): Medians => ({
    root: c.root,
    lookup: median(c.lookup.slice(2)),
    filing: median(c.filing.slice(2)),
    filingMainThread: median(c.filingMainThread.slice(2)),
  }),
) as [Medians, Medians];
console.log('| CPU µs per request (medians) | lookup | filing, all threads | filing, main thread |');
console.log('| --- | ---: | ---: | ---: |');
for (const r of [a, b])
  console.log(
    `| ${r.root} | ${r.lookup.toFixed(1)} | ${r.filing.toFixed(1)} | ${r.filingMainThread.toFixed(1)} |`,
  );
console.log(
  `| B / A | ${(b.lookup / a.lookup).toFixed(2)} | ${(b.filing / a.filing).toFixed(2)} | ${(b.filingMainThread / a.filingMainThread).toFixed(2)} |`,
);
for (const c of checkouts) await c.services.close();
