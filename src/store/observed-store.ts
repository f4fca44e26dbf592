// A StateStore that tells listeners what changed, so the dashboard's live feed can push
// updates without polling. It decorates any store (memory or lowdb) and changes nothing about
// it: a listener runs after the write it reports has settled, and a throwing listener never
// fails the write.
import type { WebhookRecord } from '../domain/webhook.js';
import type { DeliveryRecord, SignalRecord } from './state.js';
import type { StateStore } from './state-store.js';

export type StoreChange =
  | { kind: 'webhook'; webhook: WebhookRecord }
  | { kind: 'webhook-removed'; webhookId: number }
  | { kind: 'delivery'; delivery: DeliveryRecord }
  | { kind: 'signal'; signal: SignalRecord }
  | { kind: 'reset' };

export type StoreListener = (change: StoreChange) => void;

export interface ObservedStore extends StateStore {
  /** Calls `listener` after every change; returns the function that stops it. */
  subscribe(listener: StoreListener): () => void;
}

export function observeStore(inner: StateStore): ObservedStore {
  const listeners = new Set<StoreListener>();
  const emit = (change: StoreChange | undefined) => {
    if (!change) return;
    for (const listener of [...listeners]) {
      try {
        listener(change);
      } catch {
        // A broken listener (a closed stream) must not turn a stored write into a failure.
      }
    }
  };
  const webhookChange = (id: number): StoreChange | undefined => {
    const webhook = inner.get(id);
    return webhook && { kind: 'webhook', webhook };
  };
  const deliveryChange = (id: number): StoreChange | undefined => {
    const delivery = inner.delivery(id);
    return delivery && { kind: 'delivery', delivery };
  };

  // Delegated one by one, not spread, so a store built as a class instance works too.
  return {
    list: () => inner.list(),
    get: (id) => inner.get(id),
    users: () => inner.users(),
    contextIdentifier: () => inner.contextIdentifier(),
    signals: () => inner.signals(),
    deliveries: () => inner.deliveries(),
    delivery: (id) => inner.delivery(id),
    addMail: (draft) => inner.addMail(draft),
    outbox: () => inner.outbox(),
    flush: () => inner.flush(),
    close: () => inner.close(),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async insert(draft) {
      const record = await inner.insert(draft);
      emit(webhookChange(record.WebhookId));
      return record;
    },
    async replace(record) {
      await inner.replace(record);
      emit(webhookChange(record.WebhookId));
    },
    async remove(id) {
      const removed = await inner.remove(id);
      if (removed) emit({ kind: 'webhook-removed', webhookId: id });
      return removed;
    },
    async recordSignal(signal) {
      await inner.recordSignal(signal);
      emit({ kind: 'signal', signal });
    },
    async addDelivery(draft) {
      const record = await inner.addDelivery(draft);
      emit(deliveryChange(record.DeliveryId));
      return record;
    },
    async updateDelivery(id, change) {
      await inner.updateDelivery(id, change);
      emit(deliveryChange(id));
    },
    async recordAttempt(id, entry) {
      await inner.recordAttempt(id, entry);
      emit(deliveryChange(id));
    },
    async reset(state) {
      await inner.reset(state);
      emit({ kind: 'reset' });
    },
    generation: () => inner.generation(),
  };
}
