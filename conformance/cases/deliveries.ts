// Deliveries arrive: a signalled event reaches every Active webhook listening for it, each its
// own POST with the documented headers and payload (docs/sources.md §1a R9, §2c, §3a, §3b, §4;
// docs/sources.md seed 002).
import { headerProblems, payloadProblems, testPingProblems } from '../payload-check.js';
import type { ConformanceCase, CreatedWebhook } from '../types.js';
import { PRIMARY_KEY, SIGNALLED, deliver, deliveryCase } from './delivery-support.js';
import { awaitDelivery, deliveryEvidence, signalEvent } from './delivery-waits.js';

export const deliveryCases: ConformanceCase[] = [
  deliveryCase(
    'deliveries.test-ping-on-save',
    'Saving sends the test event to TargetUrl',
    'reference §2c',
    [
      'a new webhook on the receiver',
      'POST /api/v1/Webhook',
      'the receiver got a POST with X-Hook-Test: true, X-SuperOffice-Event and Event "test", Retry 0, PrimaryKey 0, Entity "test", Changes []',
    ],
    async (ctx) => {
      await ctx.createWebhook();
      const ping = await awaitDelivery(
        ctx,
        ctx.receiverPath(),
        (d) => d.path === ctx.receiverPath() && d.isTest,
      );
      const hookTest = ping.headers['x-hook-test'];
      ctx.check(
        hookTest === 'true',
        `X-Hook-Test is ${String(hookTest)}`,
        deliveryEvidence(ctx, ping),
      );
      ctx.check(
        ping.headers['x-superoffice-event'] === 'test' &&
          ping.headers['x-superoffice-retry'] === '0',
        `X-SuperOffice-Event is ${String(ping.headers['x-superoffice-event'])} and X-SuperOffice-Retry ${String(ping.headers['x-superoffice-retry'])}, expected test and 0`,
        deliveryEvidence(ctx, ping),
      );
      // The test event's body (§3b, §4): PrimaryKey 0, Entity `test`, no Changes.
      const problems = testPingProblems(ping);
      ctx.check(problems.length === 0, problems.join('; '), deliveryEvidence(ctx, ping));
    },
  ),
  deliveryCase(
    'deliveries.arrives',
    'A signalled event is delivered',
    'seeds/002_569939bd557dcdf8.txt',
    ['an Active webhook on the receiver', SIGNALLED, 'one POST reaches its TargetUrl'],
    async (ctx) => void (await deliver(ctx)),
  ),
  deliveryCase(
    'deliveries.target-host-name',
    'A TargetUrl naming its host by name is delivered to the address the name resolves to',
    'seeds/002_569939bd557dcdf8.txt',
    [
      'an Active webhook whose TargetUrl names the receiver (at 127.0.0.1) as localhost',
      SIGNALLED,
      'one POST reaches its TargetUrl',
    ],
    async (ctx) => {
      const url = new URL(ctx.targetUrl());
      if (url.hostname !== '127.0.0.1') {
        ctx.skip(
          `the receiver is reached at ${url.hostname}, which has no name every host resolves`,
        );
      }
      url.hostname = 'localhost';
      await deliver(ctx, { TargetUrl: url.href });
    },
  ),
  deliveryCase(
    'deliveries.headers',
    'Deliveries carry the documented headers',
    'reference §3a',
    [
      'an Active webhook on the receiver',
      SIGNALLED,
      'Content-Type JSON, User-Agent NetServer-Webhook/…, X-SuperOffice-Event and -EventId',
    ],
    async (ctx) => {
      const { hook, delivery } = await deliver(ctx);
      const problems = headerProblems(delivery, {
        event: hook.event,
        primaryKey: PRIMARY_KEY,
        webhookName: hook.name,
      });
      ctx.check(problems.length === 0, problems.join('; '), deliveryEvidence(ctx, delivery));
    },
  ),
  deliveryCase(
    'deliveries.payload-shape',
    'The payload has the documented shape',
    'reference §3b',
    [
      'an Active webhook on the receiver',
      SIGNALLED,
      'EventId, Timestamp, Changes, Event, PrimaryKey, Entity (the event up to its last dot), ContextIdentifier (the customer id the target URL names, e.g. Cust12345, if any), ChangedByAssociateId, WebhookName as documented',
    ],
    async (ctx) => {
      const { hook, delivery } = await deliver(ctx);
      const problems = payloadProblems(delivery, {
        event: hook.event,
        primaryKey: PRIMARY_KEY,
        webhookName: hook.name,
        tenant: ctx.tenant,
      });
      ctx.check(problems.length === 0, problems.join('; '), deliveryEvidence(ctx, delivery));
    },
  ),
  deliveryCase(
    'deliveries.every-listener',
    'Every webhook listening for the event gets its own delivery',
    'reference §4',
    [
      'two Active webhooks on the same event, each on its own receiver path',
      SIGNALLED,
      "each path receives a delivery with its own webhook's WebhookName",
    ],
    async (ctx) => {
      const event = ctx.eventName();
      const hooks: Array<{ hook: CreatedWebhook; path: string }> = [];
      for (const suffix of ['listener-a', 'listener-b']) {
        const hook = await ctx.createWebhook({
          Name: suffix,
          Events: [event],
          TargetUrl: ctx.targetUrl(suffix),
        });
        hooks.push({ hook, path: ctx.receiverPath(suffix) });
      }
      await signalEvent(ctx, event, PRIMARY_KEY);
      // Both are awaited: a server that sent the second webhook's delivery twice, or one
      // webhook's body to the other's URL, leaves one path without its own.
      for (const { hook, path } of hooks) {
        const delivery = await awaitDelivery(ctx, path);
        const name = (delivery.body as { WebhookName?: unknown }).WebhookName;
        ctx.check(
          name === hook.name,
          `the delivery to ${path} names WebhookName ${JSON.stringify(name)}, expected ${JSON.stringify(hook.name)}`,
          deliveryEvidence(ctx, delivery),
        );
      }
    },
  ),
  deliveryCase(
    'deliveries.rest-signal',
    'POST /Webhook/{eventName}/{primaryKey} delivers too',
    'reference §1a R9',
    [
      'an Active webhook on the receiver',
      'POST /api/v1/Webhook/{event}/77',
      'a delivery with Event and PrimaryKey 77',
    ],
    async (ctx) => {
      const hook = await ctx.createWebhook();
      const res = await ctx.request('POST', `/api/v1/Webhook/${hook.event}/77`, { body: {} });
      ctx.expectStatus(res, 204);
      const delivery = await awaitDelivery(ctx, ctx.receiverPath());
      const body = delivery.body as Record<string, unknown>;
      const ok = body.Event === hook.event && body.PrimaryKey === 77;
      ctx.check(
        ok,
        `Event ${String(body.Event)}, PrimaryKey ${String(body.PrimaryKey)}`,
        deliveryEvidence(ctx, delivery),
      );
    },
  ),
];
