// PATCH below the top level that applies: array indexes, escaped member names, whole-value
// `test` comparisons, members that are not there and merges two levels deep (RFC 6902 §4,
// RFC 6901 §4, RFC 7396 §2).
import type { ConformanceCase } from '../types.js';
import { PROPS, stepsCase, twoEvents, withProps, type Step } from './patch-steps.js';

export const patchRfcCases: ConformanceCase[] = [
  stepsCase({
    id: 'patch.array-index-operations',
    title: 'add, replace, remove and test address array items by index',
    source: 'RFC 6902 §4',
    given: 'a webhook with two Events',
    fields: twoEvents,
    steps: (ctx) => {
      const [a, b] = [ctx.eventName('a'), ctx.eventName('b')];
      const [first, second, last] = ['first', 'second', 'last'].map((s) => ctx.eventName(s));
      return [
        {
          patch: [
            { op: 'add', path: '/Events/0', value: first }, // [first, a, b]
            { op: 'add', path: '/Events/3', value: last }, // index = length appends
            { op: 'replace', path: '/Events/1', value: second }, // [first, second, b, last]
            { op: 'test', path: '/Events/2', value: b },
            { op: 'remove', path: '/Events/2' }, // [first, second, last]
            { op: 'test', path: '/Events/1', value: second },
          ],
          status: 200,
        },
        { patch: [{ op: 'test', path: '/Events/0', value: a }], status: 409 },
      ];
    },
    then: '200 with the items inserted, replaced and removed where the indexes say; a failed test is 409',
    expect: (ctx) => ({
      Events: ['first', 'second', 'last'].map((s) => ctx.eventName(s)),
    }),
  }),
  stepsCase({
    id: 'patch.array-index-two-digits',
    title: 'an array index of two digits addresses the eleventh item',
    source: 'RFC 6901 §4',
    given: 'a webhook with eleven Events',
    fields: (ctx) => ({ Events: Array.from({ length: 11 }, (_, i) => ctx.eventName(`e${i}`)) }),
    steps: (ctx) => [
      { patch: [{ op: 'replace', path: '/Events/10', value: ctx.eventName('ten') }], status: 200 },
    ],
    then: '200, and only the eleventh item changed',
    expect: (ctx) => ({
      Events: Array.from({ length: 11 }, (_, i) => ctx.eventName(i === 10 ? 'ten' : `e${i}`)),
    }),
  }),
  stepsCase({
    id: 'patch.from-ignored-on-replace',
    title: 'A member an operation does not define (from on replace) is ignored',
    source: 'RFC 6902 §4',
    given: 'an Active webhook this run created',
    fields: () => ({}),
    steps: () => [
      { patch: [{ op: 'replace', path: '/State', value: 'Stopped', from: '/~2' }], status: 200 },
    ],
    then: '200 with the replace applied',
    expect: () => ({ State: 'Stopped' }),
  }),
  stepsCase({
    id: 'patch.escaped-member-names',
    title: 'Paths unescape ~1 to / and ~0 to ~ in member names',
    source: 'RFC 6901 §4',
    given: 'a webhook whose Properties hold members named a/b and c~d',
    fields: () => ({ Properties: { 'a/b': '1', 'c~d': '2', keep: 'k' } }),
    steps: () => [
      {
        patch: [
          { op: 'replace', path: '/Properties/a~1b', value: 'one' },
          { op: 'remove', path: '/Properties/c~0d' },
          { op: 'add', path: '/Properties/~01', value: 'tilde-one' },
        ],
        status: 200,
      },
    ],
    then: '200, with a/b replaced, c~d removed and a member named ~1 added',
    expect: () => ({ Properties: { 'a/b': 'one', keep: 'k', '~1': 'tilde-one' } }),
  }),
  stepsCase({
    id: 'patch.test-compares-whole-values',
    title: 'test compares arrays item by item and objects member by member',
    source: 'RFC 6902 §4.6',
    given: 'a webhook with two Events and two Headers',
    fields: (ctx) => ({ ...twoEvents(ctx), Headers: { 'X-A': 'a', 'X-B': 'b' } }),
    steps: (ctx) => {
      const [a, b] = [ctx.eventName('a'), ctx.eventName('b')];
      const test = (path: string, value: unknown): Step => ({
        patch: [{ op: 'test', path, value }],
        status: 409,
      });
      return [
        test('/Events', [a, ctx.eventName('other')]),
        test('/Events', [a, b, ctx.eventName('more')]),
        test('/Events', []),
        test('/Headers', { 'X-A': 'a', 'X-B': 'other' }),
        test('/Headers', { 'X-A': 'a', 'X-B': 'b', 'X-C': 'c' }),
        test('/Headers', {}),
        test('/State', false),
        {
          patch: [
            { op: 'test', path: '/Events', value: [a, b] },
            { op: 'test', path: '/Headers', value: { 'X-B': 'b', 'X-A': 'a' } },
            { op: 'replace', path: '/ErrorsEmail', value: null },
            { op: 'replace', path: '/State', value: 'Stopped' },
          ],
          status: 200,
        },
      ];
    },
    then: '409 for each differing array, object or type; 200 when equal (objects in any member order)',
    expect: () => ({ State: 'Stopped', ErrorsEmail: null }),
  }),
  stepsCase({
    id: 'patch.merge-null-absent-member',
    title: 'null in a merge patch for a member that is not there changes nothing',
    source: 'RFC 7396 §2',
    given: 'a webhook with Properties',
    fields: withProps,
    steps: () => [{ patch: { Properties: { absent: null, added: 'a' } }, status: 200 }],
    then: '200, with the other members kept and the new one added',
    expect: () => ({ Properties: { ...PROPS, added: 'a' } }),
  }),
  stepsCase({
    id: 'patch.merge-two-levels-deep',
    title: 'A merge patch merges an object inside Properties member by member too',
    source: 'RFC 7396 §2',
    given: 'a webhook whose Properties hold two objects, one of them named "undefined"',
    fields: () => ({
      Properties: { nested: { a: '1', b: '2' }, undefined: { u: '1' }, keep: 'k' },
    }),
    steps: () => [
      {
        patch: { Properties: { nested: { b: null, c: '3' }, added: { d: '4' } } },
        status: 200,
      },
    ],
    then: '200, with the nested object merged (a kept, b removed, c added) and the new object added as sent: a new member merges into nothing, whatever its siblings are named',
    expect: () => ({
      Properties: {
        nested: { a: '1', c: '3' },
        undefined: { u: '1' },
        keep: 'k',
        added: { d: '4' },
      },
    }),
  }),
  stepsCase({
    id: 'patch.merge-unknown-member-400',
    title: 'A merge patch naming a member the Webhook lacks is 400',
    source: 'spec C11',
    tags: ['choice', 'patch', 'errors'],
    given: 'an Active webhook this run created',
    fields: () => ({}),
    steps: () => [{ patch: { State: 'Stopped', NoSuchMember: 'x' }, status: 400 }],
    then: '400 in the error shape (unknown properties are refused), nothing changed',
    expect: () => ({ State: 'Active' }),
  }),
];
