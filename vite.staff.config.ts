import { defineConfig } from 'vite';
import { minifyCssLiterals } from './scripts/minify-css-literals.ts';

// The back office (staff/): an application build of its own, served at /staff/ by the API server.
// The citizens' widget never imports it (dependency-cruiser keeps the two apart), so nothing of it
// reaches an institution's website.
export default defineConfig({
  root: 'staff',
  base: '/staff/',
  plugins: [minifyCssLiterals()],
  build: {
    outDir: '../dist/staff',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // The polyfill would be an inline script, which the pages' CSP (script-src 'self') refuses;
    // every browser the back office supports has modulepreload.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      // The contract (`#schema`) is declarations only (see vite.config.ts).
      treeshake: { moduleSideEffects: [{ test: /\/api\/schema\//, sideEffects: false }] },
      output: { minify: true },
    },
  },
});
