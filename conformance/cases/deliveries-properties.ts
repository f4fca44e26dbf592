// The delivery body at its edges (docs/sources.md §3b): a webhook's Properties join it as extra
// keys but never in place of a documented key (spec C14; .NET receivers bind property names
// without regard to case, so a Property named `event` must not replace Event); a SignalEvent
// without Data; custom event names that look like state events (§4: sent as they are).
import { payloadProblems } from '../payload-check.js';
import type { CaseContext, ConformanceCase } from '../types.js';
import { PRIMARY_KEY, deliveryCase } from './delivery-support.js';
import { awaitDelivery, deliveryEvidence, signalEvent } from './delivery-waits.js';
import { AGENT } from './surfaces.js';

/** The documented keys of a delivery body (docs/sources.md §3b). */
const DOCUMENTED = [
  'EventId',
  'Timestamp',
  'Changes',
  'Values',
  'Event',
  'PrimaryKey',
  'Entity',
  'ContextIdentifier',
  'ChangedByAssociateId',
  'WebhookName',
  'FieldValues',
];
const SENTINEL = 'soconf-overwritten';

/** A Property for every documented key, every other one in another casing, beside the run's own. */
const clashing = (ctx: CaseContext, extra: Record<string, unknown>) => ({
  ...Object.fromEntries(
    DOCUMENTED.map((key, i) => [i % 2 === 0 ? key : key.toLowerCase(), SENTINEL]),
  ),
  soconfRun: ctx.runId,
  ...extra,
});

/** Every way `body` lets a Property stand in for a documented key, or lacks one of `wanted`. */
function clashProblems(body: Record<string, unknown>, wanted: Record<string, unknown>): string[] {
  const documented = new Set(DOCUMENTED.map((key) => key.toLowerCase()));
  return [
    ...Object.entries(body)
      .filter(
        ([key, value]) =>
          documented.has(key.toLowerCase()) && (value === SENTINEL || !DOCUMENTED.includes(key)),
      )
      .map(([key]) => `the Property ${key} took the place of a documented key`),
    ...Object.entries(wanted)
      .filter(([key, value]) => JSON.stringify(body[key]) !== JSON.stringify(value))
      .map(([key]) => `${key} is ${JSON.stringify(body[key])}`),
  ];
}

export const propertyCases: ConformanceCase[] = [
  deliveryCase(
    'deliveries.properties-keep-documented-keys',
    'A Property named like a documented key never replaces it',
    'spec C14',
    [
      'two Active webhooks on one event whose Properties name every documented key (in either casing) beside soconfRun (one also a key "0")',
      'SignalEvent for the event with Data { soconfField }',
      'no documented key holds a Property, none appears in another casing; Event, WebhookName, PrimaryKey, EventId, FieldValues as sent; soconfRun (and "0") carried',
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
      await signalEvent(ctx, event, PRIMARY_KEY, { soconfField: 'p' });
      for (const { hook, suffix, extra } of hooks) {
        const delivery = await awaitDelivery(ctx, ctx.receiverPath(suffix));
        const body = (delivery.body ?? {}) as Record<string, unknown>;
        const problems = clashProblems(body, {
          Event: event,
          WebhookName: hook.name,
          PrimaryKey: PRIMARY_KEY,
          EventId: delivery.headers['x-superoffice-eventid'],
          FieldValues: { soconfField: 'p' },
          soconfRun: ctx.runId,
          ...extra,
        });
        ctx.check(
          problems.length === 0,
          `${suffix}: ${problems.join('; ')}`,
          deliveryEvidence(ctx, delivery),
        );
      }
    },
    ['choice'],
  ),
  deliveryCase(
    'deliveries.signal-without-data',
    'A SignalEvent without Data is delivered in the documented shape',
    'seeds/002_569939bd557dcdf8.txt',
    [
      'an Active webhook on the receiver',
      'SignalEvent { EventName, PrimaryKey } (Data left out: only EventName is required)',
      'the delivery is JSON in the documented shape',
    ],
    async (ctx) => {
      const hook = await ctx.createWebhook();
      const res = await ctx.request('POST', `${AGENT}/SignalEvent`, {
        body: { EventName: hook.event, PrimaryKey: PRIMARY_KEY },
      });
      ctx.expectStatus(res, 204, 'SignalEvent');
      const delivery = await awaitDelivery(ctx, ctx.receiverPath());
      const problems = payloadProblems(delivery, {
        event: hook.event,
        primaryKey: PRIMARY_KEY,
        webhookName: hook.name,
      });
      ctx.check(problems.length === 0, problems.join('; '), deliveryEvidence(ctx, delivery));
    },
  ),
  deliveryCase(
    'deliveries.custom-event-named-like-state-event',
    'A custom event whose name contains webhook{n}.stopped is sent as it is',
    'reference §4',
    [
      'Active webhooks on the custom events <run>.webhook7.stopped and webhook7.stopped.<run>',
      'SignalEvent for each',
      'each delivery says its own event name as Event, and the Entity before its last dot',
    ],
    async (ctx) => {
      const events = [`${ctx.eventName()}.webhook7.stopped`, `webhook7.stopped.${ctx.eventName()}`];
      for (const [i, event] of events.entries()) {
        const hook = await ctx.createWebhook({
          Name: ctx.name(`like-${i}`),
          Events: [event],
          TargetUrl: ctx.targetUrl(`like-${i}`),
        });
        await signalEvent(ctx, event, PRIMARY_KEY);
        const delivery = await awaitDelivery(ctx, ctx.receiverPath(`like-${i}`));
        const problems = payloadProblems(delivery, {
          event,
          primaryKey: PRIMARY_KEY,
          webhookName: hook.name,
        });
        ctx.check(problems.length === 0, problems.join('; '), deliveryEvidence(ctx, delivery));
      }
    },
  ),
];
