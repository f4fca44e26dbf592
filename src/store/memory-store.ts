import { emptyState, type StoreState } from './state.js';
import { LiveState } from './live-state.js';
import { LiveStateStore, type StateStore } from './state-store.js';

/** A store that keeps nothing on disk, for tests and `--db :memory:`. */
export function memoryStore(initial: StoreState = emptyState()): StateStore {
  return new LiveStateStore(LiveState.from(structuredClone(initial)), () => Promise.resolve());
}
