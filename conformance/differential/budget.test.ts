// The default run's time budget ends the differential case between steps (or while a step's
// deliveries are still settling, which then goes unjudged) — never behind the case's back: once
// the case has ended, the target hears nothing more from it and keeps nothing it created. At
// the documented retry delays one sequence outlasts the budget, which once raced the sequence
// and left it running against the target after the run had cleaned up.
import { expect, it } from 'vitest';
import { startServer } from '../../src/server.js';
import { runConformance } from '../run.js';
import { startMutatingProxy } from '../test-support/mutating-proxy.js';
import { CREDENTIALS } from '../test-support/wrong-target-harness.js';
import { differentialCaseWithin } from './differential-case.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('stops the sequence the budget cuts before the case ends', async () => {
  // Time scale 1: a failing receiver's retry cycle alone takes 5 s, far beyond the budget.
  const server = await startServer({ port: 0, host: '127.0.0.1', db: ':memory:', timeScale: 1 });
  let requests = 0;
  const proxy = await startMutatingProxy(server.url, {
    request: (req) => {
      requests += 1;
      return req;
    },
  });
  try {
    const result = await runConformance({
      target: proxy.url,
      credentials: CREDENTIALS,
      cases: [differentialCaseWithin(1_500)],
      handleSignals: false,
      timeScale: 1,
      seed: 4,
    });
    const [verdict] = result.verdicts;
    expect(verdict?.status, verdict?.reason).toBe('passed');
    expect(verdict?.notes?.join('\n')).toMatch(
      /^seed 4, \d sequences \(time budget reached; the next cut after \d+ of \d+ steps\)/,
    );
    const afterRun = requests;
    // Longer than a step's settling (at most 5 s): a sequence still running would send again.
    await pause(6_000);
    expect(requests - afterRun, 'requests after the run ended').toBe(0);
    const left = server.store.list().filter((w) => String(w.Name ?? '').startsWith('soconf-'));
    expect(left.map((w) => w.Name)).toEqual([]);
  } finally {
    await proxy.close();
    await server.close();
  }
}, 60_000);
