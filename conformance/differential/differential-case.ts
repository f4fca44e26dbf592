// The differential case: the target and a reference — so-webhook-mock itself, started in this
// process through the package's public entry, at the target's time scale and on its default
// fixture — get the same seeded random sequences of steps (differential/steps.ts) and are
// compared after every step (differential/sequence.ts). A difference is shrunk by fast-check to
// the shortest sequence that still shows it, and reported with its seed and a curl script that
// replays the sequence against the target. A difference where the contract only records a
// choice of its own (spec/README.md) is a note, not a failure.
import fc from 'fast-check';
import { defaultAuthorization } from '../credentials.js';
import { PreconditionError } from '../outcome.js';
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
 * on any machine (about 4 s against a local mock at `--time-scale 0.01`). The time budget,
 * shrinking included, bounds it on a slow or busy target, or at the documented retry delays,
 * where one sequence outlasts it: the budget ends a sequence between steps (a step whose
 * deliveries are still settling goes unjudged), never behind the case's back. `--deep <n>`
 * runs n sequences with no time limit.
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
  /** Steps compared in full: all, unless the time budget ended the sequence. */
  compared: number;
}

export interface Differential {
  /** Runs `steps`, until `stopAt` (`performance.now()`) if given. */
  runSequence(steps: Step[], stopAt?: number): Promise<SequenceResult>;
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
    async runSequence(steps, stopAt) {
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
        ...(stopAt !== undefined && { stopAt }),
      };
      const run = new SequenceRun(env, sides);
      try {
        const compared = await run.run(steps);
        return { advisories: run.advisories, recorded, compared };
      } catch (thrown) {
        if (!(thrown instanceof DifferenceFound)) throw thrown;
        const { difference } = thrown;
        return { difference, advisories: run.advisories, recorded, compared: difference.step };
      }
    },
  };
}

interface Tally {
  /** Sequences compared in full. */
  sequences: number;
  /** The sequence the time budget ended: how many of its steps were compared. */
  cut?: { compared: number; of: number };
}

/** How much the run compared; a budget that ended before the first step compared is an error. */
function budgetNote(
  seed: number,
  details: { failed: boolean; numRuns: number },
  tally: Tally,
  budgetMs: number,
) {
  if (details.failed) return `seed ${seed}, ${details.numRuns} sequences`;
  const { sequences, cut } = tally;
  if (sequences === details.numRuns) return `seed ${seed}, ${sequences} sequences`;
  if (sequences === 0 && !cut?.compared) {
    throw new PreconditionError(
      'a compared step',
      `the time budget of ${budgetMs / 1000} s ended before any step of a sequence was compared`,
    );
  }
  const next = cut ? `; the next cut after ${cut.compared} of ${cut.of} steps` : '';
  return `seed ${seed}, ${sequences} sequences (time budget reached${next})`;
}

/** The differential case with a time budget for its default run (`--deep` has none). */
export const differentialCaseWithin = (budgetMs: number): ConformanceCase => ({
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
  // Lists are compared on its own sequences' webhooks only (lists-and-signals.ts).
  concurrent: true,
  async run(ctx) {
    ctx.requireReceiver();
    const reference = await startReference(ctx.timeScale);
    try {
      const diff = differential(ctx, reference);
      const advisories: Difference[] = [];
      const deep = ctx.deep;
      // From here: starting the reference is not the sequences' time.
      const stopAt = deep === undefined ? performance.now() + budgetMs : undefined;
      const tally: Tally = { sequences: 0 };
      const property = fc.asyncProperty(sequenceArbitrary(MAX_EPISODES), async (steps) => {
        // Out of time: the run judges nothing more (shrinking ends too).
        if (performance.now() >= (stopAt ?? Infinity)) return;
        const result = await diff.runSequence(steps, stopAt);
        advisories.push(...result.advisories);
        if (result.difference) throw new Error(describeDifference(result.difference));
        if (result.compared === steps.length) tally.sequences += 1;
        else tally.cut ??= { compared: result.compared, of: steps.length };
      });
      const details = await fc.check(property, { seed: ctx.seed, numRuns: deep ?? DEFAULT_RUNS });
      ctx.note(budgetNote(ctx.seed, details, tally, budgetMs));
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
});

export const differentialCase = differentialCaseWithin(DEFAULT_BUDGET_MS);
