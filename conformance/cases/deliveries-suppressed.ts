// Who is NOT delivered to: Stopped and deleted webhooks, and webhooks listening for other
// events; and a Stopped webhook set Active again is delivered to (docs/sources.md §0.3, §3d, §4).
// "Nothing arrived" is judged against a barrier — an Active webhook on the same event whose
// delivery arrives first — and then a quiet window derived from how long that delivery took
// (quiet-window.ts), so a stray delivery a moment after the barrier is still seen.
import type { CaseContext, ConformanceCase, CreatedWebhook } from '../types.js';
import { awaitDelivery, nonTest, signalEvent } from './delivery-waits.js';
import { REST } from './surfaces.js';
import { quietWindow } from './quiet-window.js';

const area = 'deliveries';

/** Signals `event`, waits until the barrier webhook has received it; the latency observed. */
async function signalPastBarrier(ctx: CaseContext, event: string, barrierSuffix: string) {
  const sent = performance.now();
  await signalEvent(ctx, event, 1);
  const barrier = await awaitDelivery(ctx, ctx.receiverPath(barrierSuffix));
  return barrier.receivedAt - sent;
}

async function expectNothingAt(ctx: CaseContext, latencyMs: number, suffix: string, what: string) {
  const { windowMs, strays } = await quietWindow(ctx, latencyMs, nonTest(ctx.receiverPath(suffix)));
  ctx.check(
    strays.length === 0,
    `${what} received ${strays.length} delivery(ies) within the quiet window of ${windowMs} ms`,
  );
}

async function barrierAnd(ctx: CaseContext, input: Record<string, unknown>) {
  const barrier = await ctx.createWebhook({ Name: 'barrier', TargetUrl: ctx.targetUrl('barrier') });
  const other: CreatedWebhook = await ctx.createWebhook({
    Name: 'other',
    Events: [barrier.event],
    TargetUrl: ctx.targetUrl('other'),
    ...input,
  });
  return { barrier, other };
}

function suppressedCase(
  id: string,
  title: string,
  source: string,
  given: string,
  prepare: (ctx: CaseContext) => Promise<string>,
): ConformanceCase {
  return {
    id,
    area,
    title,
    source,
    given,
    when: 'the event is signalled and an Active webhook on it has received it',
    then: 'the other webhook received nothing, within a quiet window after the barrier',
    tags: ['doc', 'deliveries', 'receiver'],
    mutates: true,
    needsReceiver: true,
    async run(ctx) {
      const event = await prepare(ctx);
      const latencyMs = await signalPastBarrier(ctx, event, 'barrier');
      await expectNothingAt(ctx, latencyMs, 'other', 'the other webhook');
    },
  };
}

export const suppressedDeliveryCases: ConformanceCase[] = [
  suppressedCase(
    'deliveries.none-when-stopped',
    'A Stopped webhook gets no deliveries',
    'reference §3d',
    'an Active and a Stopped webhook on the same event',
    async (ctx) => (await barrierAnd(ctx, { State: 'Stopped' })).barrier.event,
  ),
  suppressedCase(
    'deliveries.none-when-deleted',
    'A deleted webhook gets no deliveries',
    'reference §1a R6',
    'an Active webhook and a deleted one on the same event',
    async (ctx) => {
      const { barrier, other } = await barrierAnd(ctx, {});
      ctx.expectStatus(await ctx.request('DELETE', `${REST}/${other.id}`), 204);
      return barrier.event;
    },
  ),
  suppressedCase(
    'deliveries.only-subscribed-events',
    'Webhooks get only the events they listen for',
    'reference §4',
    'an Active webhook on the event and one on a different event',
    async (ctx) => {
      const { barrier } = await barrierAnd(ctx, { Events: [ctx.eventName('different')] });
      return barrier.event;
    },
  ),
  {
    id: 'deliveries.resume-when-reactivated',
    area,
    title: 'A Stopped webhook set Active again is delivered to',
    source: 'reference §3d',
    given: 'a Stopped webhook on the receiver',
    when: 'PATCH State to Active, then signal its event',
    then: 'the delivery arrives',
    tags: ['doc', 'deliveries', 'receiver'],
    mutates: true,
    needsReceiver: true,
    async run(ctx) {
      const hook = await ctx.createWebhook({ State: 'Stopped' });
      const res = await ctx.request('PATCH', `${REST}/${hook.id}`, {
        body: [{ op: 'replace', path: '/State', value: 'Active' }],
      });
      ctx.expectStatus(res, 200);
      await signalEvent(ctx, hook.event, 1);
      await awaitDelivery(ctx, ctx.receiverPath());
    },
  },
];
