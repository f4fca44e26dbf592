// `$select` ("Other fields are then nulled out", every seed page; C8) and the list filters of
// GET /Webhook and GetAllWebhooks (docs/sources.md §1a R2, docs/sources.md seed 001).
import type { CaseContext, ConformanceCase, CreatedWebhook } from '../types.js';
import { arrayBody, expectFields } from './body-checks.js';
import { AGENT, REST } from './surfaces.js';
import { listedIds } from './webhook-reads.js';

const area = 'select-and-filters';
const SELECT_SOURCE = 'seeds/001_9797824a90a04707.txt';

/** Fields a created webhook carries values in, which `$select=Name` must null out. */
const NULLED = { TargetUrl: null, Events: null, Headers: null, Properties: null };

function selectCase(
  id: string,
  title: string,
  when: string,
  call: (ctx: CaseContext, hook: CreatedWebhook) => Promise<void>,
): ConformanceCase {
  return {
    id,
    area,
    title,
    source: SELECT_SOURCE,
    given: 'a webhook this run created with Headers and Properties',
    when,
    then: 'the selected fields carry their values; unselected reference fields are null',
    tags: ['doc', 'select'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook({ Headers: { 'X-Soconf': 'a' }, Properties: { a: 1 } });
      await call(ctx, hook);
    },
  };
}

/** Two webhooks on one run-unique event: `active` (Active) and `stopped` (Stopped). */
async function activeAndStopped(ctx: CaseContext) {
  const active = await ctx.createWebhook({ Name: 'active' });
  const stopped = await ctx.createWebhook({
    Name: 'stopped',
    Events: [active.event],
    TargetUrl: ctx.targetUrl('stopped'),
    State: 'Stopped',
  });
  return { active, stopped, event: active.event };
}

function expectListed(ctx: CaseContext, ids: unknown[], present: number[], absent: number[]) {
  const missing = present.filter((id) => !ids.includes(id));
  const extra = absent.filter((id) => ids.includes(id));
  const problems = [
    ...(missing.length ? [`missing ${missing.join(', ')}`] : []),
    ...(extra.length ? [`should not list ${extra.join(', ')}`] : []),
  ];
  ctx.check(problems.length === 0, `listed ${JSON.stringify(ids)}: ${problems.join('; ')}`);
}

function filterCase(
  id: string,
  title: string,
  when: string,
  query: (event: string, name: string) => Record<string, string>,
  expect: 'active' | 'stopped' | 'both',
  /** Also a webhook of this run on another event, which must not be listed. */
  decoy = false,
): ConformanceCase {
  return {
    id,
    area,
    title,
    source: 'reference §1a R2',
    given: `an Active and a Stopped webhook on the same run-unique event${decoy ? ', and one on another event' : ''}`,
    when,
    then: `only ${expect === 'both' ? 'both webhooks are' : `the ${expect} webhook is`} listed`,
    tags: ['doc', 'filters'],
    mutates: true,
    async run(ctx) {
      const { active, stopped, event } = await activeAndStopped(ctx);
      // Without a decoy, a target that ignores the filter would list both and pass.
      const elsewhere = { Name: 'elsewhere', Events: [ctx.eventName('elsewhere')] };
      const other = decoy ? [(await ctx.createWebhook(elsewhere)).id] : [];
      const { ids } = await listedIds(ctx, query(event, active.name));
      const want = { active: [active.id], stopped: [stopped.id], both: [active.id, stopped.id] };
      const all = [active.id, stopped.id, ...other];
      expectListed(
        ctx,
        ids,
        want[expect],
        all.filter((i) => !want[expect].includes(i)),
      );
    },
  };
}

export const selectAndFilterCases: ConformanceCase[] = [
  selectCase(
    'select.get',
    '$select on GET /Webhook/{id}',
    'GET /Webhook/{id}?$select=Name,State',
    async (ctx, hook) => {
      const res = await ctx.request('GET', `${REST}/${hook.id}`, {
        query: { $select: 'Name,State' },
      });
      ctx.expectStatus(res, 200);
      ctx.expectSchema('getWebhook', res);
      expectFields(ctx, res, { Name: hook.name, State: 'Active', ...NULLED });
    },
  ),
  selectCase(
    'select.case-insensitive',
    '$select names are case-insensitive',
    'GET /Webhook/{id}?$select=name',
    async (ctx, hook) => {
      const res = await ctx.request('GET', `${REST}/${hook.id}`, { query: { $select: 'name' } });
      ctx.expectStatus(res, 200);
      expectFields(ctx, res, { Name: hook.name, ...NULLED });
    },
  ),
  selectCase(
    'select.agent-get',
    '$select on Agents GetWebhook',
    'POST Agents/Webhook/GetWebhook?$select=Name',
    async (ctx, hook) => {
      const res = await ctx.request('POST', `${AGENT}/GetWebhook`, {
        query: { webhookId: hook.id, $select: 'Name' },
      });
      ctx.expectStatus(res, 200);
      ctx.expectSchema('getWebhookAgent', res);
      expectFields(ctx, res, { Name: hook.name, ...NULLED });
    },
  ),
  selectCase(
    'select.agent-list',
    '$select on GetAllWebhooks',
    'POST Agents/Webhook/GetAllWebhooks?$select=Name',
    async (ctx, hook) => {
      const res = await ctx.request('POST', `${AGENT}/GetAllWebhooks`, {
        query: { $select: 'Name' },
        body: { EventFilter: hook.event },
      });
      ctx.expectStatus(res, 200);
      ctx.expectSchema('getAllWebhooks', res);
      const item = arrayBody(ctx, res).find((w) => w.Name === hook.name);
      if (!item) return ctx.fail(`no listed webhook is named ${hook.name}`, res);
      const wrong = Object.entries(NULLED).filter(([k]) => item[k] !== null);
      ctx.check(wrong.length === 0, `not nulled: ${wrong.map(([k]) => k).join(', ')}`, res);
    },
  ),
  {
    id: 'filters.name',
    area,
    title: 'nameFilter lists the webhook with that name',
    source: 'reference §1a R2',
    given: 'webhooks of this run named <first>, <first>-longer and <second>',
    when: 'GET /Webhook?nameFilter=<first name>',
    then: 'only <first> is listed: "Only return hooks with this name" (spec C20)',
    tags: ['doc', 'filters'],
    mutates: true,
    async run(ctx) {
      const first = await ctx.createWebhook({ Name: 'first' });
      const longer = await ctx.createWebhook({ Name: 'first-longer' });
      const second = await ctx.createWebhook({ Name: 'second' });
      const { ids } = await listedIds(ctx, { nameFilter: first.name });
      expectListed(ctx, ids, [first.id], [longer.id, second.id]);
    },
  },
  filterCase(
    'filters.event',
    'eventFilter lists the webhooks listening for it',
    'GET /Webhook?eventFilter=<event>',
    (event) => ({ eventFilter: event }),
    'both',
    true,
  ),
  filterCase(
    'filters.status',
    'statusFilter lists webhooks in that State',
    'GET /Webhook?eventFilter=<event>&statusFilter=Stopped',
    (event) => ({ eventFilter: event, statusFilter: 'Stopped' }),
    'stopped',
  ),
  filterCase(
    'filters.status-unknown',
    'statusFilter=Unknown is no filter',
    'GET /Webhook?eventFilter=<event>&statusFilter=Unknown',
    (event) => ({ eventFilter: event, statusFilter: 'Unknown' }),
    'both',
  ),
  filterCase(
    'filters.combined',
    'Filters combine',
    'GET /Webhook?eventFilter=<event>&nameFilter=<active name>&statusFilter=Active',
    (event, name) => ({ eventFilter: event, nameFilter: name, statusFilter: 'Active' }),
    'active',
  ),
  {
    id: 'filters.agent',
    area,
    title: 'GetAllWebhooks filters combine',
    source: SELECT_SOURCE,
    given: 'an Active and a Stopped webhook on the same run-unique event',
    when: 'POST Agents/Webhook/GetAllWebhooks { EventFilter, StatusFilter: "Active" }',
    then: 'only the Active webhook is listed',
    tags: ['doc', 'filters'],
    mutates: true,
    async run(ctx) {
      const { active, stopped, event } = await activeAndStopped(ctx);
      const res = await ctx.request('POST', `${AGENT}/GetAllWebhooks`, {
        body: { EventFilter: event, StatusFilter: 'Active' },
      });
      ctx.expectStatus(res, 200);
      const ids = arrayBody(ctx, res).map((w) => w.WebhookId);
      expectListed(ctx, ids, [active.id], [stopped.id]);
    },
  },
];
