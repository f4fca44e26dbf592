// When each case runs: the cases marked `concurrent` (they mostly wait out a target's retry
// delays, on webhooks, events and a receiver path of their own) all start with the run, the
// others run one after another as before; verdicts are handed out in case order all the same,
// so reports read alike however the waits overlapped.
import type { ConformanceCase, Verdict } from './types.js';

/**
 * Below this `--time-scale` the documented retry delays are a few tens of milliseconds: a case
 * that waits them out then mostly costs CPU — which the differential case's time budget needs —
 * so every case runs in turn.
 */
export const ALONGSIDE_FROM_TIME_SCALE = 0.1;

/**
 * Runs `cases` through `run` (which must not reject: a case's failure is its verdict), the
 * concurrent ones first and at once when `alongside`, and hands each verdict to `onVerdict` in
 * case order. Resolves once every case has ended.
 */
export async function runInCaseOrder(
  cases: readonly ConformanceCase[],
  run: (testCase: ConformanceCase) => Promise<Verdict>,
  onVerdict: (verdict: Verdict) => void,
  alongside = true,
): Promise<Verdict[]> {
  const pending = new Map<ConformanceCase, Promise<Verdict>>();
  for (const testCase of cases) {
    if (alongside && testCase.concurrent) pending.set(testCase, run(testCase));
  }
  let previous: Promise<unknown> = Promise.resolve();
  for (const testCase of cases) {
    if (pending.has(testCase)) continue;
    const verdict = previous.then(() => run(testCase));
    pending.set(testCase, verdict);
    previous = verdict;
  }
  const verdicts: Verdict[] = [];
  try {
    for (const testCase of cases) {
      const verdict = await (pending.get(testCase) as Promise<Verdict>);
      verdicts.push(verdict);
      onVerdict(verdict);
    }
  } finally {
    // Nothing of the run may go on behind its cleanup.
    await Promise.allSettled(pending.values());
  }
  return verdicts;
}
