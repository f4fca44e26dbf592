// What a delivery does to its webhook: the statistics the reference lists (TotalCalls,
// TotalErrors, ConsecutiveErrors, LastError), disabling after too many failures, and the
// notifications that go with it (docs/sources.md §2, §3d).
import type { WebhookRecord } from '../domain/webhook.js';
import type { DeliveryAttempt, DeliveryRecord } from '../store/state.js';
import type { StateStore } from '../store/state-store.js';
import { describeAttempt, type DeliveryAttemptResult } from './deliver.js';
import { notify } from './notify.js';
import { afterCycle, type CycleResult } from './retry-policy.js';

export type FireErrors = (event: string, webhook: WebhookRecord) => Promise<void>;

/** An attempt as the delivery log keeps it. */
export function attemptRecord(at: Date, result: DeliveryAttemptResult): DeliveryAttempt {
  return {
    At: at.toISOString(),
    Status: result.status ?? null,
    Error: result.error ?? null,
    LatencyMs: result.latencyMs,
    ResponseHeaders: result.responseHeaders ?? {},
    ResponseBody: result.responseBody ?? '',
  };
}

/** A crmscript hook runs inside the CRM: a call, never an error the mock could see. */
export async function countCall(store: StateStore, webhookId: number): Promise<void> {
  const webhook = store.get(webhookId);
  if (webhook) await store.replace({ ...webhook, TotalCalls: webhook.TotalCalls + 1 });
}

/**
 * LastError is the "most recent error from target" (docs/sources.md §2) even when a later attempt
 * of the cycle succeeds, so every failed attempt writes it.
 */
export async function noteError(
  store: StateStore,
  webhookId: number,
  result: DeliveryAttemptResult,
): Promise<void> {
  const webhook = store.get(webhookId);
  if (webhook) await store.replace({ ...webhook, LastError: describeAttempt(result) });
}

export interface Settlement {
  store: StateStore;
  at: Date;
  fireErrors: FireErrors;
}

/** Counters after a cycle; mail and `webhook{id}.errors` when it disabled the hook. */
export async function settleCycle(
  { store, at, fireErrors }: Settlement,
  delivery: DeliveryRecord,
  result: CycleResult,
  attempts: number,
  last: DeliveryAttemptResult,
): Promise<void> {
  const webhook = store.get(delivery.WebhookId);
  if (!webhook) return;
  const update = afterCycle(webhook, result, attempts);
  const lastError = result === 'success' ? webhook.LastError : describeAttempt(last);
  const next: WebhookRecord = { ...webhook, ...update.counters, LastError: lastError };
  await store.replace(next);
  const context = { eventId: delivery.EventId, at };
  if (update.counters.ConsecutiveErrors === 1 && result !== 'success') {
    await notify(store, next, 'first-failure', context);
  }
  if (update.disabledNow) {
    await notify(store, next, 'disabled', context);
    await fireErrors(`webhook${next.WebhookId}.errors`, next).catch(() => undefined);
  }
}

/** The save-time and TestWebhook pings are logged like deliveries, with their one attempt. */
export async function logTest(
  store: StateStore,
  at: Date,
  ping: { webhook: WebhookRecord; eventId: string; headers: Record<string, string>; body: string },
  result: DeliveryAttemptResult,
): Promise<void> {
  await store.addDelivery({
    WebhookId: ping.webhook.WebhookId,
    WebhookName: ping.webhook.Name,
    Kind: 'test',
    Event: 'test',
    EventId: ping.eventId,
    Url: ping.webhook.TargetUrl ?? '',
    RequestHeaders: ping.headers,
    Body: ping.body,
    State: result.ok ? 'succeeded' : 'failed',
    Attempts: [attemptRecord(at, result)],
    NextAttemptAt: null,
    CreatedAt: at.toISOString(),
    ReplayOf: null,
  });
}
