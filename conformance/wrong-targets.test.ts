// Each check can fail: the suite runs against so-webhook-mock made wrong in one way — by a proxy
// in front of its API (test-support/wrong-http*.ts) or by a fault around the `deliver` function
// it sends deliveries with (test-support/wrong-delivery*.ts) — and the case written for that
// behaviour must fail, by name, with a reason that names the fault, while the cases the fault
// leaves alone still pass. Only those few cases run per wrong target, to keep this bounded;
// scripts/wrong-targets.ts repeats the same check over many runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CASES } from './cases/index.js';
import {
  NEW_WRONG_TARGETS,
  WRONG_TARGETS,
  startHarness,
  type Harness,
} from './test-support/wrong-target-harness.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

describe('the suite fails targets that are wrong', () => {
  it('has distinct wrong targets, at least 20 of them for untested rules, variants, retries and races', () => {
    expect(NEW_WRONG_TARGETS.length).toBeGreaterThanOrEqual(20);
    expect(new Set(WRONG_TARGETS.map((w) => w.fault)).size).toBe(WRONG_TARGETS.length);
    const ids = new Set(ALL_CASES.map((c) => c.id));
    const named = WRONG_TARGETS.flatMap((w) => [w.caseId, ...w.unaffected]);
    expect(named.filter((id) => !ids.has(id))).toEqual([]);
  });

  const table = WRONG_TARGETS.map((w) => [w.fault, w.caseId, w] as const);
  it.each(table)('a target that %s fails %s', async (_fault, _caseId, wrong) => {
    const verdicts = await harness.verdictsAgainst(wrong, [wrong.caseId, ...wrong.unaffected]);
    const caught = verdicts.get(wrong.caseId);
    expect(caught?.status, caught?.reason).toBe('failed');
    expect(caught?.reason).toMatch(wrong.reason);
    expect(caught?.evidence?.request.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    const others = wrong.unaffected.map((id) => [id, verdicts.get(id)?.status]);
    expect(others).toEqual(wrong.unaffected.map((id) => [id, 'passed']));
  });
});

// The cases that wait out retry delays run alongside each other and the rest (schedule.ts):
// each wrong target that touches one of them is run once more with all of them at once, and
// must be caught as when they ran alone, the cases it leaves alone still passing.
describe('the concurrent cases, run together', () => {
  const concurrent = ALL_CASES.filter((c) => c.concurrent && !c.slow).map((c) => c.id);
  const touching = WRONG_TARGETS.filter((w) =>
    [w.caseId, ...w.unaffected].some((id) => concurrent.includes(id)),
  );

  it('are the cases that wait for retries, the differential one among them', () => {
    expect(concurrent).toContain('differential.sequences');
    expect(concurrent).toContain('deliveries.active-save-keeps-errors');
    expect(touching.length).toBeGreaterThanOrEqual(5);
  });

  it('all pass together on the clean mock', async () => {
    const verdicts = await harness.verdictsAgainst({}, concurrent);
    const statuses = concurrent.map((id) => [id, verdicts.get(id)?.status]);
    expect(statuses).toEqual(concurrent.map((id) => [id, 'passed']));
  }, 60_000);

  const others = concurrent.filter((id) => id !== 'differential.sequences');
  const table = touching.map((w) => [w.fault, w.caseId, w] as const);
  it.each(table)('a target that %s still fails %s among them', async (_fault, _caseId, wrong) => {
    const ids = [...new Set([wrong.caseId, ...wrong.unaffected, ...others])];
    const verdicts = await harness.verdictsAgainst(wrong, ids);
    const caught = verdicts.get(wrong.caseId);
    expect(caught?.status, caught?.reason).toBe('failed');
    expect(caught?.reason).toMatch(wrong.reason);
    const left = wrong.unaffected.map((id) => [id, verdicts.get(id)?.status]);
    expect(left).toEqual(wrong.unaffected.map((id) => [id, 'passed']));
  });
});
