import type { BuildEnvironmentOptions } from 'vite';
import { defineConfig } from 'vitest/config';
import { minifyCssLiterals } from './scripts/minify-css-literals.ts';
import { selfContainedChunks } from './scripts/self-contained-chunks.ts';

// What the entry and every lazy chunk are built with.
const COMMON: BuildEnvironmentOptions = {
  outDir: 'dist/widget',
  target: 'es2022',
  sourcemap: true,
  rolldownOptions: {
    // The contract (`#schema`) is declarations only: valibot schemas, dictionaries, pure helpers.
    // Saying so lets the bundler keep, from its barrel, only what each chunk uses, so the entry
    // takes a few constants and valibot stays in the lazy validation chunk.
    treeshake: { moduleSideEffects: [{ test: /\/api\/schema\//, sideEffects: false }] },
    // Vite 8's library mode keeps whitespace unless the bundler is told to minify.
    output: { minify: true, chunkFileNames: 'chunks/[name]-[hash].js' },
  },
};

// One config for the widget's library build (`npm run build`) and for Vitest.
export default defineConfig({
  plugins: [
    minifyCssLiterals(),
    // Validation and the captcha solvers share nothing with the entry at run time: each is bundled
    // on its own, so that the entry imports no chunk before it can run (scripts/self-contained-chunks.ts).
    selfContainedChunks(['widget/validation.ts', 'widget/altcha-solver.ts', 'widget/hcaptcha.ts'], COMMON),
  ],
  build: {
    ...COMMON,
    emptyOutDir: true,
    lib: {
      entry: 'widget/index.ts',
      formats: ['es'],
      fileName: () => 'contacto-ciudadano.js',
    },
  },
  test: {
    // widget/: its pure logic (draft, journey, validation) in Node; the element itself is tested in
    // Chromium by web-test-runner (test/browser/), which vitest leaves alone.
    include: ['api/**/*.test.ts', 'bench/**/*.test.ts', 'test/**/*.test.ts', 'widget/**/*.test.ts'],
    exclude: ['test/browser/**', '**/node_modules/**'],
    // Integration tests open real libSQL files and real sockets; the default 5 s is tight on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
