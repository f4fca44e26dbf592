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
import { payloadSerializer, stateFieldValues } from './payload.js';
import { DeliveryRunner } from './runner.js';
import { pingTarget, type PingDeps } from './ping.js';
import { countCall } from './statistics.js';
import { FanOutBudget } from './fan-out-budget.js';

export type { DispatcherOptions } from './options.js';

/** Deliveries a tenant's signals queue in one turn of the event loop (spec/README.md C42). */
const FAN_OUT_PER_TURN = 20;

/**
 * One tenant's deliveries: its own queue (and so its own 503 when that queue is full), its own
 * attempts in flight; the connections to a receiver are shared with other tenants in turn.
 */
export class Dispatcher implements Deliveries {
  readonly #options: DispatcherOptions;
  readonly #newId: () => string;
  readonly #runner: DeliveryRunner;
  /** Queue places promised to signals whose records are still being written. */
  #reserved = 0;
  readonly #pingDeps: PingDeps;
  readonly #budget = new FanOutBudget(FAN_OUT_PER_TURN);

  constructor(options: DispatcherOptions) {
    this.#options = options;
    this.#newId = options.newId ?? randomUUID;
    this.#runner = new DeliveryRunner(options, (event, webhook) => this.#fanOut(event, webhook));
    this.#pingDeps = {
      store: options.store,
      clock: options.clock,
      deliver: options.deliver,
      newId: this.#newId,
      timeoutMs: options.limits.attemptTimeoutMs,
      standardAt: () => this.#runner.standardAt(),
    };
  }

  signal(input: SignalInput): Promise<void> {
    return this.#fanOut(input.event, undefined, input);
  }

  async stateChanged(before: WebhookRecord | undefined, after: WebhookRecord): Promise<void> {
    const event = stateChangeEvent(before, after);
    if (event) await this.#fanOut(event, after);
  }

  async verifyTarget(record: WebhookRecord): Promise<string | undefined> {
    const result = await pingTarget(this.#pingDeps, record);
    if (result.ok) return undefined;
    return `Webhook TargetUrl ${record.TargetUrl} did not answer the test event with 200 OK: ${describeAttempt(result)}`;
  }

  async test(record: WebhookRecord): Promise<{ Success: boolean; Message: string | null }> {
    if (record.Type === 'crmscript') {
      return {
        Success: true,
        Message: `CRMScript '${record.TargetUrl}' would be invoked with the test event.`,
      };
    }
    const problem = targetUrlProblem(record, this.#options.strictTargets);
    if (problem) return { Success: false, Message: problem };
    const result = await pingTarget(this.#pingDeps, record);
    return { Success: result.ok, Message: describeAttempt(result) };
  }

  forget(webhookId: number): Promise<void> {
    return this.#runner.cancelFor(webhookId);
  }

  /** Schedules every pending delivery found in the store (after a restart). */
  resume(): void {
    this.#runner.resume();
  }

  replay(deliveryId: number): Promise<DeliveryRecord | undefined> {
    return this.#runner.replay(deliveryId);
  }

  /** Resolves when nothing is queued, in flight or waiting for a retry. */
  idle(): Promise<void> {
    return this.#runner.idle();
  }

  stop(): void {
    this.#runner.stop();
  }

  /** Logs the delivery; `queued` runs once the runner counts it (it frees a reserved place). */
  async #enqueue(
    webhook: WebhookRecord,
    event: string,
    eventId: string,
    body: string,
    queued: () => void,
  ): Promise<void> {
    const { store, clock } = this.#options;
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
      this.#runner.start(record.DeliveryId, 0);
      queued();
    }
  }

  /**
   * Claims queue places for `count` deliveries, or refuses the signal (C2). A signal's
   * deliveries join the runner only after its store writes, so places promised to signals still
   * on their way count too: concurrent signals cannot overfill the queue. The queue is this
   * tenant's: another tenant's flood never fills it.
   */
  #reserve(count: number): (used?: number) => void {
    const { queueSize } = this.#options.limits;
    if (count > 0 && this.#runner.load() + this.#reserved + count > queueSize) {
      throw new DomainError(
        'queue-full',
        `The delivery queue is full (${queueSize}); signal again later.`,
        1,
      );
    }
    this.#reserved += count;
    let held = count;
    return (used = held) => {
      const freed = Math.min(used, held);
      held -= freed;
      this.#reserved -= freed;
    };
  }

  /** Queues `event` for every listener; state events carry the hook's own fields. */
  async #fanOut(event: string, subject?: WebhookRecord, input?: SignalInput): Promise<void> {
    const targets = listeners(this.#options.store.list(), event);
    // A crmscript hook is only recorded (docs/sources.md §3e): it never waits in the queue.
    const release = this.#reserve(targets.filter((w) => w.Type !== 'crmscript').length);
    try {
      await this.#fanOutTo(targets, event, subject, input, release);
    } finally {
      release();
    }
  }

  async #fanOutTo(
    targets: WebhookRecord[],
    event: string,
    subject: WebhookRecord | undefined,
    input: SignalInput | undefined,
    release: (used: number) => void,
  ): Promise<void> {
    const { store, clock } = this.#options;
    const eventId = this.#newId();
    const fieldValues = subject ? stateFieldValues(subject) : (input?.data ?? undefined);
    const associateId = input?.user?.Associate.AssociateId ?? 0;
    const primaryKey = subject?.WebhookId ?? input?.primaryKey ?? 0;
    const written: Array<Promise<void>> = [
      store.recordSignal({
        EventId: eventId,
        Event: event,
        PrimaryKey: primaryKey,
        Data: fieldValues ?? null,
        SignalledAt: clock.now().toISOString(),
        ChangedByAssociateId: associateId,
        Matched: targets.map((w) => w.WebhookId),
      }),
    ];
    const bodyFor = payloadSerializer({
      eventId,
      event,
      primaryKey,
      changes: [],
      ...(fieldValues ? { fieldValues } : {}),
      changedByAssociateId: associateId,
      contextIdentifier: store.contextIdentifier(),
      timestamp: clock.now(),
    });
    // A wide fan-out is queued a slice per turn of the event loop, the tenant's signals sharing
    // one budget, so that they never hold the loop for long: another tenant's signals and
    // answers run between the slices. The records of one slice go to the journal in one append;
    // a delivery starts once its own is on disk.
    for (let i = 0; i < targets.length; i++) {
      while (!this.#budget.take()) await this.#budget.next();
      const webhook = targets[i] as WebhookRecord;
      const queued = this.#enqueue(webhook, event, eventId, bodyFor(webhook), () => release(1));
      // Awaited below; handled now, so a failure is not unhandled while a slice waits its turn.
      queued.catch(() => undefined);
      written.push(queued);
    }
    await Promise.all(written);
  }
}
