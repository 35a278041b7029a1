import { defineConfig } from 'vitest/config';

// One config for Vite and Vitest. The widget's library build joins this file when the widget lands.
export default defineConfig({
  test: {
    include: ['api/**/*.test.ts', 'test/**/*.test.ts'],
    // Integration tests open real libSQL files and real sockets; the default 5 s is tight on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
