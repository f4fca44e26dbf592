// What the operations answer beyond status and schema: the documented defaults, JSON content
// type, 404/null for unknown ids, and where `_Links` appear (docs/sources.md §2a, §5, §6, §7).
import { isRecord } from '../expect.js';
import type { ConformanceCase } from '../types.js';
import { arrayBody, asObject, describe, expectFields, objectBody } from './body-checks.js';
import { AGENT, MIN_DATE, REST } from './surfaces.js';

const area = 'operations';

/** Reference §2a: subscription.md and the official client's fixture agree on these. */
const DOCUMENTED_DEFAULTS = {
  WebhookId: 0,
  Name: null,
  Events: ['contact.created', 'contact.deleted'],
  TargetUrl: null,
  Secret: null,
  State: 'Active',
  Type: 'webhook',
  Headers: null,
  Properties: null,
  Registered: MIN_DATE,
  Updated: MIN_DATE,
};

export const operationDetailCases: ConformanceCase[] = [
  {
    id: 'operations.default-values',
    area,
    title: 'Defaults are the documented ones on both surfaces',
    source: 'reference §2a',
    given: 'any target',
    when: 'GET /Webhook/default and POST Agents/Webhook/CreateDefaultWebhook',
    then: 'both carry the documented default values and no _Links',
    tags: ['doc'],
    mutates: false,
    async run(ctx) {
      const rest = await ctx.request('GET', `${REST}/default`);
      const agent = await ctx.request('POST', `${AGENT}/CreateDefaultWebhook`);
      for (const res of [rest, agent]) {
        ctx.expectStatus(res, 200);
        const body = expectFields(ctx, res, DOCUMENTED_DEFAULTS, 'defaults');
        ctx.check(!('_Links' in body), 'defaults carry _Links, which only REST entities have', res);
      }
    },
  },
  {
    id: 'operations.json-content-type',
    area,
    title: 'Answers are application/json',
    source: 'reference §6',
    given: 'any target',
    when: 'GET /Webhook/default and GET /Webhook',
    then: 'Content-Type is application/json (charset utf-8 where one is named)',
    tags: ['doc', 'content-type'],
    mutates: false,
    async run(ctx) {
      for (const path of [`${REST}/default`, REST]) {
        const res = await ctx.request('GET', path);
        ctx.expectStatus(res, 200);
        const type = (res.headers['content-type'] ?? '').toLowerCase();
        ctx.check(type.startsWith('application/json'), `Content-Type is "${type}"`, res);
        const charset = /charset=([^;]+)/.exec(type)?.[1]?.trim();
        ctx.check(!charset || charset === 'utf-8', `charset is ${charset ?? ''}, not utf-8`, res);
      }
    },
  },
  {
    id: 'operations.get-unknown-404',
    area,
    title: 'GET /Webhook/{id} of an unknown id is 404 in the error shape',
    source: 'reference §1a R4',
    given: 'an id the target has no webhook for',
    when: 'GET /api/v1/Webhook/{id}',
    then: '404 with { Error: true, ErrorType, Message|ErrorMessage }',
    tags: ['doc', 'errors'],
    mutates: false,
    async run(ctx) {
      const res = await ctx.request('GET', `${REST}/${await ctx.unusedId()}`);
      ctx.expectStatus(res, 404);
      ctx.expectErrorShape(res);
      ctx.expectSchema('getWebhook', res);
    },
  },
  {
    id: 'operations.get-agent-unknown-null',
    area,
    title: 'Agent GetWebhook of an unknown id answers 200 null',
    source: 'spec C4',
    given: 'an id the target has no webhook for',
    when: 'POST Agents/Webhook/GetWebhook?webhookId={id}',
    then: '200 with null, as agent getters return a null carrier',
    tags: ['choice'],
    mutates: false,
    async run(ctx) {
      const id = await ctx.unusedId();
      const res = await ctx.request('POST', `${AGENT}/GetWebhook`, { query: { webhookId: id } });
      ctx.expectStatus(res, 200);
      ctx.check(res.body === null, `expected null, got ${describe(res.body)}`, res);
    },
  },
  {
    id: 'operations.links-where-documented',
    area,
    title: '_Links on REST single entities only',
    source: 'reference §7',
    given: 'a webhook this run created',
    when: 'GET /Webhook/{id}, GET /Webhook and Agents GetWebhook',
    then: 'the REST entity has _Links.Self; list items and agent answers have no _Links',
    tags: ['doc', 'links'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook();
      const single = await ctx.request('GET', `${REST}/${hook.id}`);
      const links = objectBody(ctx, single)._Links;
      ctx.check(isRecord(links) && typeof links.Self === 'string', 'no _Links.Self', single);
      const list = await ctx.request('GET', REST, { query: { eventFilter: hook.event } });
      const withLinks = arrayBody(ctx, list).filter((w) => '_Links' in w);
      ctx.check(withLinks.length === 0, 'list items carry _Links', list);
      const agent = await ctx.request('POST', `${AGENT}/GetWebhook`, {
        query: { webhookId: hook.id },
      });
      ctx.check(!('_Links' in objectBody(ctx, agent)), 'the agent answer carries _Links', agent);
    },
  },
  {
    id: 'operations.links-self',
    area,
    title: '_Links.Self addresses the webhook itself',
    source: 'spec C15',
    given: 'a webhook this run created',
    when: 'GET /api/v1/Webhook/{id}',
    then:
      "_Links.Self's path is the path just asked (/api/v1/Webhook/{id} under the target's own " +
      "prefix, e.g. a tenant's /Cust12345) and _Links.Archive's the list's; the host may differ",
    tags: ['choice', 'links'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook();
      const res = await ctx.request('GET', `${REST}/${hook.id}`);
      const links = asObject(ctx, objectBody(ctx, res)._Links, '_Links', res);
      // A server behind a proxy may name another host; the path under it is the entity's own.
      const asked = new URL(res.evidence.request.url).pathname.toLowerCase();
      const pathOf = (link: unknown) => {
        const text = String(link);
        return URL.canParse(text) ? new URL(text).pathname.toLowerCase() : text;
      };
      ctx.check(
        pathOf(links.Self) === asked,
        `_Links.Self is ${String(links.Self)}, not at ${asked}`,
        res,
      );
      const list = asked.slice(0, asked.lastIndexOf('/'));
      ctx.check(
        pathOf(links.Archive) === list,
        `_Links.Archive is ${String(links.Archive)}, not at ${list}`,
        res,
      );
    },
  },
];
