// Signalling the target and watching the receiver for what it delivers.
import type { Delivery } from '../receiver.js';
import type { CaseContext } from '../types.js';
import { AGENT } from './surfaces.js';
import { getWebhook } from './webhook-reads.js';

export const nonTest =
  (path: string) =>
  (d: Delivery): boolean =>
    d.path === path && !d.isTest;

/** Waits for a delivery at `path` (the save-time `test` ping excluded unless asked for). */
export async function awaitDelivery(
  ctx: CaseContext,
  path: string,
  match: (d: Delivery) => boolean = nonTest(path),
): Promise<Delivery> {
  const receiver = ctx.requireReceiver();
  const found = await receiver.waitFor(match, ctx.deliveryTimeoutMs, ctx.signal);
  if (found) return found;
  const seen = receiver.deliveries(path).length;
  return ctx.fail(
    `no matching delivery reached ${path} within ${ctx.deliveryTimeoutMs / 1000} s (${seen} other request(s) there)`,
  );
}

export async function signalEvent(
  ctx: CaseContext,
  eventName: string,
  primaryKey: number,
  data: Record<string, unknown> = {},
): Promise<void> {
  const res = await ctx.request('POST', `${AGENT}/SignalEvent`, {
    body: { EventName: eventName, PrimaryKey: primaryKey, Data: data },
  });
  ctx.expectStatus(res, 204, 'SignalEvent');
}

/** The delivery as evidence: what the target sent to the receiver. */
export function deliveryEvidence(ctx: CaseContext, d: Delivery) {
  return {
    request: {
      method: d.method,
      url: ctx.requireReceiver().url + d.path,
      headers: d.headers,
      body: d.raw.toString('utf8'),
    },
  };
}

/** Polls `probe` until it returns a value, at most `timeoutMs`; undefined when it never does. */
export async function pollFor<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined || Date.now() >= deadline || signal.aborted) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Waits until the webhook's State is `state`, within the delivery timeout; checks that it got
 * there (the failure says what it is instead, then `after`) and answers the webhook as last read.
 */
export async function awaitState(ctx: CaseContext, id: number, state: string, after = '') {
  const reached = await pollFor(
    async () => ((await getWebhook(ctx, id)).body.State === state ? true : undefined),
    ctx.deliveryTimeoutMs,
    ctx.signal,
  );
  const { res, body } = await getWebhook(ctx, id);
  ctx.check(reached, `State is ${JSON.stringify(body.State)}, expected "${state}"${after}`, res);
  return body;
}

/** The attempt after `previous`, allowing the documented delay on top of the timeout. */
export async function nextAttempt(ctx: CaseContext, previous: Delivery, delayMs: number) {
  const path = ctx.receiverPath();
  const waitMs = ctx.deliveryTimeoutMs + delayMs * ctx.timeScale * 3;
  const next = await ctx
    .requireReceiver()
    .waitFor((d) => nonTest(path)(d) && d.receivedAt > previous.receivedAt, waitMs, ctx.signal);
  if (next) return next;
  return ctx.fail(
    `no retry reached ${path} within ${waitMs / 1000} s after an attempt answered ${previous.answered}`,
    deliveryEvidence(ctx, previous),
  );
}
