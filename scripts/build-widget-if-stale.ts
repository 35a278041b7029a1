import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const BUNDLE = join(ROOT, 'dist', 'widget', 'contacto-ciudadano.js');
// The back office is built by the same `npm run build` (vite.staff.config.ts).
const STAFF_PAGE = join(ROOT, 'dist', 'staff', 'index.html');
const SOURCES = [
  join(ROOT, 'widget'),
  join(ROOT, 'api', 'schema'),
  join(ROOT, 'vite.config.ts'),
  join(ROOT, 'staff'),
  join(ROOT, 'vite.staff.config.ts'),
  join(ROOT, 'scripts', 'self-contained-chunks.ts'),
  join(ROOT, 'scripts', 'minify-css-literals.ts'),
  join(ROOT, 'package-lock.json'),
];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce(
    (newest, name) => Math.max(newest, newestMtime(join(path, name))),
    stat.mtimeMs,
  );
}

/** True when the bundle is missing or older than any of its sources. */
export function widgetIsStale(): boolean {
  if (!existsSync(BUNDLE) || !existsSync(STAFF_PAGE)) return true;
  const built = Math.min(statSync(BUNDLE).mtimeMs, statSync(STAFF_PAGE).mtimeMs);
  return SOURCES.filter(existsSync).some((source) => newestMtime(source) > built);
}

// `npm start` runs this first: the demo then always serves a bundle built from the current sources.
if (widgetIsStale()) {
  console.log('Building the widget: its bundle is missing or older than its sources.');
  try {
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  } catch {
    console.error('Could not build the widget (see the errors above).');
    process.exit(1);
  }
}
