// The differential case proves itself both ways: against the clean mock it finds no difference
// seed after seed, and it catches single-fault servers written after it, which no hand-written
// case was aimed at (test-support/differential-faults.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIFFERENTIAL_FAULTS } from '../test-support/differential-faults.js';
import type { DeliverFault } from '../test-support/wrong-delivery.js';
import { startHarness, type Harness } from '../test-support/wrong-target-harness.js';

const CASE = 'differential.sequences';
/** As `npm run conformance` runs the suite: retry delays a hundred times shorter. */
const TIME_SCALE = 0.01;
let harness: Harness;
beforeAll(async () => {
  harness = await startHarness(3_000, TIME_SCALE);
});
afterAll(async () => {
  await harness?.close();
});

describe('the differential run', () => {
  it.each([1, 2])(
    'finds no difference on the clean mock (seed %i)',
    async (seed) => {
      const v = (await harness.verdictsAgainst({}, [CASE], { seed })).get(CASE);
      expect(v?.status, `${v?.reason}`).toBe('passed');
      expect(v?.notes?.join('\n')).toMatch(/^seed \d+, \d+ sequences/);
      // Both seeds run sequences on a tenant's site. The mock keeps its tenants apart, though a
      // tenant's first webhook has an id the root's fixture also holds: the probe reads its own
      // webhook on the root by name, not any webhook under that id.
      expect(v?.notes?.join('\n')).not.toMatch(/serves one tenant under every site/);
    },
    60_000,
  );

  it('takes an Updated that moves without a save for the choice it is (C44), not a failure', async () => {
    // Each delivery stamps its webhook's Updated, as a server that dates its own changes might.
    const stampsOnDelivery: { deliver: DeliverFault } = {
      deliver: async (req, send, store) => {
        const result = await send(req);
        const hook = store.list().find((w) => w.TargetUrl === req.url);
        if (hook && req.headers['X-Hook-Test'] === undefined) {
          await store.replace({ ...hook, Updated: new Date().toISOString() });
        }
        return result;
      },
    };
    const v = (await harness.verdictsAgainst(stampsOnDelivery, [CASE], { seed: 7 })).get(CASE);
    expect(v?.status, `${v?.reason}`).toBe('passed');
    expect(v?.notes?.join('\n')).toMatch(/advisory \(spec C44 \(Updated moves only on a save\)\)/);
  }, 90_000);

  it('has at least ten new single-fault servers, across the kinds of fault', () => {
    expect(DIFFERENTIAL_FAULTS.length).toBeGreaterThanOrEqual(10);
    expect(new Set(DIFFERENTIAL_FAULTS.map((f) => f.kind)).size).toBe(7);
  });

  // Which faults a default run (fixed seed: the same five sequences on any machine) catches. A
  // catch must name the fault's own difference: links that only point at another origin (a
  // proxy in front of the server) are no difference at all, and once counted as catches of
  // every proxy-made fault. Each sequence's episodes are of ten distinct kinds of change, each
  // followed by what shows its effect (a signal to that webhook's events, a read, a list).
  const caught: string[] = [];
  const table = DIFFERENTIAL_FAULTS.map((f) => [f.kind, f.fault, f] as const);
  it.each(table)(
    'runs against a server that (%s) %s',
    async (_kind, _fault, f) => {
      const wrong = {
        ...(f.proxy && { proxy: f.proxy() }),
        ...(f.deliver && { deliver: f.deliver() }),
      };
      const v = (await harness.verdictsAgainst(wrong, [CASE], { seed: 7 })).get(CASE);
      expect(['passed', 'failed'], v?.reason).toContain(v?.status);
      if (v?.status !== 'failed') return;
      caught.push(f.fault);
      expect(v.reason).not.toMatch(/^step \d+: answer of [^\n]*: \/_Links\//);
      expect(v.reason).toMatch(
        /^step \d+: .*\nshortest sequence \(\d+ steps\): .*\nreplay with --only differential.sequences --seed 7/,
      );
      expect(v.reason).toMatch(/\n#!\/bin\/sh\nset -e\ncurl /);
    },
    90_000,
  );

  it('caught every one of them, each by its own difference', () => {
    expect(caught, caught.join('\n')).toEqual(DIFFERENTIAL_FAULTS.map((f) => f.fault));
  });
});
