import { emptyState, type StoreState } from './state.js';
import { LiveState } from './live-state.js';
import { createStateStore, type StateStore } from './state-store.js';

/** A store that keeps nothing on disk, for tests and `--db :memory:`. */
export function memoryStore(initial: StoreState = emptyState()): StateStore {
  return createStateStore(LiveState.from(structuredClone(initial)), () => Promise.resolve());
}
