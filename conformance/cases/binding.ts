// How requests bind: property and query names case-insensitively (the official client sends
// camelCase and spells WebhookId two ways), enums by name or number, the JSON content types the
// pages list, and case-insensitive URL paths (docs/sources.md §1b, §6; spec C11, C12).
import type { CaseContext, ConformanceCase } from '../types.js';
import { arrayBody, expectFields } from './body-checks.js';
import { AGENT, REST } from './surfaces.js';

const area = 'binding';

async function saveAgent(ctx: CaseContext, body: Record<string, unknown>, contentType?: string) {
  const headers = contentType ? { 'content-type': contentType } : undefined;
  return ctx.request('POST', `${AGENT}/SaveWebhook`, { body, headers });
}

function contentTypeCase(id: string, contentType: string, source: string): ConformanceCase {
  return {
    id,
    area,
    title: `A body sent as ${contentType} is accepted`,
    source,
    given: 'a valid new webhook',
    when: `POST Agents/Webhook/SaveWebhook with Content-Type: ${contentType}`,
    then: '200 and the webhook is saved',
    tags: ['doc', 'content-type'],
    mutates: true,
    async run(ctx) {
      const name = ctx.name();
      const res = await saveAgent(
        ctx,
        { Name: name, Events: [ctx.eventName()], TargetUrl: ctx.targetUrl() },
        contentType,
      );
      ctx.expectStatus(res, 200);
      expectFields(ctx, res, { Name: name });
    },
  };
}

function enumCase(id: string, title: string, state: unknown, source: string): ConformanceCase {
  return {
    id,
    area,
    title,
    source,
    given: 'a new webhook whose State is given as ' + JSON.stringify(state),
    when: 'POST Agents/Webhook/SaveWebhook',
    then: 'State comes back as the name "Stopped"',
    tags: ['choice', 'enums'],
    mutates: true,
    async run(ctx) {
      const res = await saveAgent(ctx, {
        Name: ctx.name(),
        Events: [ctx.eventName()],
        TargetUrl: ctx.targetUrl(),
        State: state,
      });
      ctx.expectStatus(res, 200);
      expectFields(ctx, res, { State: 'Stopped' });
    },
  };
}

export const bindingCases: ConformanceCase[] = [
  {
    id: 'binding.camelcase-body',
    area,
    title: 'camelCase property names bind like PascalCase',
    source: 'reference §1b',
    given: 'a new webhook written with camelCase keys, as the official client sends it',
    when: 'POST Agents/Webhook/SaveWebhook { name, events, targetUrl, type }',
    then: '200 and the answer carries the values under PascalCase names',
    tags: ['client', 'case-insensitive'],
    mutates: true,
    async run(ctx) {
      const name = ctx.name();
      const event = ctx.eventName();
      const res = await saveAgent(ctx, {
        name,
        events: [event],
        targetUrl: ctx.targetUrl(),
        type: 'webhook',
      });
      ctx.expectStatus(res, 200);
      expectFields(ctx, res, { Name: name, Events: [event], Type: 'webhook' });
    },
  },
  {
    id: 'binding.camelcase-filters',
    area,
    title: 'camelCase GetAllWebhooks filters bind',
    source: 'reference §1b',
    given: 'a webhook this run created',
    when: 'POST Agents/Webhook/GetAllWebhooks { eventFilter }',
    then: 'only webhooks listening for that event are listed',
    tags: ['client', 'case-insensitive', 'filters'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook();
      const res = await ctx.request('POST', `${AGENT}/GetAllWebhooks`, {
        body: { eventFilter: hook.event },
      });
      ctx.expectStatus(res, 200);
      const ids = arrayBody(ctx, res).map((w) => w.WebhookId);
      ctx.check(ids.length === 1 && ids[0] === hook.id, `listed ${JSON.stringify(ids)}`, res);
    },
  },
  {
    id: 'binding.query-name-case',
    area,
    title: 'Query parameter names bind case-insensitively',
    source: 'reference §1b',
    given: 'a webhook this run created',
    when: 'POST Agents/Webhook/GetWebhook?WebhookId=… and ?webhookid=…',
    then: 'both answer that webhook (the client spells it webhookId and WebhookId)',
    tags: ['client', 'case-insensitive'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook();
      for (const name of ['WebhookId', 'webhookid']) {
        const res = await ctx.request('POST', `${AGENT}/GetWebhook`, {
          query: { [name]: hook.id },
        });
        ctx.expectStatus(res, 200, `?${name}=`);
        expectFields(ctx, res, { WebhookId: hook.id }, `?${name}=`);
      }
    },
  },
  enumCase('binding.enum-by-number', 'An enum given as its number binds', 2, 'spec C11'),
  enumCase('binding.enum-name-any-case', 'An enum name binds in any case', 'stopped', 'spec C11'),
  contentTypeCase('binding.text-json', 'text/json', 'reference §6'),
  contentTypeCase(
    'binding.json-charset',
    'application/json; charset=utf-8',
    'seeds/001_9797824a90a04707.txt',
  ),
  {
    id: 'binding.url-path-case',
    area,
    title: 'URL paths are case-insensitive',
    source: 'reference §1a',
    given: 'a webhook this run created',
    when: 'GET /api/v1/webhook/{id} and POST /api/v1/agents/webhook/getwebhook',
    then: 'both answer that webhook, as ASP.NET routing does',
    tags: ['inferred', 'case-insensitive'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook();
      const rest = await ctx.request('GET', `${REST.toLowerCase()}/${hook.id}`);
      ctx.expectStatus(rest, 200);
      expectFields(ctx, rest, { WebhookId: hook.id });
      const agent = await ctx.request('POST', `${AGENT.toLowerCase()}/getwebhook`, {
        query: { webhookId: hook.id },
      });
      ctx.expectStatus(agent, 200);
      expectFields(ctx, agent, { WebhookId: hook.id });
    },
  },
];
