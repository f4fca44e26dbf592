import { emptyState, type StoreState } from './state.js';
import { LiveState } from './live-state.js';
import { createWebhookStore, type WebhookStore } from './webhook-store.js';

/** A store that keeps nothing on disk, for tests and `--db :memory:`. */
export function memoryStore(initial: StoreState = emptyState()): WebhookStore {
  return createWebhookStore(LiveState.from(structuredClone(initial)), () => Promise.resolve());
}
