// Every documented operation answers its success status with a body the spec allows
// (docs/sources.md §1a R1–R9, §1b A1–A7; TestWebhook and LastError are in test-and-lasterror.ts).
import type { CaseContext, ConformanceCase, HttpResponse } from '../types.js';
import { expectFields, expectNoContent, objectBody } from './body-checks.js';
import { AGENT, REST } from './surfaces.js';

const area = 'operations';

type Exchange = (ctx: CaseContext, id: number) => Promise<HttpResponse>;

/** A case that creates a webhook, calls one operation on it and checks status and schema. */
function onOwnWebhook(
  id: string,
  title: string,
  source: string,
  operationId: string,
  call: Exchange,
  status = 200,
): ConformanceCase {
  return {
    id,
    area,
    title,
    source,
    given: 'a webhook this run created',
    when: title,
    then: `${status} and a body matching the spec's ${operationId} ${status} response`,
    tags: ['doc', 'schema'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook();
      const res = await call(ctx, hook.id);
      ctx.expectStatus(res, status);
      ctx.expectSchema(operationId, res);
      if (status === 204) expectNoContent(ctx, res);
      else expectFields(ctx, res, { WebhookId: hook.id });
    },
  };
}

function readOnly(
  id: string,
  title: string,
  source: string,
  operationId: string,
  call: (ctx: CaseContext) => Promise<HttpResponse>,
): ConformanceCase {
  return {
    id,
    area,
    title,
    source,
    given: 'any target',
    when: title,
    then: `200 and a body matching the spec's ${operationId} 200 response`,
    tags: ['doc', 'schema'],
    mutates: false,
    async run(ctx) {
      const res = await call(ctx);
      ctx.expectStatus(res, 200);
      ctx.expectSchema(operationId, res);
    },
  };
}

export const operationCases: ConformanceCase[] = [
  readOnly(
    'operations.get-default',
    'GET /Webhook/default',
    'reference §1a R1',
    'getDefaultWebhook',
    (ctx) => ctx.request('GET', `${REST}/default`),
  ),
  readOnly(
    'operations.create-default-agent',
    'POST Agents/Webhook/CreateDefaultWebhook',
    'seeds/000_b1d363702d928572.txt',
    'createDefaultWebhook',
    (ctx) => ctx.request('POST', `${AGENT}/CreateDefaultWebhook`),
  ),
  readOnly('operations.list', 'GET /Webhook', 'reference §1a R2', 'getWebhookList', (ctx) =>
    ctx.request('GET', REST),
  ),
  readOnly(
    'operations.list-agent',
    'POST Agents/Webhook/GetAllWebhooks',
    'seeds/001_9797824a90a04707.txt',
    'getAllWebhooks',
    (ctx) => ctx.request('POST', `${AGENT}/GetAllWebhooks`, { body: {} }),
  ),
  {
    id: 'operations.post-create',
    area,
    title: 'POST /Webhook creates and answers 200, not 201',
    source: 'reference §1a R3',
    given: 'a valid new webhook whose TargetUrl answers the test ping',
    when: 'POST /api/v1/Webhook',
    then: '200 with a WebhookWithLinks carrying a new WebhookId above 0',
    tags: ['doc', 'schema'],
    mutates: true,
    async run(ctx) {
      const res = await ctx.request('POST', REST, {
        body: { Name: ctx.name(), Events: [ctx.eventName()], TargetUrl: ctx.targetUrl() },
      });
      ctx.expectStatus(res, 200);
      ctx.expectSchema('postWebhook', res);
      const id = objectBody(ctx, res).WebhookId;
      ctx.check(typeof id === 'number' && id > 0, `WebhookId is ${String(id)}, not above 0`, res);
    },
  },
  onOwnWebhook('operations.get', 'GET /Webhook/{id}', 'reference §1a R4', 'getWebhook', (ctx, id) =>
    ctx.request('GET', `${REST}/${id}`),
  ),
  onOwnWebhook('operations.put', 'PUT /Webhook/{id}', 'reference §1a R5', 'putWebhook', (ctx, id) =>
    ctx.request('PUT', `${REST}/${id}`, {
      body: { Name: ctx.name('put'), Events: [ctx.eventName()], TargetUrl: ctx.targetUrl() },
    }),
  ),
  onOwnWebhook(
    'operations.patch',
    'PATCH /Webhook/{id}',
    'seeds/004_c05cf042a57efd1d.txt',
    'patchWebhook',
    (ctx, id) =>
      ctx.request('PATCH', `${REST}/${id}`, {
        body: [{ op: 'replace', path: '/Name', value: ctx.name('patched') }],
      }),
  ),
  onOwnWebhook(
    'operations.delete',
    'DELETE /Webhook/{id}',
    'reference §1a R6',
    'deleteWebhook',
    (ctx, id) => ctx.request('DELETE', `${REST}/${id}`),
    204,
  ),
  onOwnWebhook(
    'operations.get-agent',
    'POST Agents/Webhook/GetWebhook',
    'reference §1b A4',
    'getWebhookAgent',
    (ctx, id) => ctx.request('POST', `${AGENT}/GetWebhook`, { query: { webhookId: id } }),
  ),
  onOwnWebhook(
    'operations.delete-agent',
    'POST Agents/Webhook/DeleteWebhook',
    'reference §1b A3',
    'deleteWebhookAgent',
    (ctx, id) => ctx.request('POST', `${AGENT}/DeleteWebhook`, { query: { WebhookId: id } }),
    204,
  ),
  onOwnWebhook(
    'operations.save-agent',
    'POST Agents/Webhook/SaveWebhook (update)',
    'reference §1b A2',
    'saveWebhook',
    (ctx, id) =>
      ctx.request('POST', `${AGENT}/SaveWebhook`, {
        body: {
          WebhookId: id,
          Name: ctx.name('saved'),
          Events: [ctx.eventName()],
          TargetUrl: ctx.targetUrl(),
        },
      }),
  ),
  {
    id: 'operations.signal-rest',
    area,
    title: 'POST /Webhook/{eventName}/{primaryKey}',
    source: 'reference §1a R9',
    given: 'an event name no webhook but this run could listen for',
    when: 'POST /api/v1/Webhook/{eventName}/123 with event data',
    then: '204 with an empty (or null) body',
    tags: ['doc', 'schema'],
    mutates: true,
    async run(ctx) {
      const res = await ctx.request('POST', `${REST}/${ctx.eventName()}/123`, {
        body: { name: 'x' },
      });
      expectNoContent(ctx, res);
      ctx.expectSchema('signalWebhookEvent', res);
    },
  },
  {
    id: 'operations.signal-agent',
    area,
    title: 'POST Agents/Webhook/SignalEvent',
    source: 'seeds/002_569939bd557dcdf8.txt',
    given: 'an event name no webhook but this run could listen for',
    when: 'POST SignalEvent { EventName, PrimaryKey, Data }',
    then: '204 with an empty (or null) body',
    tags: ['doc', 'schema'],
    mutates: true,
    async run(ctx) {
      const res = await ctx.request('POST', `${AGENT}/SignalEvent`, {
        body: { EventName: ctx.eventName(), PrimaryKey: 952, Data: { fieldName: {} } },
      });
      expectNoContent(ctx, res);
      ctx.expectSchema('signalEvent', res);
    },
  },
];
