// What `Type` names (reference §3e; spec C21): a `crmscript` hook's TargetUrl is the script's
// include name, not a URL; `webhook` and `crmscript` are stored in lower case whatever the case
// sent; any other plugin name is stored as sent. And webhooks with no Name or no Events do not
// upset the filters or the fan-out of a signal.
import type { ConformanceCase } from '../types.js';
import { deliveryCase, deliver } from './delivery-support.js';
import { REST } from './surfaces.js';
import { pollFor, signalEvent } from './delivery-waits.js';
import { getWebhook, listedIds } from './webhook-reads.js';

export const pluginTypeCases: ConformanceCase[] = [
  {
    id: 'save.type-names',
    area: 'save',
    title: 'webhook and crmscript in any case are stored lower-case; other plugin names as sent',
    source: 'spec C21',
    given:
      'new webhooks of Type "CRMScript" (TargetUrl an include name), "WebHook" and "Soconf-Plugin"',
    when: 'POST /api/v1/Webhook for each, then GET /api/v1/Webhook/{id}',
    then: '200 each; Type reads crmscript, webhook and Soconf-Plugin; the script name is kept',
    tags: ['choice', 'save'],
    mutates: true,
    async run(ctx) {
      const sent = [
        { Type: 'CRMScript', TargetUrl: `ScriptHook${ctx.runId}`, expected: 'crmscript' },
        { Type: 'WebHook', TargetUrl: ctx.targetUrl(), expected: 'webhook' },
        // Not pinged on save (C21), so an address nobody answers is fine.
        {
          Type: 'Soconf-Plugin',
          TargetUrl: 'https://soconf.invalid/hook',
          expected: 'Soconf-Plugin',
        },
      ];
      for (const { Type, TargetUrl, expected } of sent) {
        const hook = await ctx.createWebhook({ Type, TargetUrl });
        const { res, body } = await getWebhook(ctx, hook.id);
        ctx.check(
          body.Type === expected && body.TargetUrl === TargetUrl,
          `Type ${Type} was stored as ${JSON.stringify(body.Type)} with TargetUrl ${JSON.stringify(body.TargetUrl)}; expected ${expected} and ${TargetUrl}`,
          res,
        );
      }
    },
  },
  deliveryCase(
    'filters.unnamed-and-eventless',
    'Webhooks with Name or Events null are skipped by the filters and by a signal',
    'reference §1a',
    [
      'a webhook with Name null, one with Events null, and a named one on the receiver',
      'GET /Webhook?nameFilter=<the named one>, ?eventFilter=<its event>; SignalEvent for its event',
      'each filter lists only the named one, and its delivery arrives',
    ],
    async (ctx) => {
      for (const blank of [{ Name: null }, { Events: null }]) {
        const res = await ctx.request('POST', REST, {
          body: {
            Name: ctx.name('blank'),
            Events: [ctx.eventName('blank')],
            TargetUrl: ctx.targetUrl('blank'),
            ...blank,
          },
        });
        ctx.expectStatus(res, 200, `POST with ${JSON.stringify(blank)}`);
        const id = (res.body as { WebhookId?: unknown }).WebhookId;
        if (typeof id === 'number') ctx.track(id);
      }
      const { hook } = await deliver(ctx);
      const queries: Record<string, string>[] = [
        { nameFilter: hook.name },
        { eventFilter: hook.event },
      ];
      for (const query of queries) {
        const { res, ids } = await listedIds(ctx, query);
        ctx.check(
          ids.length === 1 && ids[0] === hook.id,
          `${JSON.stringify(query)} listed ${JSON.stringify(ids)}, expected [${hook.id}]`,
          res,
        );
      }
    },
  ),
  {
    id: 'deliveries.crmscript-counted',
    area: 'deliveries',
    title: 'A signal to a crmscript hook counts one call and no error',
    source: 'spec C39',
    given: 'a new webhook of Type crmscript (TargetUrl a script include name)',
    when: 'SignalEvent for its event',
    then: 'TotalCalls grows by 1, TotalErrors and ConsecutiveErrors stay, State stays Active',
    tags: ['choice', 'deliveries'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook({
        Type: 'crmscript',
        TargetUrl: `ScriptHook${ctx.runId}`,
      });
      const { body: before } = await getWebhook(ctx, hook.id);
      if (typeof before.TotalCalls !== 'number')
        ctx.skip('the target has no v11+ delivery counters');
      await signalEvent(ctx, hook.event, 1);
      const counted = await pollFor(
        async () => {
          const { res, body } = await getWebhook(ctx, hook.id);
          return body.TotalCalls !== before.TotalCalls ? { res, body } : undefined;
        },
        ctx.deliveryTimeoutMs,
        ctx.signal,
      );
      if (!counted) return ctx.fail('TotalCalls never counted the script invocation');
      const { res, body } = counted;
      const same = (k: string) => body[k] === before[k];
      ctx.check(
        body.TotalCalls === Number(before.TotalCalls) + 1 &&
          same('TotalErrors') &&
          same('ConsecutiveErrors') &&
          body.State === 'Active',
        `TotalCalls ${String(before.TotalCalls)} → ${String(body.TotalCalls)}, TotalErrors ${String(body.TotalErrors)}, ConsecutiveErrors ${String(body.ConsecutiveErrors)}, State ${String(body.State)}`,
        res,
      );
    },
  },
];
