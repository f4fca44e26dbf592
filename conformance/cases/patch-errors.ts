// PATCH refusals: a failed `test` is 409, a stale If-Unmodified-Since is 412, an unknown id is
// 404 (docs/sources.md seed 004), move/copy are not supported (docs/sources.md seed 004), read-only fields cannot be patched
// (spec C16), a path must name a property and a removed member must exist (C2)
// — and a refused patch changes nothing (RFC 6902 §5).
import type { CaseContext, ConformanceCase } from '../types.js';
import { REST } from './surfaces.js';
import { expectUnchanged } from './webhook-reads.js';

const area = 'patch';
const SOURCE = 'seeds/004_c05cf042a57efd1d.txt';

interface RefusalSpec {
  id: string;
  title: string;
  source?: string;
  tags?: string[];
  patch: unknown;
  headers?: Record<string, string>;
  /** One status, or the 4xx range where the docs name none. */
  status: number | 'any 4xx';
  then: string;
}

const CLIENT_ERRORS = Array.from({ length: 100 }, (_, i) => 400 + i);

function refusalCase(spec: RefusalSpec): ConformanceCase {
  return {
    id: spec.id,
    area,
    title: spec.title,
    source: spec.source ?? SOURCE,
    given: 'an Active webhook this run created',
    when: 'PATCH /api/v1/Webhook/{id}',
    then: spec.then,
    tags: spec.tags ?? ['doc', 'patch', 'errors'],
    mutates: true,
    async run(ctx: CaseContext) {
      const hook = await ctx.createWebhook();
      const res = await ctx.request('PATCH', `${REST}/${hook.id}`, {
        body: spec.patch,
        headers: spec.headers,
      });
      ctx.expectStatus(res, spec.status === 'any 4xx' ? CLIENT_ERRORS : spec.status);
      ctx.expectErrorShape(res);
      if (typeof spec.status === 'number') ctx.expectSchema('patchWebhook', res);
      await expectUnchanged(ctx, hook.id, { Name: hook.name, State: 'Active' });
    },
  };
}

/** An HTTP date (RFC 9110 §5.6.7) `days` from now. */
const httpDate = (days: number): string => new Date(Date.now() + days * 86_400_000).toUTCString();

export const patchErrorCases: ConformanceCase[] = [
  refusalCase({
    id: 'patch.test-failure-409',
    title: 'A failing test operation is 409',
    patch: [
      { op: 'test', path: '/State', value: 'Stopped' },
      { op: 'replace', path: '/State', value: 'Stopped' },
    ],
    status: 409,
    then: '409 in the error shape, nothing changed',
  }),
  refusalCase({
    id: 'patch.atomic',
    title: 'Operations before a failing test are not applied',
    source: 'RFC 6902 §5',
    patch: [
      { op: 'replace', path: '/Name', value: 'soconf must not be stored' },
      { op: 'test', path: '/State', value: 'Stopped' },
    ],
    status: 409,
    then: '409, and the earlier replace did not happen',
  }),
  refusalCase({
    id: 'patch.stale-412',
    title: 'A stale If-Unmodified-Since is 412',
    patch: [{ op: 'replace', path: '/State', value: 'Stopped' }],
    headers: { 'if-unmodified-since': 'Mon, 01 Jan 2001 00:00:00 GMT' },
    status: 412,
    then: '412 in the error shape, nothing changed',
  }),
  refusalCase({
    id: 'patch.move-refused',
    title: 'move is not supported',
    patch: [{ op: 'move', from: '/Name', path: '/Description' }],
    status: 'any 4xx',
    then: 'a 4xx in the error shape, nothing changed',
  }),
  refusalCase({
    id: 'patch.copy-refused',
    title: 'copy is not supported',
    patch: [{ op: 'copy', from: '/Name', path: '/Description' }],
    status: 'any 4xx',
    then: 'a 4xx in the error shape, nothing changed',
  }),
  refusalCase({
    id: 'patch.read-only-refused',
    title: 'Read-only fields cannot be patched',
    source: 'spec C16',
    tags: ['choice', 'patch', 'read-only'],
    patch: [
      { op: 'replace', path: '/Registered', value: '2001-02-03T04:05:06' },
      { op: 'replace', path: '/State', value: 'Stopped' },
    ],
    status: 400,
    then: '400 in the error shape, nothing changed',
  }),
  refusalCase({
    id: 'patch.root-path-refused',
    title: 'A path that names no property is refused',
    patch: [
      { op: 'replace', path: '', value: {} },
      { op: 'replace', path: '/State', value: 'Stopped' },
    ],
    status: 'any 4xx',
    then: 'a 4xx in the error shape (the path names the property to modify), nothing changed',
  }),
  refusalCase({
    id: 'patch.merge-patch-array-refused',
    title: 'An array sent as application/merge-patch+json is not read as JSON Patch',
    patch: [{ op: 'replace', path: '/State', value: 'Stopped' }],
    headers: { 'content-type': 'application/merge-patch+json' },
    status: 'any 4xx',
    then: 'a 4xx in the error shape (a merge patch that is no object would replace the webhook), nothing changed',
  }),
  refusalCase({
    id: 'patch.remove-missing-400',
    title: 'Removing a member that is not there is 400, not the 409 of a failed test',
    source: 'spec C2',
    tags: ['choice', 'patch', 'errors'],
    patch: [
      { op: 'replace', path: '/State', value: 'Stopped' },
      { op: 'remove', path: '/Headers/X-Conf-None' },
    ],
    status: 400,
    then: '400 in the error shape (RFC 6902 §4.2: the target must exist), nothing changed',
  }),
  {
    id: 'patch.fresh-if-unmodified-since',
    area,
    title: 'A current If-Unmodified-Since lets the patch apply',
    source: 'spec C10',
    given: 'a webhook this run created',
    when: 'PATCH with If-Unmodified-Since one day in the future',
    then: '200, the patch applies',
    tags: ['choice', 'patch'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook();
      const res = await ctx.request('PATCH', `${REST}/${hook.id}`, {
        body: [{ op: 'replace', path: '/State', value: 'Stopped' }],
        headers: { 'if-unmodified-since': httpDate(1) },
      });
      ctx.expectStatus(res, 200);
    },
  },
  {
    id: 'patch.unknown-id-404',
    area,
    title: 'PATCH of an unknown id is 404',
    source: SOURCE,
    given: 'an id the target answers 404 for',
    when: 'PATCH /api/v1/Webhook/<unknown>',
    then: '404 in the error shape',
    tags: ['doc', 'patch', 'errors', 'unknown-id'],
    mutates: true,
    async run(ctx) {
      const unused = await ctx.unusedId();
      const res = await ctx.request('PATCH', `${REST}/${unused}`, {
        body: [{ op: 'replace', path: '/Name', value: ctx.name() }],
      });
      ctx.expectStatus(res, 404);
      ctx.expectErrorShape(res);
      ctx.expectSchema('patchWebhook', res);
    },
  },
];
