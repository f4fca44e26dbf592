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
import { curlOf } from '../reporters/curl.js';
import type { CaseContext, ConformanceCase, RecordedRequest } from '../types.js';
import type { SideState } from './normalize.js';
import { DifferenceFound, SequenceRun, type Difference, type Side } from './sequence.js';
import { sequenceArbitrary } from './generator.js';
import { showStep, type Step } from './steps.js';

/** Sequences and the time they may take in a default run; `--deep <n>` runs n, unbounded. */
export const DEFAULT_RUNS = 40;
export const DEFAULT_BUDGET_MS = 8_000;
/** Episodes per sequence: a change to a webhook and one to three steps that observe it. */
const MAX_EPISODES = 5;
/** The reference's own login: the documentation's sample user (spec/README.md). */
const REFERENCE_LOGIN = { user: 'tje0', password: 'Tje0' };

interface Reference {
  url: string;
  /** Its default tenant's deliveries, to know when it has nothing left to send. */
  deliveries: { list(): readonly { State: string; NextAttemptAt: string | null }[] };
  close(): Promise<void>;
}

async function startReference(timeScale: number): Promise<Reference> {
  // The public entry, loaded when the case runs: the package entry itself imports the suite.
  const { startMockServer } = await import('../../src/index.js');
  return startMockServer({ host: '127.0.0.1', port: 0, db: ':memory:', timeScale });
}

function sideState(
  label: SideState['label'],
  receiverBase: string,
  authorization: string | undefined,
): SideState {
  return {
    label,
    base: '',
    receiverBase,
    ids: [],
    secrets: [],
    stamps: new Map(),
    eventIds: [],
    site: '',
    authorization,
    lastRead: [],
    writing: false,
  };
}

/** A side's `send` on the sequence's site; the first answer names the side's root, for links. */
function onSite(state: SideState, send: Side['send']): Side['send'] {
  return async (method, path, options) => {
    const res = await send(method, state.site + path, options);
    const { url } = res.evidence.request;
    state.base ||= url.slice(0, url.indexOf(`${state.site}/api/v1`));
    return res;
  };
}

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
        referencePending: () =>
          reference.deliveries
            .list()
            .some((d) => d.State === 'pending' || d.NextAttemptAt !== null),
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

export function replayScript(recorded: readonly RecordedRequest[]): string {
  return ['#!/bin/sh', 'set -e', ...recorded.map(curlOf)].join('\n');
}

const show = (v: unknown): string => JSON.stringify(v)?.slice(0, 400) ?? 'nothing';

/** The first place two values differ, as `path: target …, reference …`. */
export function firstDifference(t: unknown, r: unknown, path = ''): string {
  const bothObjects = typeof t === 'object' && t !== null && typeof r === 'object' && r !== null;
  if (bothObjects && Array.isArray(t) === Array.isArray(r)) {
    const keys = new Set([...Object.keys(t), ...Object.keys(r)]);
    if (Array.isArray(t) && Array.isArray(r) && t.length !== r.length) {
      return `${path || '/'}: target has ${t.length} items, reference ${r.length}: target ${show(t)}, reference ${show(r)}`;
    }
    for (const key of keys) {
      const [a, b] = [(t as Record<string, unknown>)[key], (r as Record<string, unknown>)[key]];
      if (JSON.stringify(a) !== JSON.stringify(b)) return firstDifference(a, b, `${path}/${key}`);
    }
  }
  return `${path || '/'}: target ${show(t)}, reference ${show(r)}`;
}

function describeDifference(d: Difference): string {
  return `step ${d.step}: ${d.what}: ${firstDifference(d.target, d.reference)}`;
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
