// What a dispatcher is built from; the runner reads the same options (kept apart from both so
// neither imports the other's module for a type).
import type { Clock } from '../platform/clock.js';
import type { StateStore } from '../store/state-store.js';
import type { Deliver } from './deliver.js';

export interface DispatcherOptions {
  store: StateStore;
  deliver: Deliver;
  clock: Clock;
  newId?: () => string;
  timeScale: number;
  standardWebhooks: boolean;
  strictTargets: boolean;
  limits: { queueSize: number; concurrency: number; attemptTimeoutMs: number };
}
