// PATCH below the top level: array indexes, escaped member names, whole-value `test`
// comparisons and members that are not there (RFC 6902 §4, RFC 6901 §3-4, RFC 7396 §2). Each
// case sends patches in order, each with the status the RFCs give, and reads the result back; a
// refused patch changes nothing (RFC 6902 §5).
import type { CaseContext, ConformanceCase, WebhookInput } from '../types.js';
import { expectFields } from './body-checks.js';
import { REST } from './surfaces.js';
import { getWebhook } from './webhook-reads.js';

const area = 'patch';

interface Step {
  patch: unknown;
  status: 200 | 400 | 409;
}

interface StepsSpec {
  id: string;
  title: string;
  source: string;
  tags?: string[];
  given: string;
  /** The webhook to create, given the context (for event names). */
  fields: (ctx: CaseContext) => WebhookInput;
  steps: (ctx: CaseContext) => Step[];
  then: string;
  /** Field values GET /Webhook/{id} must show after the last step. */
  expect: (ctx: CaseContext) => Record<string, unknown>;
}

function stepsCase(spec: StepsSpec): ConformanceCase {
  return {
    id: spec.id,
    area,
    title: spec.title,
    source: spec.source,
    given: spec.given,
    when: 'PATCH /api/v1/Webhook/{id}, one or more times',
    then: spec.then,
    tags: spec.tags ?? ['doc', 'patch'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook(spec.fields(ctx));
      for (const step of spec.steps(ctx)) {
        const res = await ctx.request('PATCH', `${REST}/${hook.id}`, { body: step.patch });
        ctx.expectStatus(res, step.status, `PATCH ${JSON.stringify(step.patch)}`);
        if (step.status !== 200) ctx.expectErrorShape(res);
      }
      const { res: after } = await getWebhook(ctx, hook.id);
      expectFields(ctx, after, spec.expect(ctx), 'after the patches');
    },
  };
}

/** A refused patch: its first operation would stop the webhook, so "unchanged" is visible. */
function refused(
  id: string,
  title: string,
  source: string,
  fields: (ctx: CaseContext) => WebhookInput,
  operation: (ctx: CaseContext) => unknown,
  then: string,
): ConformanceCase {
  return stepsCase({
    id,
    title,
    source,
    tags: ['doc', 'patch', 'errors'],
    given: 'an Active webhook this run created',
    fields,
    steps: (ctx) => [
      { patch: [{ op: 'replace', path: '/State', value: 'Stopped' }, operation(ctx)], status: 400 },
    ],
    then: `400 in the error shape (${then}), nothing changed`,
    expect: () => ({ State: 'Active' }),
  });
}

const twoEvents = (ctx: CaseContext) => ({ Events: [ctx.eventName('a'), ctx.eventName('b')] });
/** A member literally named "undefined": a lookup that lost its key must not find it. */
const PROPS = { undefined: 'u', keep: 'k' };
const withProps = () => ({ Properties: { ...PROPS } });

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
  refused(
    'patch.array-index-past-end-400',
    'add at an index greater than the array length is 400',
    'RFC 6902 §4.1',
    () => ({}),
    (ctx) => ({ op: 'add', path: '/Events/2', value: ctx.eventName('x') }),
    'the index must not be greater than the number of items',
  ),
  refused(
    'patch.array-replace-at-length-400',
    'replace at the index one past the last item is 400',
    'RFC 6902 §4.3',
    () => ({}),
    (ctx) => ({ op: 'replace', path: '/Events/1', value: ctx.eventName('x') }),
    'the target location must exist',
  ),
  refused(
    'patch.array-index-leading-zero-400',
    'an array index with a leading zero is 400',
    'RFC 6901 §4',
    () => ({}),
    (ctx) => ({ op: 'add', path: '/Events/01', value: ctx.eventName('x') }),
    'an index is 0 or digits without a leading zero',
  ),
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
  refused(
    'patch.add-without-value-400',
    'add without a value member is 400',
    'RFC 6902 §4.1',
    () => ({}),
    () => ({ op: 'add', path: '/ErrorsEmail' }),
    'the operation object must contain a value member',
  ),
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
  refused(
    'patch.invalid-escape-400',
    'A path with ~ not followed by 0 or 1 is 400',
    'RFC 6901 §3',
    () => ({}),
    () => ({ op: 'add', path: '/Properties/a~2b', value: 'x' }),
    'escaped = "~" ( "0" / "1" )',
  ),
  refused(
    'patch.replace-missing-member-400',
    'replace of a member that is not there is 400',
    'RFC 6902 §4.3',
    withProps,
    () => ({ op: 'replace', path: '/Properties/absent', value: 'x' }),
    'the target location must exist',
  ),
  refused(
    'patch.remove-missing-member-400',
    'remove of a member of an existing object that is not there is 400',
    'RFC 6902 §4.2',
    withProps,
    () => ({ op: 'remove', path: '/Properties/absent' }),
    'the target location must exist',
  ),
  refused(
    'patch.test-missing-member-400',
    'test of a member that is not there is 400, not the 409 of a failed comparison',
    'spec C2',
    withProps,
    () => ({ op: 'test', path: '/Properties/absent', value: 'u' }),
    'a path that names nothing is a bad request, as for remove',
  ),
  refused(
    'patch.add-missing-parent-400',
    'add below a member that is not there is 400',
    'RFC 6902 §4.1',
    withProps,
    () => ({ op: 'add', path: '/Properties/absent/deeper', value: 'x' }),
    'the parent of the target location must exist',
  ),
  refused(
    'patch.path-through-string-400',
    'A path through a string value names nothing',
    'RFC 6901 §4',
    () => ({}),
    () => ({ op: 'test', path: '/State/0', value: 'A' }),
    'a string has no members to reference',
  ),
  refused(
    'patch.path-forbidden-member-400',
    'A path naming a member called constructor is refused',
    'spec C47',
    withProps,
    () => ({ op: 'add', path: '/Properties/constructor', value: 'x' }),
    'such a member name is never stored',
  ),
  refused(
    'patch.path-prototype-member-400',
    'A path naming a member called prototype is refused',
    'spec C47',
    withProps,
    () => ({ op: 'add', path: '/Properties/prototype', value: 'x' }),
    'such a member name is never stored',
  ),
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
    given: 'a webhook whose Properties hold an object',
    fields: () => ({ Properties: { nested: { a: '1', b: '2' }, keep: 'k' } }),
    steps: () => [{ patch: { Properties: { nested: { b: null, c: '3' } } }, status: 200 }],
    then: '200, with the nested object merged: a kept, b removed, c added',
    expect: () => ({ Properties: { nested: { a: '1', c: '3' }, keep: 'k' } }),
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
