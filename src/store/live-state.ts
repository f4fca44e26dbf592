// The store's state in memory, shaped for cheap writes: webhooks and deliveries in Maps (a
// change costs O(1), not a copy of the whole list), lists built only when read. Every write is
// a Change, the same record the journal appends, so replaying the journal rebuilds this state.
import type { WebhookRecord } from '../domain/webhook.js';
import { DEFAULT_LIMITS } from '../platform/limits.js';
import type {
  AttemptEntry,
  DeliveryRecord,
  MailRecord,
  SignalRecord,
  StoreState,
  UserRecord,
} from './state.js';

export type Change =
  | { op: 'insert'; webhook: WebhookRecord }
  | { op: 'replace'; webhook: WebhookRecord }
  /** Fields of a stored webhook that changed, the others kept: a statistics write is small. */
  | { op: 'update'; id: number; fields: Partial<WebhookRecord> }
  | { op: 'remove'; id: number }
  | { op: 'signal'; signal: SignalRecord }
  | { op: 'delivery'; delivery: DeliveryRecord }
  /** Fields of a logged delivery that changed: an attempt's line does not repeat the request. */
  | { op: 'delivery-update'; id: number; fields: Partial<DeliveryRecord> }
  /** One attempt of a logged delivery: the attempt alone, never the earlier ones again. */
  | ({ op: 'attempt'; id: number } & AttemptEntry)
  | { op: 'mail'; mail: MailRecord }
  | { op: 'reset'; state: StoreState };

const LOG = DEFAULT_LIMITS.logEntries;

/**
 * A stored webhook never changes in place: a write stores a new object. Frozen, so that code
 * which tried would fail loudly instead of leaving every answer produced from the old version
 * (routes/webhook-views.ts caches by the object) silently out of date.
 */
function version(webhook: WebhookRecord): WebhookRecord {
  for (const value of Object.values(webhook)) {
    if (typeof value === 'object' && value !== null) Object.freeze(value);
  }
  return Object.freeze(webhook);
}

function capped<T>(list: T[], item: T): void {
  list.push(item);
  if (list.length > LOG) list.splice(0, list.length - LOG);
}

export class LiveState {
  /** Number of the last change applied; the journal and the snapshot are ordered by it. */
  seq = 0;
  nextId = 1;
  nextDeliveryId = 1;
  nextMailId = 1;
  contextIdentifier = 'Default';
  users: UserRecord[] = [];
  readonly webhooks = new Map<number, WebhookRecord>();
  readonly deliveries = new Map<number, DeliveryRecord>();
  signals: SignalRecord[] = [];
  outbox: MailRecord[] = [];
  #webhookList: WebhookRecord[] | undefined;
  #deliveryList: DeliveryRecord[] | undefined;

  static from(state: StoreState): LiveState {
    const live = new LiveState();
    live.#load(state);
    return live;
  }

  #load(state: StoreState): void {
    this.seq = state.journalSeq ?? this.seq;
    this.nextId = state.nextId;
    this.nextDeliveryId = state.nextDeliveryId;
    this.nextMailId = state.nextMailId;
    this.contextIdentifier = state.contextIdentifier;
    this.users = state.users;
    this.webhooks.clear();
    for (const w of state.webhooks) this.webhooks.set(w.WebhookId, version(w));
    this.deliveries.clear();
    for (const d of state.deliveries.slice(-LOG)) this.deliveries.set(d.DeliveryId, d);
    this.signals = state.signals.slice(-LOG);
    this.outbox = state.outbox.slice(-LOG);
    this.#webhookList = undefined;
    this.#deliveryList = undefined;
  }

  webhookList(): readonly WebhookRecord[] {
    return (this.#webhookList ??= [...this.webhooks.values()]);
  }

  deliveryList(): readonly DeliveryRecord[] {
    return (this.#deliveryList ??= [...this.deliveries.values()]);
  }

  apply(change: Change): void {
    this.seq += 1;
    switch (change.op) {
      case 'insert':
      case 'replace':
        this.webhooks.set(change.webhook.WebhookId, version(change.webhook));
        this.nextId = Math.max(this.nextId, change.webhook.WebhookId + 1);
        this.#webhookList = undefined;
        return;
      case 'update': {
        const webhook = this.webhooks.get(change.id);
        if (webhook) this.webhooks.set(change.id, version({ ...webhook, ...change.fields }));
        this.#webhookList = undefined;
        return;
      }
      case 'remove':
        this.webhooks.delete(change.id);
        this.#webhookList = undefined;
        return;
      case 'signal':
        capped(this.signals, change.signal);
        return;
      case 'delivery':
        this.#putDelivery(change.delivery);
        return;
      case 'delivery-update': {
        const delivery = this.deliveries.get(change.id);
        if (delivery) this.#putDelivery({ ...delivery, ...change.fields });
        return;
      }
      case 'attempt': {
        const delivery = this.deliveries.get(change.id);
        if (!delivery) return;
        this.#putDelivery({
          ...delivery,
          RequestHeaders: change.headers,
          Attempts: [...delivery.Attempts, change.attempt],
          State: change.state,
          NextAttemptAt: change.next,
        });
        return;
      }
      case 'mail':
        capped(this.outbox, change.mail);
        this.nextMailId = Math.max(this.nextMailId, change.mail.MailId + 1);
        return;
      case 'reset':
        this.#load({ ...change.state, journalSeq: this.seq });
        return;
    }
  }

  #putDelivery(delivery: DeliveryRecord): void {
    const isNew = !this.deliveries.has(delivery.DeliveryId);
    this.deliveries.set(delivery.DeliveryId, delivery);
    this.nextDeliveryId = Math.max(this.nextDeliveryId, delivery.DeliveryId + 1);
    // Maps iterate in insertion order: the first key is the oldest delivery.
    if (isNew && this.deliveries.size > LOG) {
      this.deliveries.delete(this.deliveries.keys().next().value as number);
    }
    this.#deliveryList = undefined;
  }

  snapshot(): StoreState {
    return {
      format: 'so-webhook-mock/1',
      journalSeq: this.seq,
      nextId: this.nextId,
      nextDeliveryId: this.nextDeliveryId,
      nextMailId: this.nextMailId,
      contextIdentifier: this.contextIdentifier,
      users: this.users,
      webhooks: [...this.webhookList()],
      signals: [...this.signals],
      deliveries: [...this.deliveryList()],
      outbox: [...this.outbox],
    };
  }
}
