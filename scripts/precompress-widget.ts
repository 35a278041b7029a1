import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * Writes a brotli (.br) and a gzip (.gz) copy beside every script and JSON file of the built widget,
 * at the highest levels: done once per build, so the server sends compressed bytes without
 * compressing on each request (serveStatic picks the copy the browser accepts).
 */
export function precompress(dir: string): { file: string; raw: number; br: number; gz: number }[] {
  const written: { file: string; raw: number; br: number; gz: number }[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      written.push(...precompress(path));
      continue;
    }
    if (!/\.(js|json|css)$/.test(name)) continue;
    const raw = readFileSync(path);
    const br = brotliCompressSync(raw, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    });
    const gz = gzipSync(raw, { level: 9 });
    writeFileSync(`${path}.br`, br);
    writeFileSync(`${path}.gz`, gz);
    written.push({ file: path, raw: raw.length, br: br.length, gz: gz.length });
  }
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // The widget's folder by default; the back office's build names its own (dist/staff).
  const dir = process.argv[2] ?? join('dist', 'widget');
  const files = precompress(dir);
  console.log(`precompressed ${files.length} files of ${dir} (brotli and gzip)`);
}
