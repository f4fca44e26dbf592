// The only test StrykerJS lets kill a mutant of the mock: the conformance suite, run over HTTP
// against the mutated mock, one vitest test per case so that per-test coverage runs only the
// cases that reach a mutant. A mutant survives when every case still passes. The differential
// case is left out: its reference is the same mock, mutated too.
//
// The mock and the suite run in the mock host (mock-host.mutation.ts, vitest's main process),
// which loads them afresh for each run of this file with the run's mutant active; this file
// asks it to run each case and hands StrykerJS what the host measured (the mutants each case
// covered, how often the active mutant ran), as StrykerJS's own setup would in this worker.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CaseOutcome, Coverage, SessionEnd, SessionStart } from './host-protocol.js';

interface StrykerNamespace {
  currentTestId?: string;
  mutantCoverage?: Coverage;
  hitCount?: number;
}

const HOST = inject('mutationHost');
const namespace = inject('globalNamespace' as never) ?? '__stryker2__';
const mode = inject('mode' as never) as 'mutant' | 'dry-run' | undefined;
const ns = ((globalThis as Record<string, unknown>)[namespace] ??= {}) as StrykerNamespace;

async function ask<T>(what: string, body: unknown): Promise<T> {
  const response = await fetch(`${HOST}/${what}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as T;
}

function addCoverage(into: Coverage, from: Coverage): void {
  const add = (to: Record<string, number>, hits: Record<string, number>): void => {
    for (const [id, n] of Object.entries(hits)) to[id] = (to[id] ?? 0) + n;
  };
  add(into.static, from.static);
  for (const [testId, hits] of Object.entries(from.perTest))
    add((into.perTest[testId] ??= {}), hits);
}

/** Why the mock did not load or start; each case fails with it, so such a mutant is killed. */
let failure: string | undefined;
beforeAll(async () => {
  const start: SessionStart = { namespace };
  if (mode === 'mutant') {
    start.activeMutant = inject('activeMutant' as never);
    start.hitLimit = inject('hitLimit' as never);
  }
  ({ failure } = await ask<{ failure?: string }>('begin', start));
});
// Runs before StrykerJS's own afterAll (hooks after a file run last-registered first), which
// reads the namespace into the file's result.
afterAll(async () => {
  const ended = await ask<SessionEnd>('end', {});
  if (ended.coverage && mode !== 'mutant') {
    addCoverage((ns.mutantCoverage ??= { static: {}, perTest: {} }), ended.coverage);
  }
  if (ended.hitCount !== undefined) ns.hitCount = (ns.hitCount ?? 0) + ended.hitCount;
});

it('the mock loads and starts', () => {
  expect(failure).toBeUndefined();
});

describe('the conformance suite against the mock', () => {
  it.each(inject('mutationCases'))('%s', async (id) => {
    const outcome = await ask<CaseOutcome>('case', { id, testId: ns.currentTestId });
    expect(outcome.status, outcome.reason).toBe('passed');
  });
});
