// SignalEvent: queues one delivery per listening webhook (docs/sources.md §3); a full queue is the
// domain error `queue-full`.
import type { SignalInput } from '../delivery/deliveries.js';
import type { ServiceDeps } from './deps.js';

export const signalEvent = (deps: ServiceDeps, input: SignalInput): Promise<void> =>
  deps.deliveries.signal(input);
