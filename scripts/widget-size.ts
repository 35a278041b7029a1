import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Prints what a page downloads before the citizen's first interaction: the widget's entry and every
 * chunk it imports statically (dynamic imports load later), gzipped. Fails above the 20 KB budget.
 */
const BUDGET = 20 * 1024;
const entry = join('dist', 'widget', 'contacto-ciudadano.js');

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

const files = [...staticGraph(entry)];
let total = 0;
for (const file of files) {
  const size = gzipSync(readFileSync(file), { level: 9 }).length;
  total += size;
  console.log(`${String(size).padStart(7)} B gzip  ${file}`);
}
const verdict = total <= BUDGET ? 'within' : 'OVER';
console.log(
  `${String(total).padStart(7)} B gzip  loaded before the first interaction (${verdict} the ${BUDGET} B budget)`,
);
if (total > BUDGET) process.exit(1);
