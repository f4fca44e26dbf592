// What the route handlers are given. Everything that varies is injected (design.md).
import type { WebhookRecord } from '../domain/webhook.js';
import type { Contract } from '../http/contract.js';
import type { KeyedLock } from '../keyed-lock.js';
import type { UserRecord } from '../store/state.js';
import type { WebhookStore } from '../store/webhook-store.js';

export interface SignalInput {
  event: string;
  primaryKey: number;
  data: Record<string, unknown> | null;
  user: UserRecord | undefined;
}

/** The delivery side as the routes use it; src/delivery implements it. */
export interface Deliveries {
  /** Queues one delivery per listening webhook; throws ApiError QUEUE_FULL when full. */
  signal(input: SignalInput): Promise<void>;
  /** Fires webhook{id}.started|stopped|errors when a save changed the state. */
  stateChanged(before: WebhookRecord | undefined, after: WebhookRecord): Promise<void>;
  /** The save-time `test` ping; a problem text when the target did not answer 200. */
  verifyTarget(record: WebhookRecord): Promise<string | undefined>;
  /** TestWebhook: pings the definition and reports, never throwing for a dead target. */
  test(record: WebhookRecord): Promise<{ Success: boolean; Message: string | null }>;
  /** Stops pending deliveries of a deleted webhook. */
  forget(webhookId: number): Promise<void>;
}

export interface RouteDeps {
  store: WebhookStore;
  contract: Contract;
  clock: () => Date;
  deliveries: Deliveries;
  locks: KeyedLock<number>;
  targets: TargetRules;
}

export interface TargetRules {
  strict: boolean;
  verify: boolean;
  /** Why a TargetUrl reaches this server itself (delivery/self-target.ts), or undefined. */
  self?: (targetUrl: string) => string | undefined;
}
