// Shared by the delivery case files: create a webhook on the receiver, signal its event, and
// wait for what arrives (docs/sources.md §3; SignalEvent per docs/sources.md seed 002).
import type { CaseContext, ConformanceCase, WebhookInput } from '../types.js';
import { awaitDelivery, signalEvent } from './delivery-waits.js';

const area = 'deliveries';
export const PRIMARY_KEY = 4711;

/** Creates a webhook on the receiver, signals its event and returns the first delivery. */
export async function deliver(ctx: CaseContext, input: WebhookInput = {}, data = {}) {
  const hook = await ctx.createWebhook(input);
  await signalEvent(ctx, hook.event, PRIMARY_KEY, data);
  const delivery = await awaitDelivery(ctx, ctx.receiverPath());
  return { hook, delivery };
}

export function deliveryCase(
  id: string,
  title: string,
  source: string,
  gwt: [string, string, string],
  check: (ctx: CaseContext) => Promise<void>,
  tags: string[] = ['doc'],
): ConformanceCase {
  const [given, when, then] = gwt;
  return {
    id,
    area,
    title,
    source,
    given,
    when,
    then,
    tags: [...tags, 'deliveries', 'receiver'],
    mutates: true,
    needsReceiver: true,
    run: check,
  };
}

/** A case that mostly waits out retry delays on its own webhook: it runs alongside the others. */
export const concurrently = (testCase: ConformanceCase): ConformanceCase => ({
  ...testCase,
  concurrent: true,
});

export const SIGNALLED = 'SignalEvent for its event';
