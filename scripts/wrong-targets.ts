// `npx tsx scripts/wrong-targets.ts [--runs <n>] [--whole-suite] [--new]`: the repeated-run
// check of the wrong targets (conformance/test-support/). Each run starts from one
// so-webhook-mock and, per wrong target, runs the case named for its fault and the cases it
// leaves alone; a target counts as caught in a run when that case failed and the others passed.
// The clean mock runs the whole suite once per run and must pass every case.
// --whole-suite runs every case against each wrong target instead and lists which ones failed
// (how a new wrong target is shown to be missed by the suite before a case for it exists).
// Exit code 0 when every target was caught in every run and the clean mock always passed.
import { parseArgs } from 'node:util';
import {
  NEW_WRONG_TARGETS,
  WRONG_TARGETS,
  startHarness,
  type AnyWrongTarget,
} from '../conformance/test-support/wrong-target-harness.js';
import type { Verdict } from '../conformance/types.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '1' },
    'whole-suite': { type: 'boolean', default: false },
    new: { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1 || runs > 100) throw new Error('--runs must be 1–100');
const targets = values.new ? NEW_WRONG_TARGETS : WRONG_TARGETS;

const failing = (verdicts: Map<string, Verdict>) =>
  [...verdicts.values()].filter((v) => v.status !== 'passed' && v.status !== 'skipped');

function caught(w: AnyWrongTarget, verdicts: Map<string, Verdict>): string | undefined {
  const v = verdicts.get(w.caseId);
  if (v?.status !== 'failed') return `${w.caseId} ${v?.status ?? 'missing'}: ${v?.reason ?? ''}`;
  if (!w.reason.test(v.reason ?? '')) return `${w.caseId} failed for another reason: ${v.reason}`;
  const others = w.unaffected.filter((id) => verdicts.get(id)?.status !== 'passed');
  return others.length > 0 ? `unaffected cases did not pass: ${others.join(', ')}` : undefined;
}

const harness = await startHarness();
let bad = 0;
try {
  if (values['whole-suite']) {
    for (const w of targets) {
      const ids = failing(await harness.verdictsAgainst(w)).map((v) => v.id);
      console.log(`${ids.length === 0 ? 'MISSED' : 'failed'}  ${w.fault}: ${ids.join(', ')}`);
    }
  } else {
    const misses = new Map<string, string[]>();
    for (let run = 1; run <= runs; run += 1) {
      const clean = failing(await harness.verdictsAgainst({}));
      for (const v of clean) misses.set(`clean mock`, [`run ${run}: ${v.id} ${v.status}`]);
      for (const w of targets) {
        const problem = caught(w, await harness.verdictsAgainst(w, [w.caseId, ...w.unaffected]));
        if (problem)
          misses.set(w.fault, [...(misses.get(w.fault) ?? []), `run ${run}: ${problem}`]);
      }
      process.stderr.write(`run ${run}/${runs} done\n`);
    }
    for (const w of targets) {
      const m = misses.get(w.fault) ?? [];
      console.log(
        `${m.length === 0 ? 'caught' : 'MISSED'} ${runs - m.length}/${runs}  ${w.caseId}  ← ${w.fault}`,
      );
      for (const line of m) console.log(`    ${line}`);
    }
    const clean = misses.get('clean mock') ?? [];
    console.log(`clean mock: ${clean.length === 0 ? `passed all ${runs} runs` : clean.join('; ')}`);
    bad = misses.size;
  }
} finally {
  await harness.close();
}
process.exit(bad === 0 ? 0 : 1);
