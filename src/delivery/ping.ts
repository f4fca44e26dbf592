// The `test` event a save sends before storing a webhook, and TestWebhook sends on request
// (docs/sources.md §2c, §3a: X-Hook-Test: true). Logged in the delivery log like any attempt.
import type { Clock } from '../platform/clock.js';
import type { WebhookRecord } from '../domain/webhook.js';
import type { StateStore } from '../store/state-store.js';
import type { Deliver, DeliveryAttemptResult } from './deliver.js';
import { serializePayload, testPayload } from './payload.js';
import { attemptHeaders } from './attempt-headers.js';
import { logTest } from './statistics.js';

export interface PingDeps {
  store: StateStore;
  clock: Clock;
  deliver: Deliver;
  newId: () => string;
  timeoutMs: number;
  standardAt: () => { standardWebhooksAt?: number };
}

export async function pingTarget(
  deps: PingDeps,
  webhook: WebhookRecord,
): Promise<DeliveryAttemptResult> {
  const { store, clock } = deps;
  const eventId = deps.newId();
  const body = serializePayload(
    testPayload({
      eventId,
      timestamp: clock.now(),
      contextIdentifier: store.contextIdentifier(),
      changedByAssociateId: 0,
      webhook,
    }),
  );
  const headers = attemptHeaders({
    webhook,
    event: 'test',
    eventId,
    body,
    retry: 0,
    test: true,
    ...deps.standardAt(),
  });
  const url = webhook.TargetUrl ?? '';
  const lane = store.contextIdentifier();
  const result = await deps.deliver({ url, headers, body, timeoutMs: deps.timeoutMs, lane });
  await logTest(store, clock.now(), { webhook, eventId, headers, body }, result);
  return result;
}
