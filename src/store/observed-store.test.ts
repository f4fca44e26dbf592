import { describe, expect, it } from 'vitest';
import { defaultWebhook } from '../domain/webhook.js';
import { memoryStore } from './memory-store.js';
import { observeStore, type StoreChange } from './observed-store.js';
import { emptyState, type DeliveryRecord } from './state.js';

const draft: Omit<DeliveryRecord, 'DeliveryId'> = {
  WebhookId: 1,
  WebhookName: 'hook',
  Kind: 'webhook',
  Event: 'contact.created',
  EventId: 'e1',
  Url: 'http://127.0.0.1:1/',
  RequestHeaders: {},
  Body: '{}',
  State: 'pending',
  Attempts: [],
  NextAttemptAt: null,
  CreatedAt: '2024-01-01T00:00:00.000Z',
  ReplayOf: null,
};

function observed() {
  const store = observeStore(memoryStore());
  const changes: StoreChange[] = [];
  const stop = store.subscribe((change) => changes.push(change));
  return { store, changes, stop };
}

describe('observeStore', () => {
  it('reports webhook writes with the stored record', async () => {
    const { store, changes } = observed();
    const record = await store.insert({ ...defaultWebhook(), Name: 'a' });
    await store.replace({ ...record, TotalCalls: 3 });
    expect(await store.remove(record.WebhookId)).toBe(true);
    expect(await store.remove(record.WebhookId)).toBe(false);
    expect(changes).toEqual([
      { kind: 'webhook', webhook: { ...record } },
      { kind: 'webhook', webhook: { ...record, TotalCalls: 3 } },
      { kind: 'webhook-removed', webhookId: record.WebhookId },
    ]);
  });

  it('reports deliveries as they are added and updated', async () => {
    const { store, changes } = observed();
    const added = await store.addDelivery(draft);
    await store.updateDelivery(added.DeliveryId, (d) => ({ ...d, State: 'succeeded' }));
    expect(changes.map((c) => c.kind === 'delivery' && c.delivery.State)).toEqual([
      'pending',
      'succeeded',
    ]);
    expect(store.delivery(added.DeliveryId)?.State).toBe('succeeded');
  });

  it('reports signals and resets, and stops after unsubscribe', async () => {
    const { store, changes, stop } = observed();
    await store.recordSignal({
      EventId: 'e',
      Event: 'x',
      PrimaryKey: 1,
      Data: null,
      SignalledAt: '2024-01-01T00:00:00.000Z',
      ChangedByAssociateId: 0,
      Matched: [],
    });
    await store.reset(emptyState());
    stop();
    await store.insert(defaultWebhook());
    expect(changes.map((c) => c.kind)).toEqual(['signal', 'reset']);
  });

  it('keeps the write when a listener throws', async () => {
    const { store, changes } = observed();
    store.subscribe(() => {
      throw new Error('closed stream');
    });
    const record = await store.insert(defaultWebhook());
    expect(store.get(record.WebhookId)).toEqual(record);
    expect(changes).toHaveLength(1);
  });

  it('passes reads and the outbox through to the store it wraps', async () => {
    const inner = memoryStore({ ...emptyState(), contextIdentifier: 'Cust1' });
    const store = observeStore(inner);
    await store.addMail({ WebhookId: 1, To: [], Subject: 's', Body: 'b', SentAt: 'now' });
    expect(store.contextIdentifier()).toBe('Cust1');
    expect(store.outbox()).toBe(inner.outbox());
    await expect(store.flush()).resolves.toBeUndefined();
  });
});
