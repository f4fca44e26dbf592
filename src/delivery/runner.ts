// Runs delivery attempts: a bounded number in flight, retries on the injected clock, each
// attempt logged, and the cycle handed to statistics.ts when it ends (docs/sources.md §3d).
import type { DeliveryRecord } from '../store/state.js';
import type { DeliveryAttemptResult } from './deliver.js';
import type { DispatcherOptions } from './options.js';
import { attemptHeaders } from './attempt-headers.js';
import { classify, nextStep, type CycleResult } from './retry-policy.js';
import { SignatureCache } from './signature-cache.js';
import { attemptRecord, noteError, settleCycle, type FireErrors } from './statistics.js';

const SETTLED = { done: 'succeeded', 'cycle-failed': 'failed', gone: 'gone' } as const;
const CYCLE: Record<keyof typeof SETTLED, CycleResult> = {
  done: 'success',
  'cycle-failed': 'failed',
  gone: 'gone',
};

export class DeliveryRunner {
  readonly #options: DispatcherOptions;
  readonly #fireErrors: FireErrors;
  readonly #scheduled = new Map<number, () => void>();
  readonly #queue: number[] = [];
  readonly #inflight = new Set<number>();
  /** Attempts whose request is on the wire: at most `concurrency`. */
  #sending = 0;
  readonly #signatures: SignatureCache;
  #idleWaiters: Array<() => void> = [];

  constructor(options: DispatcherOptions, fireErrors: FireErrors) {
    this.#options = options;
    this.#fireErrors = fireErrors;
    this.#signatures = new SignatureCache(options.limits.queueSize);
  }

  /** Deliveries queued, in flight or waiting for a retry: what the queue limit counts. */
  load(): number {
    return this.#queue.length + this.#inflight.size + this.#scheduled.size;
  }

  standardAt(): { standardWebhooksAt?: number } {
    if (!this.#options.standardWebhooks) return {};
    return { standardWebhooksAt: Math.floor(this.#options.clock.now().getTime() / 1000) };
  }

  start(deliveryId: number, delayMs: number): void {
    if (delayMs <= 0) return this.#ready(deliveryId);
    const cancel = this.#options.clock.schedule(() => {
      this.#scheduled.delete(deliveryId);
      this.#ready(deliveryId);
    }, delayMs);
    this.#scheduled.set(deliveryId, cancel);
  }

  resume(): void {
    const now = this.#options.clock.now().getTime();
    for (const d of this.#options.store.deliveries()) {
      if (d.State !== 'pending' || this.#known(d.DeliveryId)) continue;
      const due = d.NextAttemptAt ? Date.parse(d.NextAttemptAt) : now;
      this.start(d.DeliveryId, Math.max(0, due - now));
    }
  }

  async replay(deliveryId: number): Promise<DeliveryRecord | undefined> {
    const original = this.#options.store.delivery(deliveryId);
    if (!original || original.Kind !== 'webhook') return undefined;
    const now = this.#options.clock.now().toISOString();
    const copy = await this.#options.store.addDelivery({
      ...original,
      State: 'pending',
      Attempts: [],
      NextAttemptAt: now,
      CreatedAt: now,
      ReplayOf: original.DeliveryId,
    });
    this.start(copy.DeliveryId, 0);
    return copy;
  }

  async cancelFor(webhookId: number): Promise<void> {
    const pending = this.#options.store
      .deliveries()
      .filter((d) => d.WebhookId === webhookId && d.State === 'pending');
    for (const d of pending) {
      this.#scheduled.get(d.DeliveryId)?.();
      this.#scheduled.delete(d.DeliveryId);
      const queued = this.#queue.indexOf(d.DeliveryId);
      if (queued >= 0) this.#queue.splice(queued, 1);
      if (!this.#inflight.has(d.DeliveryId)) this.#signatures.forget(d.DeliveryId);
      await this.#cancel(d.DeliveryId);
    }
    this.#checkIdle();
  }

  idle(): Promise<void> {
    if (this.load() === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Stops timers; pending deliveries stay pending in the store and resume on the next start. */
  stop(): void {
    for (const id of [...this.#scheduled.keys(), ...this.#queue]) this.#signatures.forget(id);
    for (const cancel of this.#scheduled.values()) cancel();
    this.#scheduled.clear();
    this.#queue.length = 0;
    this.#checkIdle();
  }

  #known(id: number): boolean {
    return this.#scheduled.has(id) || this.#inflight.has(id) || this.#queue.includes(id);
  }

  #ready(deliveryId: number): void {
    this.#queue.push(deliveryId);
    this.#pump();
  }

  #pump(): void {
    while (this.#sending < this.#options.limits.concurrency && this.#queue.length > 0) {
      const id = this.#queue.shift() as number;
      this.#inflight.add(id);
      this.#sending += 1;
      let sent = false;
      // The slot bounds requests on the wire; it is free again once the answer is in, while the
      // attempt's log is still being written (the delivery stays in flight until then).
      const free = () => {
        if (sent) return;
        sent = true;
        this.#sending -= 1;
        this.#pump();
      };
      void this.#attempt(id, free)
        .catch(() => undefined)
        .finally(() => {
          free();
          this.#inflight.delete(id);
          // Kept only while a retry is due: the retry sends the same bytes.
          if (!this.#scheduled.has(id)) this.#signatures.forget(id);
          this.#pump();
          this.#checkIdle();
        });
    }
  }

  #checkIdle(): void {
    if (this.load() > 0) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  async #cancel(deliveryId: number): Promise<void> {
    await this.#options.store.updateDelivery(deliveryId, (d) => ({
      ...d,
      State: 'cancelled',
      NextAttemptAt: null,
    }));
  }

  async #attempt(deliveryId: number, sent: () => void): Promise<void> {
    const { store, deliver, limits } = this.#options;
    const delivery = store.delivery(deliveryId);
    if (!delivery || delivery.State !== 'pending') return;
    const webhook = store.get(delivery.WebhookId);
    // A hook stopped or disabled meanwhile receives nothing more (docs/sources.md §3d); a replay is
    // an explicit request and goes to any hook that still exists.
    if (!webhook || (webhook.State !== 'Active' && delivery.ReplayOf === null)) {
      return this.#cancel(deliveryId);
    }
    const retry = delivery.Attempts.length;
    const secret = webhook.Secret;
    const headers = attemptHeaders({
      webhook,
      event: delivery.Event,
      eventId: delivery.EventId,
      body: delivery.Body,
      retry,
      test: false,
      ...(secret ? { signature: this.#signatures.of(deliveryId, secret, delivery.Body) } : {}),
      ...this.standardAt(),
    });
    const result = await deliver({
      url: delivery.Url,
      headers,
      body: delivery.Body,
      timeoutMs: limits.attemptTimeoutMs,
      lane: store.contextIdentifier(),
    });
    sent();
    await this.#record(delivery, headers, result);
  }

  /** Logs an attempt's outcome, then schedules the next attempt or settles the cycle. */
  async #record(
    delivery: DeliveryRecord,
    headers: Record<string, string>,
    result: DeliveryAttemptResult,
  ): Promise<void> {
    const { store, clock, timeScale } = this.#options;
    const id = delivery.DeliveryId;
    const attempt = attemptRecord(clock.now(), result);
    const current = store.delivery(id);
    // Cancelled while in flight (its hook was deleted): keep the log, schedule nothing more.
    if (current?.State !== 'pending') {
      if (!current) return;
      return store.recordAttempt(id, { attempt, headers, state: current.State, next: null });
    }
    const retry = delivery.Attempts.length;
    const step = nextStep(retry, classify(result), timeScale);
    // The attempt's log line and its webhook's statistics are applied together, so the journal
    // appends them in one write; each is acknowledged once that write is on disk.
    if (step.kind === 'retry') {
      const next = new Date(clock.now().getTime() + step.delayMs).toISOString();
      await Promise.all([
        store.recordAttempt(id, { attempt, headers, state: 'pending', next }),
        noteError(store, delivery.WebhookId, result),
      ]);
      return this.start(id, step.delayMs);
    }
    const settlement = { store, at: clock.now(), fireErrors: this.#fireErrors };
    await Promise.all([
      store.recordAttempt(id, { attempt, headers, state: SETTLED[step.kind], next: null }),
      settleCycle(settlement, delivery, CYCLE[step.kind], retry + 1, result),
    ]);
  }
}
