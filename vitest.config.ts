import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // test/package/ imports the package by name, as an installed copy does; here it is the source.
    alias: { 'so-webhook-mock': fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
  },
  test: {
    include: [
      'src/**/*.test.ts',
      'conformance/**/*.test.ts',
      'test/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
