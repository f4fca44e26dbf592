// SignalEvent → matching webhooks → one queued delivery each → signed POSTs with the documented
// retries (docs/sources.md §3d). Deliveries live in the store, so pending retries survive a restart.
import { randomUUID } from 'node:crypto';
import { listeners } from '../domain/filters.js';
import { stateChangeEvent } from '../domain/save.js';
import { targetUrlProblem } from '../domain/target-url.js';
import type { WebhookRecord } from '../domain/webhook.js';
import { DomainError } from '../domain/errors.js';
import type { DeliveryRecord } from '../store/state.js';
import { describeAttempt } from './deliver.js';
import type { Deliveries, SignalInput } from './deliveries.js';
import type { DispatcherOptions } from './options.js';
import { buildPayload, serializePayload, stateFieldValues, type PayloadInput } from './payload.js';
import { DeliveryRunner } from './runner.js';
import { pingTarget } from './ping.js';
import { countCall } from './statistics.js';

export type { DispatcherOptions } from './options.js';

export interface Dispatcher extends Deliveries {
  /** Schedules every pending delivery found in the store (after a restart). */
  resume(): void;
  replay(deliveryId: number): Promise<DeliveryRecord | undefined>;
  /** Resolves when nothing is queued, in flight or waiting for a retry. */
  idle(): Promise<void>;
  stop(): void;
}

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { store, clock } = options;
  const newId = options.newId ?? randomUUID;
  const runner = new DeliveryRunner(options, (event, webhook) => fanOut(event, webhook));

  function payloadFor(
    webhook: WebhookRecord,
    input: Omit<PayloadInput, 'webhook' | 'contextIdentifier' | 'timestamp'>,
  ) {
    return serializePayload(
      buildPayload({
        ...input,
        webhook,
        contextIdentifier: store.contextIdentifier(),
        timestamp: clock.now(),
      }),
    );
  }

  /** Logs the delivery; `queued` runs once the runner counts it (it frees a reserved place). */
  async function enqueue(
    webhook: WebhookRecord,
    event: string,
    eventId: string,
    body: string,
    queued: () => void,
  ) {
    const crmscript = webhook.Type === 'crmscript';
    const record = await store.addDelivery({
      WebhookId: webhook.WebhookId,
      WebhookName: webhook.Name,
      Kind: crmscript ? 'crmscript' : 'webhook',
      Event: event,
      EventId: eventId,
      Url: webhook.TargetUrl ?? '',
      RequestHeaders: {},
      Body: body,
      // A crmscript hook runs a script inside the CRM, not an HTTP call (docs/sources.md §3e).
      State: crmscript ? 'recorded' : 'pending',
      Attempts: [],
      NextAttemptAt: crmscript ? null : clock.now().toISOString(),
      CreatedAt: clock.now().toISOString(),
      ReplayOf: null,
    });
    if (crmscript) await countCall(store, webhook.WebhookId);
    else {
      runner.start(record.DeliveryId, 0);
      queued();
    }
  }

  /**
   * Claims queue places for `count` deliveries, or refuses the signal (C2). A signal's
   * deliveries join the runner only after its store writes, so places promised to signals still
   * on their way count too: concurrent signals cannot overfill the queue.
   */
  let reserved = 0;
  function reserve(count: number): (used?: number) => void {
    const { queueSize } = options.limits;
    if (count > 0 && runner.load() + reserved + count > queueSize) {
      throw new DomainError(
        'queue-full',
        `The delivery queue is full (${queueSize}); signal again later.`,
        1,
      );
    }
    reserved += count;
    let held = count;
    return (used = held) => {
      const freed = Math.min(used, held);
      held -= freed;
      reserved -= freed;
    };
  }

  /** Queues `event` for every listener; state events carry the hook's own fields. */
  async function fanOut(event: string, subject?: WebhookRecord, input?: SignalInput) {
    const targets = listeners(store.list(), event);
    // A crmscript hook is only recorded (docs/sources.md §3e): it never waits in the queue.
    const release = reserve(targets.filter((w) => w.Type !== 'crmscript').length);
    try {
      await fanOutTo(targets, event, subject, input, release);
    } finally {
      release();
    }
  }

  async function fanOutTo(
    targets: WebhookRecord[],
    event: string,
    subject: WebhookRecord | undefined,
    input: SignalInput | undefined,
    release: (used: number) => void,
  ) {
    const eventId = newId();
    const fieldValues = subject ? stateFieldValues(subject) : (input?.data ?? undefined);
    const associateId = input?.user?.Associate.AssociateId ?? 0;
    const primaryKey = subject?.WebhookId ?? input?.primaryKey ?? 0;
    // Every record of the signal is applied at once, in order, so the journal writes them in one
    // append: waiting for each in turn cost a file write per matched hook before the answer.
    // A delivery still starts only once its own record is on disk.
    const recorded = store.recordSignal({
      EventId: eventId,
      Event: event,
      PrimaryKey: primaryKey,
      Data: fieldValues ?? null,
      SignalledAt: clock.now().toISOString(),
      ChangedByAssociateId: associateId,
      Matched: targets.map((w) => w.WebhookId),
    });
    const queued = targets.map((webhook) => {
      const body = payloadFor(webhook, {
        eventId,
        event,
        primaryKey,
        changes: [],
        ...(fieldValues ? { fieldValues } : {}),
        changedByAssociateId: associateId,
      });
      return enqueue(webhook, event, eventId, body, () => release(1));
    });
    await Promise.all([recorded, ...queued]);
  }

  const pingDeps = {
    store,
    clock,
    deliver: options.deliver,
    newId,
    timeoutMs: options.limits.attemptTimeoutMs,
    standardAt: () => runner.standardAt(),
  };
  const ping = (record: WebhookRecord) => pingTarget(pingDeps, record);

  return {
    signal: (input) => fanOut(input.event, undefined, input),
    async stateChanged(before, after) {
      const event = stateChangeEvent(before, after);
      if (event) await fanOut(event, after);
    },
    async verifyTarget(record) {
      const result = await ping(record);
      if (result.ok) return undefined;
      return `Webhook TargetUrl ${record.TargetUrl} did not answer the test event with 200 OK: ${describeAttempt(result)}`;
    },
    async test(record) {
      if (record.Type === 'crmscript') {
        return {
          Success: true,
          Message: `CRMScript '${record.TargetUrl}' would be invoked with the test event.`,
        };
      }
      const problem = targetUrlProblem(record, options.strictTargets);
      if (problem) return { Success: false, Message: problem };
      const result = await ping(record);
      return { Success: result.ok, Message: describeAttempt(result) };
    },
    forget: (webhookId) => runner.cancelFor(webhookId),
    resume: () => runner.resume(),
    replay: (deliveryId) => runner.replay(deliveryId),
    idle: () => runner.idle(),
    stop: () => runner.stop(),
  };
}
