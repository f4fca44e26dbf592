// Enum binding beyond the State enum (spec C11): flag enums by number or by names in any case,
// the name enum of a JSON Patch operation, and a list filter whose value names no State, which
// the list operation documents as 400 (spec/README.md, the `getWebhookList` row; C2).
import type { ConformanceCase } from '../types.js';
import { expectFields, objectBody } from './body-checks.js';
import { REST } from './surfaces.js';
import { getWebhook, trackIfCreated } from './webhook-reads.js';

const area = 'binding';

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
    given: 'an Active webhook this run created',
    when: 'PATCH /api/v1/Webhook/{id} [{ op: "Replace", path: "/State", value: "Stopped" }]',
    then: '200 and the webhook is Stopped',
    tags: ['choice', 'enums', 'patch'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook();
      const res = await ctx.request('PATCH', `${REST}/${hook.id}`, {
        body: [{ op: 'Replace', path: '/State', value: 'Stopped' }],
      });
      ctx.expectStatus(res, 200);
      expectFields(ctx, res, { State: 'Stopped' });
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
      ctx.expectStatus(res, 400);
      ctx.expectErrorShape(res);
      ctx.expectSchema('getWebhookList', res);
      const type = (res.body as Record<string, unknown>).ErrorType;
      ctx.check(type === 'ArgumentException', `ErrorType is ${String(type)}`, res);
    },
  },
];
