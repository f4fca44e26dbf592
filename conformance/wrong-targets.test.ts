// Each check can fail: the suite runs against so-webhook-mock made wrong in one way — by a proxy
// in front of its API (test-support/wrong-http.ts) or by a fault around the `deliver` function
// it sends deliveries with (test-support/wrong-delivery.ts) — and the case written for that
// behaviour must fail, by name, with a reason that names the fault, while the cases the fault
// leaves alone still pass. Only those few cases run per wrong target, to keep this bounded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliver as httpDeliver } from '../src/delivery/deliver.js';
import { loadContract, type Contract } from '../src/http/contract.js';
import { startServer } from '../src/server.js';
import { ALL_CASES } from './cases/index.js';
import { runConformance } from './run.js';
import { selectCases } from './select.js';
import { startMutatingProxy, type Mutation } from './test-support/mutating-proxy.js';
import { DELIVERY_FAULTS, type DeliverFault } from './test-support/wrong-delivery.js';
import { HTTP_FAULTS } from './test-support/wrong-http.js';
import type { Credentials, Verdict } from './types.js';

const CREDENTIALS: Credentials = {
  user: 'tje0',
  password: 'Tje0',
  ticket: '7T:mock-ticket-tje0',
  token: '8A:mock-token-tje0',
};

let server: Awaited<ReturnType<typeof startServer>>;
let contract: Contract;
/** The fault the server's deliveries go through for the test running now, if any. */
let deliverFault: DeliverFault | undefined;

beforeAll(async () => {
  contract = await loadContract();
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    db: ':memory:',
    auth: 'on',
    timeScale: 0.01,
    deliver: (req) =>
      deliverFault ? deliverFault(req, httpDeliver, server.store) : httpDeliver(req),
  });
});
afterAll(async () => {
  await server?.close();
});

/** Runs the named case and the unaffected ones against the wrong target. */
async function verdictsAgainst(
  ids: string[],
  wrong: { proxy?: Mutation; deliver?: DeliverFault },
): Promise<Map<string, Verdict>> {
  const proxy = wrong.proxy ? await startMutatingProxy(server.url, wrong.proxy) : undefined;
  deliverFault = wrong.deliver;
  try {
    const { selected, unmatched } = selectCases(ALL_CASES, { only: ids });
    expect(unmatched).toEqual([]);
    const result = await runConformance({
      target: proxy?.url ?? server.url,
      credentials: CREDENTIALS,
      cases: selected,
      contract,
      handleSignals: false,
      deliveryTimeoutMs: 3_000,
    });
    return new Map(result.verdicts.map((v) => [v.id, v]));
  } finally {
    deliverFault = undefined;
    await proxy?.close();
  }
}

const WRONG_TARGETS = [...HTTP_FAULTS, ...DELIVERY_FAULTS];

describe('the suite fails targets that are wrong', () => {
  it('has at least 14 distinct wrong targets, each aimed at an existing case', () => {
    expect(WRONG_TARGETS.length).toBeGreaterThanOrEqual(14);
    expect(new Set(WRONG_TARGETS.map((w) => w.fault)).size).toBe(WRONG_TARGETS.length);
    const ids = new Set(ALL_CASES.map((c) => c.id));
    const named = WRONG_TARGETS.flatMap((w) => [w.caseId, ...w.unaffected]);
    expect(named.filter((id) => !ids.has(id))).toEqual([]);
  });

  const table = WRONG_TARGETS.map((w) => [w.fault, w.caseId, w] as const);
  it.each(table)('a target that %s fails %s', async (_fault, _caseId, wrong) => {
    const verdicts = await verdictsAgainst([wrong.caseId, ...wrong.unaffected], wrong);
    const caught = verdicts.get(wrong.caseId);
    expect(caught?.status, caught?.reason).toBe('failed');
    expect(caught?.reason).toMatch(wrong.reason);
    expect(caught?.evidence?.request.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    const others = wrong.unaffected.map((id) => [id, verdicts.get(id)?.status]);
    expect(others).toEqual(wrong.unaffected.map((id) => [id, 'passed']));
  });
});
