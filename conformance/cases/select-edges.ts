// `$select` at its edges (spec C8): naming nothing — empty, or only commas — selects every
// field as an absent `$select` does, and the spaces around a name do not make it unknown; two
// selections of one unchanged webhook each answer their own fields.
import type { ConformanceCase } from '../types.js';
import { expectFields } from './body-checks.js';
import { REST } from './surfaces.js';
import { getWebhook } from './webhook-reads.js';

export const selectEdgeCases: ConformanceCase[] = [
  {
    id: 'select.empty-and-spaced',
    area: 'select-and-filters',
    title: 'An empty $select selects every field; spaces around names are ignored',
    source: 'spec C8',
    given: 'a webhook this run created',
    when: 'GET /Webhook/{id} with $select "", ",", then " Name , State "',
    then: 'the first two answer what GET without $select does; the third keeps Name and State and nulls Events',
    tags: ['choice', 'select'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook();
      const { body: whole } = await getWebhook(ctx, hook.id);
      const { _Links: _links, ...fields } = whole;
      for (const $select of ['', ',']) {
        const { res } = await getWebhook(ctx, hook.id, { query: { $select } });
        expectFields(ctx, res, fields, `$select=${JSON.stringify($select)}`);
      }
      const res = await ctx.request('GET', `${REST}/${hook.id}`, {
        query: { $select: ' Name , State ' },
      });
      ctx.expectStatus(res, 200);
      expectFields(
        ctx,
        res,
        { Name: hook.name, State: 'Active', Events: null },
        '$select=" Name , State "',
      );
    },
  },
  {
    id: 'select.selections-apart',
    area: 'select-and-filters',
    title: 'Two $select of one unchanged webhook each answer their own fields',
    source: 'spec C8',
    given: 'a webhook this run created, not changed between the reads',
    when: 'GET /Webhook/{id} with $select=Name, then $select=TargetUrl',
    then: 'the first has Name and a null TargetUrl, the second TargetUrl and a null Name',
    tags: ['choice', 'select'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook();
      const byName = await ctx.request('GET', `${REST}/${hook.id}`, { query: { $select: 'Name' } });
      ctx.expectStatus(byName, 200);
      expectFields(ctx, byName, { Name: hook.name, TargetUrl: null }, '$select=Name');
      const byTarget = await ctx.request('GET', `${REST}/${hook.id}`, {
        query: { $select: 'TargetUrl' },
      });
      ctx.expectStatus(byTarget, 200);
      expectFields(ctx, byTarget, { Name: null, TargetUrl: hook.targetUrl }, '$select=TargetUrl');
    },
  },
];
