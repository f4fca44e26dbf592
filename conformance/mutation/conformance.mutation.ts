// The only test StrykerJS lets kill a mutant of the mock: the conformance suite, run over HTTP
// against the mutated mock started in this process, one vitest test per case so that per-test
// coverage runs only the cases that reach a mutant. A mutant survives when every case still
// passes. The differential case is left out: its reference is the same mock, mutated too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract, type Contract } from '../../src/http/contract.js';
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
/**
 * One contract for every case, as the wrong-target harness keeps one: loading it again in each
 * case cost about a sixth of the suite's time, paid again by every mutant a case covers.
 */
let contract: Contract;
/**
 * Why the mock did not start. StrykerJS counts a run in which no test ran as a survivor, and a
 * failed beforeAll leaves every test unrun; so each case fails with this instead.
 */
let setupError: unknown;
beforeAll(async () => {
  try {
    contract = await loadContract();
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      db: ':memory:',
      auth: 'on',
      timeScale: TIME_SCALE,
    });
  } catch (error) {
    setupError = error;
  }
});
afterAll(async () => {
  await server?.close();
});

const CASES = ALL_CASES.filter((c) => !c.slow && c.id !== 'differential.sequences');

describe('the conformance suite against the mock', () => {
  it.each(CASES.map((c) => [c.id, c] as const))('%s', async (_id, testCase) => {
    if (setupError !== undefined) throw new Error('the mock did not start', { cause: setupError });
    const result = await runConformance({
      target: server.url,
      credentials: CREDENTIALS,
      cases: [testCase],
      contract,
      handleSignals: false,
      timeScale: TIME_SCALE,
      // The mock answers in-process in milliseconds: a request still open after 5 s is a hang,
      // and a mutant that hangs one is killed sooner than at the CLI's 10 s.
      timeoutMs: 5_000,
      deliveryTimeoutMs: 3_000,
      strict: true,
      seed: 1,
    });
    const [verdict] = result.verdicts;
    expect(verdict?.status, verdict?.reason).toBe('passed');
  });
});
