// Binding beyond the State enum (spec C11): flag enums by number or by names in any case, a JSON
// Patch op in any case, camelCase merge-patch members. And what binding must not let through
// (C2, 400 ArgumentException): a statusFilter naming no State (spec/README.md, the
// `getWebhookList` row), a numeric op, and the required bodies (the body media types row) left out.
import type { CaseContext, ConformanceCase, HttpResponse } from '../types.js';
import { expectFields, objectBody } from './body-checks.js';
import { AGENT, REST } from './surfaces.js';
import { expectUnchanged, getWebhook, trackIfCreated } from './webhook-reads.js';

const area = 'binding';

function expectArgumentException(ctx: CaseContext, res: HttpResponse, what?: string): void {
  ctx.expectStatus(res, 400, what);
  ctx.expectErrorShape(res);
  const type = (res.body as Record<string, unknown> | null)?.ErrorType;
  ctx.check(
    type === 'ArgumentException',
    `${what ?? 'the answer'}: ErrorType is ${String(type)}`,
    res,
  );
}

function notifyViaCase(id: string, title: string, sent: unknown, stored: string): ConformanceCase {
  return {
    id,
    area,
    title,
    source: 'spec C11',
    given: `a new webhook whose NotifyVia is given as ${JSON.stringify(sent)}`,
    when: 'POST /api/v1/Webhook',
    then: `200, and NotifyVia comes back as the flag names "${stored}"`,
    tags: ['choice', 'enums'],
    mutates: true,
    async run(ctx) {
      const body = { Name: ctx.name(), Events: [ctx.eventName()], TargetUrl: ctx.targetUrl() };
      const saved = await ctx.request('POST', REST, { body: { ...body, NotifyVia: sent } });
      trackIfCreated(ctx, saved);
      ctx.expectStatus(saved, 200);
      const id = objectBody(ctx, saved).WebhookId;
      ctx.check(typeof id === 'number', `WebhookId is ${String(id)}`, saved);
      const { res } = await getWebhook(ctx, id as number);
      expectFields(ctx, res, { NotifyVia: stored });
    },
  };
}

export const bindingEnumCases: ConformanceCase[] = [
  notifyViaCase(
    'binding.flags-by-number',
    'A flag enum given as its number binds',
    3,
    'Email, InApp',
  ),
  notifyViaCase('binding.flags-zero', 'A flag enum given as 0 binds to its zero name', 0, 'None'),
  notifyViaCase(
    'binding.flags-names-any-case',
    'Flag names bind in any case, blanks around the commas aside',
    'email, inApp',
    'Email, InApp',
  ),
  {
    id: 'binding.patch-op-any-case',
    area,
    title: "A JSON Patch op binds in any case, as the spec's other enums do",
    source: 'spec C11',
    given: 'a webhook this run created, listening for one event',
    when: 'PATCH /api/v1/Webhook/{id} [{ op: "Replace", path: "/Events/0", value: <other event> }]',
    then: '200, and Events holds the other event alone (a replace, not an add)',
    tags: ['choice', 'enums', 'patch'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook();
      const other = ctx.eventName('replaced');
      const res = await ctx.request('PATCH', `${REST}/${hook.id}`, {
        body: [{ op: 'Replace', path: '/Events/0', value: other }],
      });
      ctx.expectStatus(res, 200);
      expectFields(ctx, res, { Events: [other] });
    },
  },
  {
    id: 'binding.merge-patch-camelcase',
    area,
    title: 'A merge patch binds camelCase member names',
    source: 'spec C11',
    given: 'a webhook this run created',
    when: 'PATCH /api/v1/Webhook/{id} as application/merge-patch+json { "name": <new name> }',
    then: '200 and Name is the new name',
    tags: ['choice', 'case-insensitive', 'patch'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook();
      const name = ctx.name('renamed');
      const res = await ctx.request('PATCH', `${REST}/${hook.id}`, {
        headers: { 'content-type': 'application/merge-patch+json' },
        body: { name },
      });
      ctx.expectStatus(res, 200);
      expectFields(ctx, res, { Name: name });
    },
  },
  {
    id: 'bad-input.numeric-patch-op-400',
    area: 'bad-input',
    title: 'A JSON Patch op given as a number is 400',
    source: 'spec C2',
    given: 'an Active webhook this run created',
    when: 'PATCH /api/v1/Webhook/{id} [{ op: 1, path: "/State", value: "Stopped" }]',
    then: '400 ArgumentException in the error shape; the webhook is still Active',
    tags: ['choice', 'errors', 'patch'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook();
      const res = await ctx.request('PATCH', `${REST}/${hook.id}`, {
        body: [{ op: 1, path: '/State', value: 'Stopped' }],
      });
      expectArgumentException(ctx, res);
      await expectUnchanged(ctx, hook.id, { State: 'Active' });
    },
  },
  {
    id: 'bad-input.required-bodies-400',
    area: 'bad-input',
    title: 'GetAllWebhooks, SignalEvent and PATCH without their required body are 400',
    source: 'spec C2',
    given: 'a webhook this run created',
    when: 'POST Agents/Webhook/GetAllWebhooks, POST Agents/Webhook/SignalEvent, PATCH /Webhook/{id}, each without a body',
    then: '400 ArgumentException in the error shape for each (spec/README.md: every vendor body is required)',
    tags: ['choice', 'errors'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook();
      const requests: Array<[string, string]> = [
        ['POST', `${AGENT}/GetAllWebhooks`],
        ['POST', `${AGENT}/SignalEvent`],
        ['PATCH', `${REST}/${hook.id}`],
      ];
      for (const [method, path] of requests) {
        expectArgumentException(ctx, await ctx.request(method, path), `${method} ${path}`);
      }
      await expectUnchanged(ctx, hook.id, { Name: hook.name, State: 'Active' });
    },
  },
  {
    id: 'bad-input.unknown-status-filter-400',
    area: 'bad-input',
    title: 'A statusFilter that names no State is 400',
    source: 'spec C2',
    given: 'any target',
    when: 'GET /api/v1/Webhook?statusFilter=Sleeping',
    then: '400 ArgumentException in the error shape',
    tags: ['choice', 'errors', 'filters'],
    mutates: false,
    async run(ctx) {
      const res = await ctx.request('GET', REST, { query: { statusFilter: 'Sleeping' } });
      expectArgumentException(ctx, res);
      ctx.expectSchema('getWebhookList', res);
    },
  },
];
