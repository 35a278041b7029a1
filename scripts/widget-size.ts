import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * Prints what a page downloads before the form's first question, and then each lazy chunk, gzipped
 * and with brotli (what the server sends). Fails above the 20 KB gzip budget, and when the entry
 * imports a chunk statically: the browser could only ask for that chunk once the entry has arrived,
 * one more round trip before the first question (decision 036).
 */
const BUDGET = 20 * 1024;
const dir = join('dist', 'widget');
const entry = join(dir, 'contacto-ciudadano.js');

function staticGraph(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  // Static imports only: `import … from"./x.js"` and `import"./x.js"`, not `import("./x.js")`.
  for (const match of code.matchAll(/(?:^|[;\s}])import(?:[^"'()]*?from)?\s*["'](\.[^"']+)["']/g)) {
    staticGraph(join(dirname(file), match[1] as string), seen);
  }
  return seen;
}

function sizes(file: string): { gzip: number; br: number } {
  const raw = readFileSync(file);
  const br = brotliCompressSync(raw, {
    params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
  });
  return { gzip: gzipSync(raw, { level: 9 }).length, br: br.length };
}

const row = (size: { gzip: number; br: number }, what: string) =>
  `${String(size.gzip).padStart(7)} B gzip ${String(size.br).padStart(7)} B br  ${what}`;

const before = [...staticGraph(entry)];
let total = 0;
for (const file of before) {
  const size = sizes(file);
  total += size.gzip;
  console.log(row(size, file));
}
const verdict = total <= BUDGET ? 'within' : 'OVER';
console.log(
  `${String(total).padStart(7)} B gzip loaded before the first question (${verdict} the ${BUDGET} B budget)`,
);
const lazy = join(dir, 'chunks');
for (const name of readdirSync(lazy).filter((n) => n.endsWith('.js'))) {
  const file = join(lazy, name);
  if (!before.includes(file)) console.log(row(sizes(file), `${file} (lazy)`));
}
if (before.length > 1) {
  console.error(`The entry imports ${before.slice(1).join(', ')}: it must import nothing (decision 036).`);
  process.exit(1);
}
if (total > BUDGET) process.exit(1);
