// The patches a differential sequence sends: JSON Patch (RFC 6902) and JSON Merge Patch
// (RFC 7396) documents. Most are about one axis — an index inside the Events array, keys below
// `/Properties` that JSON Pointer must escape, precedence under If-Unmodified-Since — so an op
// a server gets wrong is not hidden by another op of the same patch failing first.
import fc from 'fast-check';
import { EVENT_COUNT, type PatchOp, type Since, type Step } from './steps.js';

const eventIndex = fc.nat({ max: EVENT_COUNT - 1 });
export const word = fc.constantFrom('alpha', 'Beta', 'gamma delta', 'ünïcode');
export const state = fc.constantFrom<'Active' | 'Stopped'>('Active', 'Stopped');
const leaf = fc.oneof(word, fc.integer({ min: -5, max: 5 }), fc.constant(null), fc.boolean());
const nested = fc.oneof(leaf, fc.dictionary(fc.constantFrom('x', 'y'), leaf, { maxKeys: 2 }));

/**
 * Keys that need JSON Pointer escaping (`~1` for `/`, `~0` for `~`) as well as plain ones.
 * `~1x` is escaped `~01x`, which reads back as `~1x` only when `~1` is decoded before `~0`
 * (RFC 6901 §4, https://www.rfc-editor.org/rfc/rfc6901#section-4): the one key whose decoding
 * order shows, so it is drawn as often as the three others together.
 */
const key = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom('plain', 'a/b', 'c~d') },
  { weight: 1, arbitrary: fc.constant('~1x') },
);
const escape = (k: string): string => k.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Ops on the Events array: mostly at an index inside it, where `add` inserts rather than
 * appends (RFC 6902 §4.1, https://www.rfc-editor.org/rfc/rfc6902#section-4.1), or one past
 * its end, which is refused. `@event<n>` stands for the sequence's nth event name.
 */
const eventsOp: fc.Arbitrary<PatchOp> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .tuple(eventIndex, fc.constantFrom('0', '0', '1', '-', '2'))
      .map(([e, at]): PatchOp => ({ op: 'add', path: `/Events/${at}`, value: `@event${e}` })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('0', '1')
      .map((at): PatchOp => ({ op: 'remove', path: `/Events/${at}` })),
  },
);

/** Ops below `/Properties`, a level down too, on keys that need escaping. */
const propertiesOp: fc.Arbitrary<PatchOp> = fc.oneof(
  {
    weight: 3,
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
);

const testState = state.map((value): PatchOp => ({ op: 'test', path: '/State', value }));

/** Any op the sequences use. */
const patchOp: fc.Arbitrary<PatchOp> = fc.oneof(
  { weight: 1, arbitrary: word.map((value): PatchOp => ({ op: 'replace', path: '/Name', value })) },
  { weight: 3, arbitrary: eventsOp },
  { weight: 3, arbitrary: propertiesOp },
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

const since = fc.constantFrom<Since>('none', 'none', 'stale', 'unparseable', 'future');

const patchOf = (h: number, ops: fc.Arbitrary<PatchOp[]>, when: fc.Arbitrary<Since>) =>
  fc.record({ kind: fc.constant('patch' as const), h: fc.constant(h), ops, since: when });

/** A JSON Patch to webhook `h` on its Events. */
export const eventsPatch = (h: number): fc.Arbitrary<Step> =>
  patchOf(h, fc.array(eventsOp, { minLength: 1, maxLength: 2 }), since);

/** A JSON Patch to webhook `h` below its Properties. */
export const propertiesPatch = (h: number): fc.Arbitrary<Step> =>
  patchOf(h, fc.array(propertiesOp, { minLength: 1, maxLength: 2 }), since);

/** A JSON Patch to webhook `h` of any ops. */
export const anyPatch = (h: number): fc.Arbitrary<Step> =>
  patchOf(h, fc.array(patchOp, { minLength: 1, maxLength: 3 }), since);

/**
 * A JSON Patch opening with a `test`, under an If-Unmodified-Since that is mostly stale, where
 * the precedence shows (a `test` that fails too: 409 or 412?), else unparseable or future.
 */
export const preconditionPatch = (h: number): fc.Arbitrary<Step> =>
  patchOf(
    h,
    fc.tuple(testState, patchOp).map((ops) => [...ops]),
    fc.constantFrom<Since>('stale', 'stale', 'stale', 'unparseable', 'future'),
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

/** A JSON Merge Patch to webhook `h`, below the top level too. */
export const merge = (h: number): fc.Arbitrary<Step> =>
  fc.record({ kind: fc.constant('merge' as const), h: fc.constant(h), doc: mergeDoc, since });
