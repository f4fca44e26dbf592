// The test run StrykerJS uses (stryker.config.json): the conformance suite against the mock,
// one test per case (conformance/mutation/conformance.mutation.ts), nothing else.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['conformance/mutation/*.mutation.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
