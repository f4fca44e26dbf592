// The differential case: the target and a reference — so-webhook-mock itself, started in this
// process through the package's public entry, at the target's time scale and on its default
// fixture — get the same seeded random sequences of steps (differential/steps.ts) and are
// compared after every step (differential/sequence.ts). A difference is shrunk by fast-check to
// the shortest sequence that still shows it, and reported with its seed and a curl script that
// replays the sequence against the target. A difference where the contract only records a
// choice of its own (spec/README.md) is a note, not a failure.
import fc from 'fast-check';
import { defaultAuthorization } from '../credentials.js';
import { createHttpClient } from '../http-client.js';
import type { CaseContext, ConformanceCase, RecordedRequest } from '../types.js';
import { describeDifference, replayScript } from './difference-report.js';
import {
  onSite,
  referencePending,
  REFERENCE_LOGIN,
  sideState,
  startReference,
  type Reference,
} from './reference.js';
import { DifferenceFound, SequenceRun, type Difference, type Side } from './sequence.js';
import { sequenceArbitrary } from './generator.js';
import { showStep, type Step } from './steps.js';

/**
 * A default run: this many sequences, as the seed draws them, so `--seed` repeats the same run
 * on any machine (about 4 s against a local mock). The time limit, shrinking included, bounds
 * it on a slow or busy target, so the whole default run stays under 20 s there too. `--deep
 * <n>` runs n sequences with no time limit.
 */
export const DEFAULT_RUNS = 5;
export const DEFAULT_BUDGET_MS = 6_000;
/** Episodes per sequence (a change to a webhook and one to three steps that observe it), each
 * of another kind of change (generator.ts). */
const MAX_EPISODES = 10;
export interface SequenceResult {
  difference?: Difference;
  advisories: Difference[];
  recorded: RecordedRequest[];
}

export interface Differential {
  runSequence(steps: Step[]): Promise<SequenceResult>;
}

/** Runs sequences between the case's target and `reference`, each on fresh webhooks. */
export function differential(ctx: CaseContext, reference: Reference): Differential {
  const receiver = ctx.requireReceiver();
  const referenceClient = createHttpClient({
    target: reference.url,
    credentials: REFERENCE_LOGIN,
    timeoutMs: 10_000,
    signal: ctx.signal,
  });
  let count = 0;
  return {
    async runSequence(steps) {
      count += 1;
      const tag = `d${count}x`;
      const path = (side: string) => ctx.receiverPath(`${tag}/${side}`);
      const states = [
        sideState('target', receiver.url + path('t'), defaultAuthorization(ctx.credentials)),
        sideState('reference', receiver.url + path('r'), defaultAuthorization(REFERENCE_LOGIN)),
      ] as const;
      const sides: [Side, Side] = [
        {
          state: states[0],
          send: onSite(states[0], (method, p, options) => ctx.request(method, p, options)),
          receiverPath: path('t'),
        },
        {
          state: states[1],
          send: onSite(states[1], (method, p, options) => referenceClient.send(method, p, options)),
          receiverPath: path('r'),
        },
      ];
      const recorded: RecordedRequest[] = [];
      const naming = {
        prefix: ctx.name(tag),
        event: (i: number) => ctx.eventName(`${tag}.e${i}`),
      };
      const env = {
        receiver,
        naming,
        timeScale: ctx.timeScale,
        deliveryTimeoutMs: Math.min(ctx.deliveryTimeoutMs, 5_000),
        referencePending: (site: string) => referencePending(reference, site),
        recorded,
      };
      const run = new SequenceRun(env, sides);
      try {
        await run.run(steps);
        return { advisories: run.advisories, recorded };
      } catch (thrown) {
        if (!(thrown instanceof DifferenceFound)) throw thrown;
        return { difference: thrown.difference, advisories: run.advisories, recorded };
      }
    },
  };
}

export const differentialCase: ConformanceCase = {
  id: 'differential.sequences',
  area: 'operations',
  title: 'Random sequences answer and deliver as the reference does',
  source: 'reference §1a, reference §3, seeds/004_c05cf042a57efd1d.txt',
  given: 'the target, and so-webhook-mock started in-process as the reference',
  when: `seeded random sequences of up to ${MAX_EPISODES} episodes (a change to one webhook, then a signal to its events, a read or a list) on the root or a tenant, both surfaces, every representation, patches, precedence, failing receivers`,
  then: 'after every step: the same status, answers equal by role, the same deliveries (payload, headers, signature, attempts), the same webhooks read back',
  tags: ['doc', 'differential', 'receiver'],
  mutates: true,
  needsReceiver: true,
  async run(ctx) {
    ctx.requireReceiver();
    const reference = await startReference(ctx.timeScale);
    try {
      const diff = differential(ctx, reference);
      const advisories: Difference[] = [];
      const property = fc.asyncProperty(sequenceArbitrary(MAX_EPISODES), async (steps) => {
        const result = await diff.runSequence(steps);
        advisories.push(...result.advisories);
        if (result.difference) throw new Error(describeDifference(result.difference));
      });
      const deep = ctx.deep;
      const details = await fc.check(property, {
        seed: ctx.seed,
        numRuns: deep ?? DEFAULT_RUNS,
        ...(deep === undefined && { interruptAfterTimeLimit: DEFAULT_BUDGET_MS }),
        markInterruptAsFailure: false,
      });
      ctx.note(
        `seed ${ctx.seed}, ${details.numRuns} sequences${details.interrupted ? ' (time budget reached)' : ''}`,
      );
      const advisory = advisories[0];
      if (advisory) ctx.note(`advisory (${advisory.choice}): ${describeDifference(advisory)}`);
      if (!details.failed || !details.counterexample) return;
      const [shortest] = details.counterexample;
      // Once more, to record the shortest sequence's requests for the replay script.
      const again = await diff.runSequence(shortest);
      const difference = again.difference ?? {
        step: 0,
        what: String(details.errorInstance),
        target: '',
        reference: '',
      };
      ctx.fail(
        [
          `${describeDifference(difference)}`,
          `shortest sequence (${shortest.length} steps): ${shortest.map(showStep).join('; ')}`,
          `replay with --only differential.sequences --seed ${ctx.seed}, or this script:`,
          replayScript(again.recorded),
        ].join('\n'),
      );
    } finally {
      await reference.close();
    }
  },
};
