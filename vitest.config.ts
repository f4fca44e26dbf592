import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Whole conformance runs against in-process targets (the clean mock, the wrong servers, the
 * proxy, the differential sweeps): minutes of pure logic over loopback HTTP. Node 20 runs them
 * in `npm test`; on Node 24 `.ci/run` leaves them to the package check, which runs the suite
 * from the installed tarball there.
 */
const CONFORMANCE_RUNS = [
  'conformance/clean-run.test.ts',
  'conformance/self-test.test.ts',
  'conformance/wrong-targets.test.ts',
  'conformance/differential/differential.test.ts',
  'conformance/differential/budget.test.ts',
  'src/proxy/proxy-conformance.test.ts',
  'src/proxy/wrong-targets.test.ts',
];

/** Every command of README.md and docs/*.md, run as the reader would: Node 20 in CI. */
const DOCS = ['test/readme/**/*.test.ts'];

/** Tests that start processes or browsers, or run the suite end to end: not the inner loop. */
const SLOW = [
  'conformance/local-script.test.ts',
  'conformance/reporters/junit-xsd.test.ts',
  'conformance/fuzz/fuzz.test.ts',
];

export default defineConfig({
  resolve: {
    // test/package/ imports the package by name, as an installed copy does; here it is the source.
    alias: { 'so-webhook-mock': fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
  },
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    projects: [
      {
        // `npm run test:unit`: the in-process tests, the inner loop.
        extends: true,
        test: {
          name: 'unit',
          // One module cache per worker instead of per file: these tests build their own apps
          // and stores, and re-importing the app for every file was most of the run's CPU.
          isolate: false,
          include: ['src/**/*.test.ts', 'conformance/**/*.test.ts', 'test/spec/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...SLOW, ...CONFORMANCE_RUNS],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts', 'bench/**/*.test.ts', ...SLOW],
          exclude: [...configDefaults.exclude, 'test/spec/**', ...DOCS],
        },
      },
      {
        extends: true,
        test: { name: 'conformance-runs', include: CONFORMANCE_RUNS },
      },
      {
        extends: true,
        test: { name: 'docs', include: DOCS },
      },
    ],
  },
});
