// Saving: SaveWebhook creates for WebhookId 0 and updates above 0, PUT replaces, what was saved
// comes back, the server owns the read-only fields, and delete is followed by 404
// (docs/sources.md §1a R3–R6, §1b A2–A4, §2; spec C4–C7, C16).
import type { ConformanceCase } from '../types.js';
import { describe, expectFields, expectNoContent, objectBody } from './body-checks.js';
import { AGENT, MIN_DATE, REST } from './surfaces.js';
import { getWebhook, listedIds } from './webhook-reads.js';

const area = 'save';

export const saveCases: ConformanceCase[] = [
  {
    id: 'save.create-with-id-zero',
    area,
    title: 'SaveWebhook with WebhookId 0 creates',
    source: 'reference §2',
    given: 'a new webhook with WebhookId 0',
    when: 'POST Agents/Webhook/SaveWebhook',
    then: 'the answer has a new WebhookId above 0 that GET /Webhook/{id} finds',
    tags: ['doc'],
    mutates: true,
    async run(ctx) {
      const res = await ctx.request('POST', `${AGENT}/SaveWebhook`, {
        body: {
          WebhookId: 0,
          Name: ctx.name(),
          Events: [ctx.eventName()],
          TargetUrl: ctx.targetUrl(),
        },
      });
      ctx.expectStatus(res, 200);
      const id = objectBody(ctx, res).WebhookId;
      if (typeof id !== 'number' || id <= 0) ctx.fail(`WebhookId is ${describe(id)}`, res);
      else await getWebhook(ctx, id);
    },
  },
  {
    id: 'save.update-with-id',
    area,
    title: 'SaveWebhook with an existing WebhookId updates it',
    source: 'reference §2',
    given: 'a webhook this run created',
    when: 'POST Agents/Webhook/SaveWebhook with its WebhookId and a new Name',
    then: 'same WebhookId, the new Name, and still one webhook on the event',
    tags: ['doc'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook();
      const name = ctx.name('renamed');
      const res = await ctx.request('POST', `${AGENT}/SaveWebhook`, {
        body: { WebhookId: hook.id, Name: name, Events: [hook.event], TargetUrl: hook.targetUrl },
      });
      ctx.expectStatus(res, 200);
      expectFields(ctx, res, { WebhookId: hook.id, Name: name });
      const { ids, res: list } = await listedIds(ctx, { eventFilter: hook.event });
      ctx.check(ids.length === 1, `the event has ${ids.length} webhooks after an update`, list);
    },
  },
  {
    id: 'save.put-replaces',
    area,
    title: 'PUT /Webhook/{id} replaces the values',
    source: 'reference §1a R5',
    given: 'a webhook this run created',
    when: 'PUT /api/v1/Webhook/{id} with a new Name and Events',
    then: 'GET /Webhook/{id} shows the new values',
    tags: ['doc'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook();
      const next = { Name: ctx.name('replaced'), Events: [ctx.eventName('other')] };
      const res = await ctx.request('PUT', `${REST}/${hook.id}`, {
        body: { ...next, TargetUrl: hook.targetUrl },
      });
      ctx.expectStatus(res, 200);
      const { res: after } = await getWebhook(ctx, hook.id);
      expectFields(ctx, after, next, 'after PUT');
    },
  },
  {
    id: 'save.round-trip',
    area,
    title: 'What is saved comes back',
    source: 'reference §2',
    given: 'a new webhook with Events, Headers, Properties and ErrorsEmail',
    when: 'POST /api/v1/Webhook, then GET /api/v1/Webhook/{id}',
    then: 'GET answers the same values (Secret is not compared: its echo is unverified, §9)',
    tags: ['doc'],
    mutates: true,
    async run(ctx) {
      const values = {
        Events: [ctx.eventName('a'), ctx.eventName('b')],
        Type: 'webhook' as const,
        State: 'Active' as const,
        Headers: { 'X-Soconf-One': '1', 'X-Soconf-Two': 'two' },
        Properties: { number: 42, text: 'x', nested: { ok: true } },
        ErrorsEmail: 'soconf@example.com',
      };
      const hook = await ctx.createWebhook(values);
      const { res } = await getWebhook(ctx, hook.id);
      expectFields(ctx, res, { ...values, Name: hook.name, TargetUrl: hook.targetUrl });
    },
  },
  {
    id: 'save.server-dates',
    area,
    title: 'Registered and Updated are set by the server',
    source: 'reference §2',
    given: 'a webhook this run created',
    when: 'GET /api/v1/Webhook/{id}',
    then: 'Registered and Updated are dates, not the unset 0001-01-01T00:00:00',
    tags: ['doc'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook();
      const { res, body } = await getWebhook(ctx, hook.id);
      for (const field of ['Registered', 'Updated']) {
        const value = body[field];
        const ok = typeof value === 'string' && !value.startsWith(MIN_DATE.slice(0, 10));
        ctx.check(ok, `${field} is ${describe(value)}`, res);
      }
    },
  },
  {
    id: 'save.read-only-ignored',
    area,
    title: 'Read-only fields in a saved body are ignored',
    source: 'spec C16',
    given: 'a new webhook whose body sets Registered and TotalCalls',
    when: 'POST /api/v1/Webhook',
    then: '200; Registered is not the sent date and TotalCalls (if present) is 0',
    tags: ['choice', 'read-only'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook({ Registered: '2001-02-03T04:05:06', TotalCalls: 99 });
      const { res, body } = await getWebhook(ctx, hook.id);
      ctx.check(body.Registered !== '2001-02-03T04:05:06', 'Registered took the sent value', res);
      ctx.check(
        [undefined, 0].includes(body.TotalCalls as number),
        `TotalCalls is ${describe(body.TotalCalls)}`,
        res,
      );
    },
  },
  {
    id: 'save.delete-then-get',
    area,
    title: 'A deleted webhook is gone',
    source: 'reference §1a R6',
    given: 'a webhook this run created',
    when: 'DELETE /api/v1/Webhook/{id}, then GET it and list its event',
    then: '204, then 404, and the list no longer has it',
    tags: ['doc'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook();
      expectNoContent(ctx, await ctx.request('DELETE', `${REST}/${hook.id}`));
      const get = await ctx.request('GET', `${REST}/${hook.id}`);
      ctx.expectStatus(get, 404, 'GET after DELETE');
      ctx.expectErrorShape(get);
      const { ids, res } = await listedIds(ctx, { eventFilter: hook.event });
      ctx.check(!ids.includes(hook.id), 'the list still has the deleted webhook', res);
    },
  },
  {
    id: 'save.delete-agent-then-get',
    area,
    title: 'A webhook deleted through the agent is gone',
    source: 'reference §1b A3',
    given: 'a webhook this run created',
    when: 'POST Agents/Webhook/DeleteWebhook?WebhookId=…, then GET it',
    then: '204, then REST GET 404 and Agent GetWebhook null',
    tags: ['doc'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook();
      const del = await ctx.request('POST', `${AGENT}/DeleteWebhook`, {
        query: { WebhookId: hook.id },
      });
      expectNoContent(ctx, del);
      ctx.expectStatus(await ctx.request('GET', `${REST}/${hook.id}`), 404, 'GET after delete');
      const agent = await ctx.request('POST', `${AGENT}/GetWebhook`, {
        query: { webhookId: hook.id },
      });
      ctx.expectStatus(agent, 200);
      ctx.check(
        agent.body === null,
        `GetWebhook answered ${describe(agent.body)}, not null`,
        agent,
      );
    },
  },
];
