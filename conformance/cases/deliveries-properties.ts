// A webhook's Properties join the delivery body as extra keys, but never in place of a
// documented key (spec C14; docs/sources.md §2, §3b): .NET receivers bind property names
// without regard to case, so a Property named `event` or `WebhookName` must not replace them.
import type { CaseContext, ConformanceCase } from '../types.js';
import { PRIMARY_KEY, deliveryCase } from './delivery-support.js';
import { awaitDelivery, deliveryEvidence, signalEvent } from './delivery-waits.js';

/** Properties that name documented keys (in other casings too) beside one of the run's own. */
const clashing = (ctx: CaseContext, extra: Record<string, unknown>) => ({
  Event: 'soconf.overwritten',
  webhookname: 'soconf overwritten',
  PRIMARYKEY: 9,
  soconfRun: ctx.runId,
  ...extra,
});

export const propertyCases: ConformanceCase[] = [
  deliveryCase(
    'deliveries.properties-keep-documented-keys',
    'A Property named like a documented key never replaces it',
    'spec C14',
    [
      'two Active webhooks on one event whose Properties name Event, webhookname and PRIMARYKEY beside soconfRun (one also a key "0")',
      'SignalEvent for the event',
      'each delivery keeps its Event, WebhookName and PrimaryKey, and carries soconfRun (and "0")',
    ],
    async (ctx) => {
      const event = ctx.eventName();
      const hooks = [];
      // A key like "0" is an array index to JavaScript, ordered before every other key.
      for (const [suffix, extra] of [
        ['plain', {}],
        ['index', { 0: 'zero' }],
      ] as const) {
        const hook = await ctx.createWebhook({
          Name: ctx.name(suffix),
          Events: [event],
          TargetUrl: ctx.targetUrl(suffix),
          Properties: clashing(ctx, extra),
        });
        hooks.push({ hook, suffix, extra });
      }
      await signalEvent(ctx, event, PRIMARY_KEY);
      for (const { hook, suffix, extra } of hooks) {
        const delivery = await awaitDelivery(ctx, ctx.receiverPath(suffix));
        const body = (delivery.body ?? {}) as Record<string, unknown>;
        const problems = [
          ...(body.Event === event ? [] : [`Event is ${JSON.stringify(body.Event)}`]),
          ...(body.WebhookName === hook.name
            ? []
            : [`WebhookName is ${JSON.stringify(body.WebhookName)}`]),
          ...(body.PrimaryKey === PRIMARY_KEY ? [] : [`PrimaryKey is ${String(body.PrimaryKey)}`]),
          ...Object.entries({ soconfRun: ctx.runId, ...extra })
            .filter(([key, value]) => body[key] !== value)
            .map(([key]) => `the Property ${key} is missing`),
        ];
        ctx.check(
          problems.length === 0,
          `${suffix}: ${problems.join('; ')}`,
          deliveryEvidence(ctx, delivery),
        );
      }
    },
    ['choice'],
  ),
];
