// PATCH /Webhook/{id} applies JSON Patch (add, replace, remove, test) and JSON Merge Patch;
// paths are case-insensitive with an optional leading slash (seeds/004, RFC 6902, RFC 7396).
import type { CaseContext, ConformanceCase, CreatedWebhook } from '../types.js';
import { REST, expectFields, getWebhook } from './helpers.js';

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

function removalCase(id: string, title: string, patch: unknown, source: string): ConformanceCase {
  return {
    id,
    area,
    title,
    source,
    given: 'a webhook this run created with ErrorsEmail set',
    when: 'PATCH /api/v1/Webhook/{id}',
    then: '200, and GET shows ErrorsEmail removed (null)',
    tags: ['doc', 'patch'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook({ ErrorsEmail: 'before@example.com' });
      const res = await ctx.request('PATCH', `${REST}/${hook.id}`, { body: patch });
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
];
