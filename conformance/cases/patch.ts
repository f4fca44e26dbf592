// PATCH /Webhook/{id} applies JSON Patch (add, replace, remove, test) and JSON Merge Patch;
// paths are case-insensitive with an optional leading slash (docs/sources.md seed 004, RFC 6902, RFC 7396).
import type { CaseContext, ConformanceCase, CreatedWebhook } from '../types.js';
import { expectFields } from './body-checks.js';
import { REST } from './surfaces.js';
import { getWebhook } from './webhook-reads.js';

const area = 'patch';
const SOURCE = 'seeds/004_c05cf042a57efd1d.txt';

interface PatchSpec {
  id: string;
  title: string;
  /** The document to send, given the webhook and a fresh run-prefixed name. */
  patch: (hook: CreatedWebhook, name: string) => unknown;
  contentType?: string;
  /** Field values GET /Webhook/{id} must show afterwards. */
  expect: (hook: CreatedWebhook, name: string) => Record<string, unknown>;
  source?: string;
}

/** What a removed member reads as on a carrier: null (or absent / empty on older servers). */
const REMOVED = [null, undefined, ''];

function patchCase(spec: PatchSpec): ConformanceCase {
  return {
    id: spec.id,
    area,
    title: spec.title,
    source: spec.source ?? SOURCE,
    given: 'a webhook this run created with ErrorsEmail set',
    when: `PATCH /api/v1/Webhook/{id} (${spec.contentType ?? 'application/json'})`,
    then: '200 with the patched webhook, and GET shows the change',
    tags: ['doc', 'patch'],
    mutates: true,
    async run(ctx: CaseContext) {
      const hook = await ctx.createWebhook({ ErrorsEmail: 'before@example.com' });
      const name = ctx.name('patched');
      const headers = spec.contentType ? { 'content-type': spec.contentType } : undefined;
      const res = await ctx.request('PATCH', `${REST}/${hook.id}`, {
        body: spec.patch(hook, name),
        headers,
      });
      ctx.expectStatus(res, 200);
      ctx.expectSchema('patchWebhook', res);
      const { res: after } = await getWebhook(ctx, hook.id);
      expectFields(ctx, after, spec.expect(hook, name), 'after PATCH');
    },
  };
}

function removalCase(
  id: string,
  title: string,
  patch: unknown,
  source: string,
  contentType?: string,
): ConformanceCase {
  return {
    id,
    area,
    title,
    source,
    given: 'a webhook this run created with ErrorsEmail set',
    when: `PATCH /api/v1/Webhook/{id} (${contentType ?? 'application/json'})`,
    then: '200, and GET shows ErrorsEmail removed (null)',
    tags: ['doc', 'patch'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook({ ErrorsEmail: 'before@example.com' });
      const headers = contentType ? { 'content-type': contentType } : undefined;
      const res = await ctx.request('PATCH', `${REST}/${hook.id}`, { body: patch, headers });
      ctx.expectStatus(res, 200);
      const { res: after, body } = await getWebhook(ctx, hook.id);
      ctx.check(REMOVED.includes(body.ErrorsEmail as null), 'ErrorsEmail was not removed', after);
    },
  };
}

export const patchCases: ConformanceCase[] = [
  patchCase({
    id: 'patch.replace',
    title: 'JSON Patch replace',
    patch: (_hook, name) => [{ op: 'replace', path: '/Name', value: name }],
    expect: (_hook, name) => ({ Name: name }),
  }),
  patchCase({
    id: 'patch.add',
    title: 'JSON Patch add sets a member',
    patch: () => [{ op: 'add', path: '/ErrorsEmail', value: 'added@example.com' }],
    expect: () => ({ ErrorsEmail: 'added@example.com' }),
  }),
  removalCase(
    'patch.remove',
    'JSON Patch remove',
    [{ op: 'remove', path: '/ErrorsEmail' }],
    SOURCE,
  ),
  patchCase({
    id: 'patch.test-then-replace',
    title: 'A passing test lets the patch apply',
    patch: () => [
      { op: 'test', path: '/State', value: 'Active' },
      { op: 'replace', path: '/State', value: 'Stopped' },
    ],
    expect: () => ({ State: 'Stopped' }),
  }),
  patchCase({
    id: 'patch.path-case-insensitive',
    title: 'Patch paths are case-insensitive, leading slash optional',
    patch: (_hook, name) => [
      { op: 'replace', path: 'name', value: name },
      { op: 'replace', path: '/STATE', value: 'Stopped' },
    ],
    expect: (_hook, name) => ({ Name: name, State: 'Stopped' }),
  }),
  patchCase({
    id: 'patch.json-patch-content-type',
    title: 'application/json-patch+json is accepted',
    contentType: 'application/json-patch+json',
    patch: (_hook, name) => [{ op: 'replace', path: '/Name', value: name }],
    expect: (_hook, name) => ({ Name: name }),
  }),
  patchCase({
    id: 'patch.merge',
    title: 'A JSON Merge Patch object sent as application/json',
    patch: (_hook, name) => ({ Name: name }),
    expect: (_hook, name) => ({ Name: name }),
  }),
  patchCase({
    id: 'patch.merge-content-type',
    title: 'application/merge-patch+json is accepted',
    contentType: 'application/merge-patch+json',
    patch: (_hook, name) => ({ Name: name, State: 'Stopped' }),
    expect: (_hook, name) => ({ Name: name, State: 'Stopped' }),
  }),
  removalCase(
    'patch.merge-null-removes',
    'null in a merge patch removes the member',
    { ErrorsEmail: null },
    'RFC 7396 §2, seeds/004_c05cf042a57efd1d.txt',
  ),
  removalCase(
    'patch.merge-null-removes-merge-patch-json',
    'null removes the member also when the merge patch is sent as application/merge-patch+json',
    { ErrorsEmail: null },
    'RFC 7396 §2, seeds/004_c05cf042a57efd1d.txt',
    'application/merge-patch+json',
  ),
  patchCase({
    id: 'patch.add-array-append',
    title: 'JSON Patch add with the index "-" appends to an array',
    source: 'RFC 6902 §4.1, seeds/004_c05cf042a57efd1d.txt',
    patch: (hook) => [{ op: 'add', path: '/Events/-', value: `${hook.event}.appended` }],
    expect: (hook) => ({ Events: [hook.event, `${hook.event}.appended`] }),
  }),
  {
    id: 'patch.merge-nested-members',
    area,
    title: 'A merge patch merges Headers and Properties member by member',
    source: 'RFC 7396 §2, seeds/004_c05cf042a57efd1d.txt',
    given: 'a webhook with two Headers and two Properties',
    when: 'PATCH { Headers: { X-Drop: null, X-New }, Properties: { drop: null, new } }',
    then: 'the untouched members stay, null ones are gone, new ones are added',
    tags: ['doc', 'patch'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook({
        Headers: { 'X-Keep': 'k', 'X-Drop': 'd' },
        Properties: { keep: 'k', drop: 'd' },
      });
      const res = await ctx.request('PATCH', `${REST}/${hook.id}`, {
        body: {
          Headers: { 'X-Drop': null, 'X-New': 'n' },
          Properties: { drop: null, new: 'n' },
        },
      });
      ctx.expectStatus(res, 200);
      const { res: after } = await getWebhook(ctx, hook.id);
      expectFields(
        ctx,
        after,
        { Headers: { 'X-Keep': 'k', 'X-New': 'n' }, Properties: { keep: 'k', new: 'n' } },
        'after the merge patch',
      );
    },
  },
];
