// The filter and $select rules under the variants the first cases left out: a name filter in
// another case on both surfaces (C20), a State filter spelled in lower case (C11), and $select on
// the saves that document it (docs/sources.md §1a R3, R5, R7).
import type { ConformanceCase } from '../types.js';
import { arrayBody, expectFields } from './body-checks.js';
import { AGENT, REST } from './surfaces.js';
import { listedIds } from './webhook-reads.js';

const area = 'select-and-filters';

export const filterVariantCases: ConformanceCase[] = [
  {
    id: 'filters.name-any-case',
    area,
    title: 'nameFilter and NameFilter match a name in any case',
    source: 'spec C20',
    given: 'a webhook of this run with a mixed-case name',
    when: 'GET /Webhook?nameFilter=<NAME IN UPPER CASE>; GetAllWebhooks { NameFilter: <lower> }',
    then: 'both list it',
    tags: ['choice', 'filters'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook({ Name: 'MixedCase' });
      const upper = hook.name.toUpperCase();
      const { res, ids } = await listedIds(ctx, { nameFilter: upper });
      ctx.check(ids.includes(hook.id), `nameFilter "${upper}" did not list ${hook.id}`, res);
      const lower = hook.name.toLowerCase();
      const agent = await ctx.request('POST', `${AGENT}/GetAllWebhooks`, {
        body: { NameFilter: lower, EventFilter: '', StatusFilter: 'Unknown' },
      });
      ctx.expectStatus(agent, 200, 'GetAllWebhooks');
      const listed = arrayBody(ctx, agent).map((w) => w.WebhookId);
      ctx.check(listed.includes(hook.id), `NameFilter "${lower}" did not list ${hook.id}`, agent);
    },
  },
  {
    id: 'filters.status-any-case',
    area,
    title: 'statusFilter binds a State name in any case',
    source: 'spec C11',
    given: 'an Active and a Stopped webhook of this run on one event',
    when: 'GET /Webhook?eventFilter=<event>&statusFilter=stopped',
    then: 'only the Stopped one is listed',
    tags: ['choice', 'filters'],
    mutates: true,
    async run(ctx) {
      const active = await ctx.createWebhook({ Name: 'active' });
      const stopped = await ctx.createWebhook({
        Name: 'stopped',
        Events: [active.event],
        State: 'Stopped',
      });
      const query = { eventFilter: active.event, statusFilter: 'stopped' };
      const { res, ids } = await listedIds(ctx, query);
      ctx.check(ids.includes(stopped.id), `statusFilter=stopped did not list ${stopped.id}`, res);
      ctx.check(!ids.includes(active.id), `statusFilter=stopped should not list ${active.id}`, res);
    },
  },
  {
    id: 'select.on-save',
    area,
    title: '$select applies to the answers of POST, PUT and PATCH',
    source: 'reference §1a R3',
    given: 'a new webhook definition on the receiver',
    when: 'POST, then PUT, then PATCH with $select=Name,WebhookId',
    then: 'each answer has Name and WebhookId and TargetUrl null',
    tags: ['doc', 'select'],
    mutates: true,
    async run(ctx) {
      const query = { $select: 'Name,WebhookId' };
      const definition = {
        Name: ctx.name(),
        Events: [ctx.eventName()],
        TargetUrl: ctx.targetUrl(),
        Type: 'webhook',
        State: 'Active',
      };
      const post = await ctx.request('POST', REST, { query, body: definition });
      ctx.expectStatus(post, 200);
      const created = expectFields(ctx, post, { TargetUrl: null }, 'POST /Webhook?$select=Name');
      const id = Number(created.WebhookId);
      const put = await ctx.request('PUT', `${REST}/${id}`, { query, body: definition });
      ctx.expectStatus(put, 200);
      expectFields(ctx, put, { TargetUrl: null }, 'PUT /Webhook/{id}?$select=Name');
      const patch = await ctx.request('PATCH', `${REST}/${id}`, {
        query,
        body: [{ op: 'replace', path: '/State', value: 'Stopped' }],
      });
      ctx.expectStatus(patch, 200);
      expectFields(ctx, patch, { TargetUrl: null }, 'PATCH /Webhook/{id}?$select=Name');
    },
  },
];
