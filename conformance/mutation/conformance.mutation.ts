// The only test StrykerJS lets kill a mutant of the mock: the conformance suite, run over HTTP
// against the mutated mock started in this process, one vitest test per case so that per-test
// coverage runs only the cases that reach a mutant. A mutant survives when every case still
// passes. The differential case is left out: its reference is the same mock, mutated too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server.js';
import { ALL_CASES } from '../cases/index.js';
import { runConformance } from '../run.js';
import type { Credentials } from '../types.js';

const CREDENTIALS: Credentials = {
  user: 'tje0',
  password: 'Tje0',
  ticket: '7T:mock-ticket-tje0',
  token: '8A:mock-token-tje0',
};
/** As the wrong-target harness: retry delays ten times shorter, and the run is told so. */
const TIME_SCALE = 0.1;

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    db: ':memory:',
    auth: 'on',
    timeScale: TIME_SCALE,
  });
});
afterAll(async () => {
  await server?.close();
});

const CASES = ALL_CASES.filter((c) => !c.slow && c.id !== 'differential.sequences');

describe('the conformance suite against the mock', () => {
  it.each(CASES.map((c) => [c.id, c] as const))('%s', async (_id, testCase) => {
    const result = await runConformance({
      target: server.url,
      credentials: CREDENTIALS,
      cases: [testCase],
      handleSignals: false,
      timeScale: TIME_SCALE,
      deliveryTimeoutMs: 3_000,
      strict: true,
      seed: 1,
    });
    const [verdict] = result.verdicts;
    expect(verdict?.status, verdict?.reason).toBe('passed');
  });
});
