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
// effect on that same webhook — a signal to one of its own events, a read, a list — so a
// delivery after a rename or a secret change, or after a failing receiver, is common rather
// than a rare coincidence of independent steps.
import fc from 'fast-check';
import {
  EVENT_COUNT,
  MAX_WEBHOOKS,
  type Accept,
  type ListFilter,
  type PatchOp,
  type Representation,
  type Scheme,
  type Since,
  type Step,
  type Surface,
} from './steps.js';

const surface = fc.constantFrom<Surface>('rest', 'agent');
const handle = fc.nat({ max: MAX_WEBHOOKS - 1 });
const eventIndex = fc.nat({ max: EVENT_COUNT - 1 });
const since = fc.constantFrom<Since>('none', 'none', 'stale', 'unparseable', 'future');
/** Keys that need JSON Pointer escaping (`~1` for `/`, `~0` for `~`) as well as plain ones. */
const key = fc.constantFrom('plain', 'a/b', 'c~d', '~1x');
const escape = (k: string): string => k.replace(/~/g, '~0').replace(/\//g, '~1');
const word = fc.constantFrom('alpha', 'Beta', 'gamma delta', 'ünïcode');
const leaf = fc.oneof(word, fc.integer({ min: -5, max: 5 }), fc.constant(null), fc.boolean());
const nested = fc.oneof(leaf, fc.dictionary(fc.constantFrom('x', 'y'), leaf, { maxKeys: 2 }));
const state = fc.constantFrom<'Active' | 'Stopped'>('Active', 'Stopped');
const pk = fc.integer({ min: 1, max: 99 });
const scheme = fc.constantFrom<Scheme>('as-is', 'as-is', 'lower', 'upper');
const nth = fc.nat({ max: EVENT_COUNT - 1 });

const testState = state.map((value): PatchOp => ({ op: 'test', path: '/State', value }));
const patchOp: fc.Arbitrary<PatchOp> = fc.oneof(
  { weight: 1, arbitrary: word.map((value): PatchOp => ({ op: 'replace', path: '/Name', value })) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(eventIndex, fc.constantFrom('-', '0', '1', '2'))
      .map(([e, at]): PatchOp => ({ op: 'add', path: `/Events/${at}`, value: `@event${e}` })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('0', '1')
      .map((at): PatchOp => ({ op: 'remove', path: `/Events/${at}` })),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(key, nested)
      .map(([k, value]): PatchOp => ({ op: 'add', path: `/Properties/${escape(k)}`, value })),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(key, fc.constantFrom('x', 'y'), leaf).map(([k, sub, value]): PatchOp => ({
      op: 'add',
      path: `/Properties/${escape(k)}/${sub}`,
      value,
    })),
  },
  {
    weight: 1,
    arbitrary: key.map((k): PatchOp => ({ op: 'remove', path: `/Properties/${escape(k)}` })),
  },
  {
    weight: 1,
    arbitrary: word.map((value): PatchOp => ({ op: 'add', path: '/Headers/X-Seq', value })),
  },
  { weight: 1, arbitrary: testState },
  {
    weight: 1,
    arbitrary: state.map((value): PatchOp => ({ op: 'replace', path: '/State', value })),
  },
);

const mergeDoc = fc.record(
  {
    Name: word,
    Properties: fc.dictionary(key, fc.oneof(nested, fc.array(leaf, { maxLength: 2 })), {
      maxKeys: 2,
    }),
    Headers: fc.dictionary(fc.constantFrom('X-Seq', 'X-Other'), fc.option(word), { maxKeys: 2 }),
    State: state,
  },
  { requiredKeys: [] },
);

/** What the receiver answers, attempt by attempt: mostly failures the delivery rules name. */
const answer = fc.constantFrom(200, 200, 202, 400, 404, 500, 503, 410);

export const create: fc.Arbitrary<Step> = fc.record({
  kind: fc.constant('create' as const),
  surface,
  repr: fc.constantFrom<Representation>('json', 'json', 'json', 'text-json', 'xml', 'form'),
  events: fc.uniqueArray(eventIndex, { minLength: 1, maxLength: EVENT_COUNT }),
  state: fc.constantFrom<'Active' | 'Stopped'>('Active', 'Active', 'Active', 'Stopped'),
  secret: fc.constantFrom('', 'first-secret', 'first-secret', 's3cr3t/+='),
  headers: fc.boolean(),
  properties: fc.boolean(),
});

/** A JSON Patch, or one opening with a `test` under an If-Unmodified-Since: 409 or 412? */
const patch = (h: number): fc.Arbitrary<Step> =>
  fc.oneof(
    fc.record({
      kind: fc.constant('patch' as const),
      h: fc.constant(h),
      ops: fc.array(patchOp, { minLength: 1, maxLength: 3 }),
      since,
    }),
    fc.record({
      kind: fc.constant('patch' as const),
      h: fc.constant(h),
      ops: fc.tuple(testState, patchOp).map((ops) => [...ops]),
      since: fc.constantFrom<Since>('stale', 'unparseable', 'future'),
    }),
  );

/** A change to webhook `h` (or a new webhook). */
const change = (h: number): fc.Arbitrary<Step> =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('rename' as const),
        h: fc.constant(h),
        surface,
        name: word,
      }),
    },
    { weight: 3, arbitrary: patch(h) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('merge' as const),
        h: fc.constant(h),
        doc: mergeDoc,
        since,
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('secret' as const),
        h: fc.constant(h),
        secret: fc.constantFrom('second-secret', 'third'),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('receiver' as const),
        h: fc.constant(h),
        statuses: fc.array(answer, { minLength: 1, maxLength: 4 }),
      }),
    },
    { weight: 1, arbitrary: create },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('delete' as const), h: fc.constant(h), surface }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('test' as const), h: fc.constant(h), surface }),
    },
  );

const listFilter = (h: number): fc.Arbitrary<ListFilter> =>
  fc.oneof(
    { weight: 1, arbitrary: eventIndex.map((event): ListFilter => ({ by: 'event', event })) },
    // Mostly a later event of the webhook just changed: the second item of its Events.
    {
      weight: 3,
      arbitrary: fc
        .integer({ min: 1, max: EVENT_COUNT - 1 })
        .map((n): ListFilter => ({ by: 'hook-event', h, nth: n })),
    },
    { weight: 1, arbitrary: fc.constant<ListFilter>({ by: 'name', h }) },
    { weight: 2, arbitrary: fc.constant<ListFilter>({ by: 'none' }) },
  );

/** What shows a change's effect on webhook `h`; after a change deliveries show, a signal. */
const observe = (h: number, delivering: boolean): fc.Arbitrary<Step> =>
  fc.oneof(
    {
      weight: delivering ? 10 : 4,
      arbitrary: fc.record({
        kind: fc.constant('signalHook' as const),
        h: fc.constant(h),
        nth,
        surface,
        pk,
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('signal' as const),
        surface,
        event: eventIndex,
        pk,
      }),
    },
    {
      weight: delivering ? 5 : 6,
      arbitrary: fc.record({
        kind: fc.constant('list' as const),
        surface,
        filter: listFilter(h),
        status: fc.option(state, { freq: 2 }),
        scheme,
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('get' as const),
        h: fc.constant(h),
        surface,
        accept: fc.constantFrom<Accept>('json', 'json-params', 'text-json', 'xml', 'xml'),
        scheme,
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('lastError' as const), h: fc.constant(h), surface }),
    },
  );

/** A change to one webhook and one to three steps that observe that webhook. */
const DELIVERING = new Set<Step['kind']>(['rename', 'secret', 'receiver', 'merge', 'patch']);
const episode: fc.Arbitrary<Step[]> = handle.chain((h) =>
  change(h).chain((c) =>
    fc
      .array(observe(h, DELIVERING.has(c.kind)), { minLength: 1, maxLength: 3 })
      .map((seen) => [c, ...seen]),
  ),
);

/** Tenants a sequence may run on: few, so a long run opens no more than these on the target. */
const tenant = fc.constantFrom('Cust24601', 'Cust31415');

/**
 * A sequence runs on the root or (one in four) on a tenant's site, opens with two or three
 * webhooks, so there is a second item to act on, and goes on with up to `maxEpisodes`
 * episodes. A shrunk sequence may drop any of these.
 */
export const sequenceArbitrary = (maxEpisodes: number): fc.Arbitrary<Step[]> =>
  fc
    .tuple(
      fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: tenant }),
      fc.array(create, { minLength: 2, maxLength: 3 }),
      fc.array(episode, { minLength: 1, maxLength: maxEpisodes, size: 'max' }),
    )
    .map(([site, opening, episodes]) => [
      ...(site === null ? [] : [{ kind: 'tenant' as const, tenant: site }]),
      ...opening,
      ...episodes.flat(),
    ]);
