// The commands of a differential sequence, as plain data (so fast-check can shrink a sequence
// to the shortest that still differs), and their generator. The axes: surface (REST, Agent),
// request representation (JSON, text/json, XML, form), Accept with parameters, history (create,
// rename, secret change, patch, delivery, failure, delete), list position and size (up to four
// webhooks, events as second and later items), patch depth and JSON Pointer escaping (~0, ~1),
// precedence (a failing `test` with a stale If-Unmodified-Since; an unparseable one), and
// receivers answering chosen status sequences (200, 4xx, 5xx, 410).
import fc from 'fast-check';

export type Surface = 'rest' | 'agent';
export type Representation = 'json' | 'text-json' | 'xml' | 'form';
export type Accept = 'json' | 'json-params' | 'text-json' | 'xml';
export type Since = 'none' | 'stale' | 'unparseable' | 'future';

export type PatchOp =
  | { op: 'replace' | 'add'; path: string; value: unknown }
  | { op: 'remove'; path: string }
  | { op: 'test'; path: string; value: unknown };

export type Step =
  | {
      kind: 'create';
      surface: Surface;
      repr: Representation;
      events: number[];
      state: 'Active' | 'Stopped';
      secret: string;
      headers: boolean;
    }
  | { kind: 'get'; h: number; surface: Surface; accept: Accept }
  | { kind: 'list'; surface: Surface; event: number | null; status: 'Active' | 'Stopped' | null }
  | { kind: 'rename'; h: number; surface: Surface; name: string }
  | { kind: 'patch'; h: number; ops: PatchOp[]; since: Since }
  | { kind: 'merge'; h: number; doc: Record<string, unknown>; since: Since }
  | { kind: 'secret'; h: number; secret: string }
  | { kind: 'signal'; surface: Surface; event: number; pk: number }
  | { kind: 'receiver'; h: number; statuses: number[] }
  | { kind: 'test'; h: number; surface: Surface }
  | { kind: 'lastError'; h: number; surface: Surface }
  | { kind: 'delete'; h: number; surface: Surface };

/** Events a sequence uses, by index; each webhook listens to one to three of them. */
export const EVENT_COUNT = 3;
export const MAX_WEBHOOKS = 4;

const surface = fc.constantFrom<Surface>('rest', 'agent');
const handle = fc.nat({ max: MAX_WEBHOOKS - 1 });
const since = fc.constantFrom<Since>('none', 'none', 'stale', 'unparseable', 'future');
/** Keys that need JSON Pointer escaping (`~1` for `/`, `~0` for `~`) as well as plain ones. */
const key = fc.constantFrom('plain', 'a/b', 'c~d', '~1x');
const escape = (k: string): string => k.replace(/~/g, '~0').replace(/\//g, '~1');
const word = fc.constantFrom('alpha', 'Beta', 'gamma delta', 'ünïcode');
const leaf = fc.oneof(word, fc.integer({ min: -5, max: 5 }), fc.constant(null), fc.boolean());
const nested = fc.oneof(leaf, fc.dictionary(fc.constantFrom('x', 'y'), leaf, { maxKeys: 2 }));

const patchOp: fc.Arbitrary<PatchOp> = fc.oneof(
  word.map((value): PatchOp => ({ op: 'replace', path: '/Name', value })),
  fc
    .nat({ max: EVENT_COUNT - 1 })
    .chain((e) =>
      fc
        .constantFrom('-', '0', '1', '2')
        .map((at): PatchOp => ({ op: 'add', path: `/Events/${at}`, value: `@event${e}` })),
    ),
  fc.constantFrom('0', '1').map((at): PatchOp => ({ op: 'remove', path: `/Events/${at}` })),
  fc
    .tuple(key, nested)
    .map(([k, value]): PatchOp => ({ op: 'add', path: `/Properties/${escape(k)}`, value })),
  fc.tuple(key, fc.constantFrom('x', 'y'), leaf).map(([k, sub, value]): PatchOp => ({
    op: 'add',
    path: `/Properties/${escape(k)}/${sub}`,
    value,
  })),
  key.map((k): PatchOp => ({ op: 'remove', path: `/Properties/${escape(k)}` })),
  word.map((value): PatchOp => ({ op: 'add', path: '/Headers/X-Seq', value })),
  fc
    .constantFrom('Active', 'Stopped')
    .map((value): PatchOp => ({ op: 'test', path: '/State', value })),
  fc
    .constantFrom('Active', 'Stopped')
    .map((value): PatchOp => ({ op: 'replace', path: '/State', value })),
);

const mergeDoc = fc.record(
  {
    Name: word,
    Properties: fc.dictionary(key, fc.oneof(nested, fc.array(leaf, { maxLength: 2 })), {
      maxKeys: 2,
    }),
    Headers: fc.dictionary(fc.constantFrom('X-Seq', 'X-Other'), fc.option(word), { maxKeys: 2 }),
    State: fc.constantFrom('Active', 'Stopped'),
  },
  { requiredKeys: [] },
);

/** 200 most of the time, and the failures the delivery rules name: 4xx, 5xx, 410. */
const answer = fc.constantFrom(200, 200, 200, 400, 404, 500, 503, 410);

const create: fc.Arbitrary<Step> = fc.record({
  kind: fc.constant('create' as const),
  surface,
  repr: fc.constantFrom<Representation>('json', 'json', 'text-json', 'xml', 'form'),
  events: fc.uniqueArray(fc.nat({ max: EVENT_COUNT - 1 }), { minLength: 1, maxLength: 3 }),
  state: fc.constantFrom<'Active' | 'Stopped'>('Active', 'Active', 'Stopped'),
  secret: fc.constantFrom('', 'first-secret', 's3cr3t/+='),
  headers: fc.boolean(),
});

export const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: create },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('get' as const),
      h: handle,
      surface,
      accept: fc.constantFrom<Accept>('json', 'json-params', 'text-json', 'xml'),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('list' as const),
      surface,
      event: fc.option(fc.nat({ max: EVENT_COUNT - 1 })),
      status: fc.option(fc.constantFrom<'Active' | 'Stopped'>('Active', 'Stopped')),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('rename' as const), h: handle, surface, name: word }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('patch' as const),
      h: handle,
      ops: fc.array(patchOp, { minLength: 1, maxLength: 3 }),
      since,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('merge' as const), h: handle, doc: mergeDoc, since }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('secret' as const),
      h: handle,
      secret: fc.constantFrom('second-secret', 'third'),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('signal' as const),
      surface,
      event: fc.nat({ max: EVENT_COUNT - 1 }),
      pk: fc.integer({ min: 1, max: 99 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('receiver' as const),
      h: handle,
      statuses: fc.array(answer, { minLength: 1, maxLength: 4 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('test' as const), h: handle, surface }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('lastError' as const), h: handle, surface }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), h: handle, surface }) },
);

/** A sequence opens with one to three webhooks, so the steps after it have something to act
 * on (a shrunk sequence may still drop them). */
export const sequenceArbitrary = (maxSteps: number): fc.Arbitrary<Step[]> =>
  fc
    .tuple(
      fc.array(create, { minLength: 1, maxLength: 3 }),
      fc.array(stepArbitrary, { minLength: 1, maxLength: maxSteps, size: 'max' }),
    )
    .map(([opening, rest]) => [...opening, ...rest]);

/** One line per step, for the report. */
export const showStep = (step: Step): string => JSON.stringify(step);
