import { defineConfig } from 'vitest/config';

// One config for the widget's library build (`npm run build`) and for Vitest.
export default defineConfig({
  build: {
    outDir: 'dist/widget',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    lib: {
      entry: 'widget/index.ts',
      formats: ['es'],
      fileName: () => 'contacto-ciudadano.js',
    },
    rolldownOptions: {
      // The contract (`#schema`) is declarations only: valibot schemas, dictionaries, pure helpers.
      // Saying so lets the bundler keep, from its barrel, only what each chunk uses, so the first
      // chunk takes a few constants and valibot stays in the lazy validation chunk.
      treeshake: { moduleSideEffects: [{ test: /\/api\/schema\//, sideEffects: false }] },
      // Vite 8's library mode keeps whitespace unless the bundler is told to minify.
      output: { minify: true, chunkFileNames: 'chunks/[name]-[hash].js' },
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
