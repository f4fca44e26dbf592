// What the use cases are given. Everything that varies is injected; nothing here
// is HTTP: the contract reaches the service only as the WebhookSchema port.
import type { Deliveries } from '../delivery/deliveries.js';
import type { WebhookInput } from '../domain/save.js';
import type { KeyedLock } from './keyed-lock.js';
import type { StateStore } from '../store/state-store.js';
import type { Clock } from '../platform/clock.js';
import type { StoreLimits } from './store-limits.js';

/** Checks an entity against the spec's Webhook schema (implemented in http/webhook-schema.ts). */
export interface WebhookSchema {
  /** The value bound to the schema's names, or every problem in one message. */
  check(value: unknown): { ok: true; webhook: WebhookInput } | { ok: false; message: string };
}

/** What a TargetUrl may be; `self` refuses the mock's own address (spec/README.md C25). */
export interface TargetRules {
  strict: boolean;
  verify: boolean;
  /** Why a TargetUrl reaches this server itself (delivery/self-target.ts), or undefined. */
  self?: (targetUrl: string) => string | undefined;
}

export interface ServiceDeps {
  store: StateStore;
  clock: Pick<Clock, 'now'>;
  deliveries: Deliveries;
  locks: KeyedLock<number>;
  targets: TargetRules;
  webhookSchema: WebhookSchema;
  /** How much one tenant may store (platform/limits.ts; its defaults when absent). */
  limits?: StoreLimits;
}
