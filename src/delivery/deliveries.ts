// The delivery side as the use cases see it (service/); dispatcher.ts implements it.
import type { UserRecord } from '../domain/user.js';
import type { WebhookRecord } from '../domain/webhook.js';

export interface SignalInput {
  event: string;
  primaryKey: number;
  data: Record<string, unknown> | null;
  user: UserRecord | undefined;
}

export interface Deliveries {
  /** Queues one delivery per listening webhook; throws DomainError `queue-full` when full. */
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
