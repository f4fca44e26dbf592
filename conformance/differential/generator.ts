// The generator of differential sequences. The axes it spans: site (the root or a tenant's
// `/Cust<n>/api`), surface (REST, Agent), request representation (JSON, text/json, XML, form),
// Accept with parameters, the Authorization scheme name's case, history (create, rename,
// secret change, JSON Patch, merge patch, delivery, failure, delete), list position and size
// (two to six webhooks; filters on a webhook's first, second or third event, by name, by
// state, or none), patch depth and JSON Pointer escaping (~0, ~1), precedence (a `test`
// with a stale, unparseable or future If-Unmodified-Since), and receivers answering chosen
// status sequences (200, 202, 400, 404, 500, 503, 410).
//
// A sequence is a few episodes, each a change to one webhook followed by what shows its
// effect on that same webhook (observations.ts) — a signal to one of its own events, a read, a
// list — so a delivery after a rename or a secret change, or after a failing receiver, is
// common rather than a rare coincidence of independent steps. The episodes of one sequence are
// of distinct kinds of change: a short run meets each kind in a good share of its sequences,
// instead of the likeliest few again and again.
import fc from 'fast-check';
import { eventIndex, observe, signalHook, surface } from './observations.js';
import {
  anyPatch,
  eventsPatch,
  merge,
  preconditionPatch,
  propertiesPatch,
  word,
} from './patches.js';
import { EVENT_COUNT, MAX_WEBHOOKS, type Representation, type Step } from './steps.js';

const handle = fc.nat({ max: MAX_WEBHOOKS - 1 });

/** What the receiver answers, attempt by attempt: mostly failures the delivery rules name. */
const answer = fc.constantFrom(200, 200, 202, 400, 404, 500, 503, 410);

/**
 * The receiver of webhook `h` answers its next attempts with `first`, then with up to three
 * more answers. The delivery rules tell a 4xx, a 5xx and 410 Gone apart (docs/sources.md
 * §3d), so each class is a kind of change of its own.
 */
const receiver =
  (first: number[]) =>
  (h: number): fc.Arbitrary<Step> =>
    fc.record({
      kind: fc.constant('receiver' as const),
      h: fc.constant(h),
      statuses: fc
        .tuple(fc.constantFrom(...first), fc.array(answer, { maxLength: 3 }))
        .map(([status, then]) => [status, ...then]),
    });

export const create: fc.Arbitrary<Step> = fc.record({
  kind: fc.constant('create' as const),
  surface,
  repr: fc.constantFrom<Representation>('json', 'json', 'json', 'text-json', 'xml', 'form'),
  events: fc.uniqueArray(eventIndex, { minLength: 1, maxLength: EVENT_COUNT }),
  state: fc.constantFrom<'Active' | 'Stopped'>('Active', 'Active', 'Active', 'Stopped'),
  secret: fc.constantFrom('', 'first-secret', 'first-secret', 's3cr3t/+='),
  headers: fc.boolean(),
  // Mostly with Properties, so patches below `/Properties` have keys to act on.
  properties: fc.constantFrom(true, true, true, false),
});

/** The kinds of change an episode makes to webhook `h` (or a new webhook). */
const CHANGES: Record<string, (h: number) => fc.Arbitrary<Step>> = {
  rename: (h) =>
    fc.record({ kind: fc.constant('rename' as const), h: fc.constant(h), surface, name: word }),
  'patch on Events': eventsPatch,
  'patch below Properties': propertiesPatch,
  'patch of any ops': anyPatch,
  'patch under a precondition': preconditionPatch,
  'merge patch': merge,
  'secret change': (h) =>
    fc.record({
      kind: fc.constant('secret' as const),
      h: fc.constant(h),
      secret: fc.constantFrom('second-secret', 'third'),
    }),
  'receiver refusing (4xx)': receiver([400, 404]),
  'receiver failing (5xx, 410 Gone)': receiver([500, 503, 410]),
  create: () => create,
  delete: (h) => fc.record({ kind: fc.constant('delete' as const), h: fc.constant(h), surface }),
  test: (h) => fc.record({ kind: fc.constant('test' as const), h: fc.constant(h), surface }),
};

/** Changes whose effect shows in what is delivered next; a patch's shows in its answer too. */
const DELIVERING = new Set<Step['kind']>(['rename', 'secret', 'receiver', 'merge', 'patch']);
/** Changes whose effect shows only there (a signature, a WebhookName, a receiver's answer). */
const SHOWN_IN_DELIVERIES = new Set<Step['kind']>(['rename', 'secret', 'receiver']);

/**
 * A change of one kind to one webhook and one to three steps that observe that webhook; after
 * a change that only deliveries show, the first is a signal to one of its events.
 */
const episode = (change: (h: number) => fc.Arbitrary<Step>): fc.Arbitrary<Step[]> =>
  handle.chain((h) =>
    change(h).chain((c) =>
      fc
        .tuple(
          SHOWN_IN_DELIVERIES.has(c.kind) ? signalHook(h) : observe(h, DELIVERING.has(c.kind)),
          fc.array(observe(h, DELIVERING.has(c.kind)), { maxLength: 2 }),
        )
        .map(([first, rest]) => [c, first, ...rest]),
    ),
  );

/** Tenants a sequence may run on: few, so a long run opens no more than these on the target. */
const tenant = fc.constantFrom('Cust24601', 'Cust31415');

/**
 * A sequence runs on the root or (one in four) on a tenant's site, opens with two or three
 * webhooks, so there is a second item to act on, and goes on with one to `maxEpisodes`
 * episodes of distinct kinds of change. A shrunk sequence may drop any of these.
 */
export const sequenceArbitrary = (maxEpisodes: number): fc.Arbitrary<Step[]> =>
  fc
    .tuple(
      fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: tenant }),
      fc.array(create, { minLength: 2, maxLength: 3 }),
      fc
        .shuffledSubarray(Object.values(CHANGES), {
          minLength: maxEpisodes,
          maxLength: maxEpisodes,
        })
        .chain((kinds) => fc.tuple(...kinds.map(episode))),
    )
    .map(([site, opening, episodes]) => [
      ...(site === null ? [] : [{ kind: 'tenant' as const, tenant: site }]),
      ...opening,
      ...episodes.flat(),
    ]);
