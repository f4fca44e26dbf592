// One so-webhook-mock that can be made wrong on demand — by a proxy in front of its API or a
// fault around its `deliver` — and a run of chosen cases against it. Shared by
// wrong-targets.test.ts and scripts/wrong-targets.ts (the repeated-run check).
import { deliver as httpDeliver } from '../../src/delivery/deliver.js';
import { loadContract, type Contract } from '../../src/http/contract.js';
import { startServer } from '../../src/server.js';
import { ALL_CASES } from '../cases/index.js';
import { runConformance } from '../run.js';
import { selectCases } from '../select.js';
import type { ConformanceCase, Credentials, Verdict } from '../types.js';
import { startMutatingProxy, type Mutation } from './mutating-proxy.js';
import { DELIVERY_FAULTS, type DeliverFault } from './wrong-delivery.js';
import { RETRY_DELIVERY_FAULTS } from './wrong-delivery-retries.js';
import { HTTP_FAULTS } from './wrong-http.js';
import { VARIANT_HTTP_FAULTS } from './wrong-http-variants.js';
import type { WrongTarget } from './wrong-target.js';

export const CREDENTIALS: Credentials = {
  user: 'tje0',
  password: 'Tje0',
  ticket: '7T:mock-ticket-tje0',
  token: '8A:mock-token-tje0',
};

/**
 * Retry delays ten times shorter; the run is told so (RunOptions.timeScale). Not shorter: an
 * immediate retry must stay clearly below half the scaled 1 s on a busy machine.
 */
export const TIME_SCALE = 0.1;

export type AnyWrongTarget = WrongTarget & { deliver?: DeliverFault };

/** The first wrong targets, and those added for untested rules, variants, retries and races. */
export const FIRST_WRONG_TARGETS: AnyWrongTarget[] = [...HTTP_FAULTS, ...DELIVERY_FAULTS];
export const NEW_WRONG_TARGETS: AnyWrongTarget[] = [
  ...VARIANT_HTTP_FAULTS,
  ...RETRY_DELIVERY_FAULTS,
];
export const WRONG_TARGETS: AnyWrongTarget[] = [...FIRST_WRONG_TARGETS, ...NEW_WRONG_TARGETS];

export interface Harness {
  /** Runs `cases` (ids; the whole suite when omitted) against the target made wrong. */
  verdictsAgainst(
    wrong: { proxy?: Mutation; deliver?: DeliverFault },
    ids?: string[],
    /** Fixes the random cases' seed (runs that must repeat) or the differential's sequences. */
    random?: { seed?: number; deep?: number },
  ): Promise<Map<string, Verdict>>;
  close(): Promise<void>;
}

export async function startHarness(
  deliveryTimeoutMs = 3_000,
  /** The server's retry delay factor, which the run is told; a run of one case may want less. */
  timeScale = TIME_SCALE,
): Promise<Harness> {
  const contract: Contract = await loadContract();
  /** The fault the server's deliveries go through for the run in progress, if any. */
  let deliverFault: DeliverFault | undefined;
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    db: ':memory:',
    auth: 'on',
    timeScale,
    deliver: (req) =>
      deliverFault ? deliverFault(req, httpDeliver, server.store) : httpDeliver(req),
  });
  const casesFor = (ids: string[] | undefined): readonly ConformanceCase[] => {
    if (ids === undefined) return ALL_CASES;
    const { selected, unmatched } = selectCases(ALL_CASES, { only: ids });
    if (unmatched.length > 0) throw new Error(`no case ${unmatched.join(', ')}`);
    return selected;
  };
  return {
    async verdictsAgainst(wrong, ids, random = {}) {
      const proxy = wrong.proxy ? await startMutatingProxy(server.url, wrong.proxy) : undefined;
      deliverFault = wrong.deliver;
      try {
        const result = await runConformance({
          target: proxy?.url ?? server.url,
          credentials: CREDENTIALS,
          cases: casesFor(ids),
          contract,
          handleSignals: false,
          deliveryTimeoutMs,
          timeScale,
          // A wrong target breaks choices of the contract too; under --strict those fail.
          strict: true,
          ...random,
        });
        return new Map(result.verdicts.map((v) => [v.id, v]));
      } finally {
        deliverFault = undefined;
        await proxy?.close();
      }
    },
    close: () => server.close(),
  };
}
