// The test run StrykerJS uses (stryker.config.json): the conformance suite against the mock,
// one test per case (conformance/mutation/conformance.mutation.ts), nothing else. The mock and
// the suite are loaded by the mock host (a global setup, in vitest's main process), afresh for
// every run of the test file: see conformance/mutation/mock-host.mutation.ts.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['conformance/mutation/conformance.mutation.ts'],
    globalSetup: ['conformance/mutation/mock-host.mutation.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
