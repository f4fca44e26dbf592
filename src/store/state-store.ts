// What routes and the dispatcher see of storage: the whole persisted state (webhooks, users,
// signals, deliveries, mail), not just webhooks. Reads come from memory; each write is
// applied in memory at once (so concurrent writers are serialised by the event loop) and the
// returned promise settles only when a file write containing it has finished.
import type { WebhookRecord } from '../domain/webhook.js';
import type { Change, LiveState } from './live-state.js';
import type {
  AttemptEntry,
  DeliveryRecord,
  MailRecord,
  SignalRecord,
  StoreState,
  UserRecord,
} from './state.js';

export interface StateStore {
  list(): readonly WebhookRecord[];
  get(id: number): WebhookRecord | undefined;
  /** Stores a new webhook under the next id; ids increase and are never reused. */
  insert(draft: WebhookRecord): Promise<WebhookRecord>;
  /** Replaces a stored webhook; a webhook that is not stored (deleted meanwhile) stays absent. */
  replace(record: WebhookRecord): Promise<void>;
  remove(id: number): Promise<boolean>;

  users(): readonly UserRecord[];
  contextIdentifier(): string;

  recordSignal(signal: SignalRecord): Promise<void>;
  signals(): readonly SignalRecord[];

  addDelivery(draft: Omit<DeliveryRecord, 'DeliveryId'>): Promise<DeliveryRecord>;
  updateDelivery(id: number, change: (record: DeliveryRecord) => DeliveryRecord): Promise<void>;
  /** Appends one attempt to a logged delivery; its journal line holds that attempt only. */
  recordAttempt(id: number, entry: AttemptEntry): Promise<void>;
  deliveries(): readonly DeliveryRecord[];
  delivery(id: number): DeliveryRecord | undefined;

  addMail(draft: Omit<MailRecord, 'MailId'>): Promise<MailRecord>;
  outbox(): readonly MailRecord[];

  /** Replaces everything with a fresh state (reset to a fixture). */
  reset(state: StoreState): Promise<void>;
  /**
   * How many resets this store has seen. A write that read a webhook before a reset must not
   * land on the fixture's webhook of the same id (spec/README.md C38).
   */
  generation(): number;
  /** Resolves when every acknowledged write is on disk. */
  flush(): Promise<void>;
  /** Flushes and releases the files; the store is not used afterwards. */
  close(): Promise<void>;
}

/**
 * The fields of `next` that differ from `current`, when merging them into `current` gives exactly
 * `next` (same keys in the same order, no undefined value JSON would drop); undefined otherwise.
 * Each delivery rewrote its webhook's statistics and its own log entry as whole records, most
 * of the journal's bytes; a copy made by spreading keeps its unchanged fields, so comparing
 * references suffices.
 */
function changedFields<T extends object>(current: T, next: T): Partial<T> | undefined {
  const keys = Object.keys(next);
  const before = Object.keys(current);
  if (keys.length !== before.length) return undefined;
  const fields: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) {
    const name = keys[i] as string;
    // `__proto__` would be assigned as the prototype below, not as a field.
    if (name !== before[i] || name === '__proto__') return undefined;
    const key = name as keyof T;
    const value = next[key];
    if (value === current[key]) continue;
    if (value === undefined) return undefined;
    fields[name] = value;
  }
  return fields as Partial<T>;
}

/** Makes one applied change durable; the write's caller is answered when it resolves. */
export type Persist = (change: Change, seq: number) => Promise<void>;

/** The store over the live state: memory first, then `persist` makes each change durable. */
export class LiveStateStore implements StateStore {
  readonly #live: LiveState;
  readonly #persist: Persist;
  readonly #release: () => Promise<void>;
  #lastWrite: Promise<void> = Promise.resolve();
  #generation = 0;

  constructor(
    live: LiveState,
    persist: Persist,
    release: () => Promise<void> = () => Promise.resolve(),
  ) {
    this.#live = live;
    this.#persist = persist;
    this.#release = release;
  }

  list(): readonly WebhookRecord[] {
    return this.#live.webhookList();
  }

  get(id: number): WebhookRecord | undefined {
    return this.#live.webhooks.get(id);
  }

  async insert(draft: WebhookRecord): Promise<WebhookRecord> {
    const webhook: WebhookRecord = { ...draft, WebhookId: this.#live.nextId };
    await this.#commit({ op: 'insert', webhook });
    return webhook;
  }

  async replace(webhook: WebhookRecord): Promise<void> {
    const current = this.#live.webhooks.get(webhook.WebhookId);
    // A webhook deleted meanwhile stays deleted.
    if (!current) return;
    const whole: Change = { op: 'replace', webhook };
    const fields = changedFields(current, webhook);
    await this.#commit(fields ? { op: 'update', id: webhook.WebhookId, fields } : whole, whole);
  }

  async remove(id: number): Promise<boolean> {
    if (!this.#live.webhooks.has(id)) return false;
    await this.#commit({ op: 'remove', id });
    return true;
  }

  users(): readonly UserRecord[] {
    return this.#live.users;
  }

  contextIdentifier(): string {
    return this.#live.contextIdentifier;
  }

  recordSignal(signal: SignalRecord): Promise<void> {
    return this.#commit({ op: 'signal', signal });
  }

  signals(): readonly SignalRecord[] {
    return this.#live.signals;
  }

  async addDelivery(draft: Omit<DeliveryRecord, 'DeliveryId'>): Promise<DeliveryRecord> {
    const delivery: DeliveryRecord = { ...draft, DeliveryId: this.#live.nextDeliveryId };
    await this.#commit({ op: 'delivery', delivery });
    return delivery;
  }

  async updateDelivery(
    id: number,
    change: (record: DeliveryRecord) => DeliveryRecord,
  ): Promise<void> {
    const current = this.#live.deliveries.get(id);
    if (!current) return;
    const next = change(current);
    // An attempt changes its state and log; the request it repeats (body, headers) stays.
    const whole: Change = { op: 'delivery', delivery: next };
    const fields = changedFields(current, next);
    await this.#commit(fields ? { op: 'delivery-update', id, fields } : whole, whole);
  }

  async recordAttempt(id: number, entry: AttemptEntry): Promise<void> {
    if (!this.#live.deliveries.has(id)) return;
    await this.#commit({ op: 'attempt', id, ...entry });
  }

  deliveries(): readonly DeliveryRecord[] {
    return this.#live.deliveryList();
  }

  delivery(id: number): DeliveryRecord | undefined {
    return this.#live.deliveries.get(id);
  }

  async addMail(draft: Omit<MailRecord, 'MailId'>): Promise<MailRecord> {
    const mail: MailRecord = { ...draft, MailId: this.#live.nextMailId };
    await this.#commit({ op: 'mail', mail });
    return mail;
  }

  outbox(): readonly MailRecord[] {
    return this.#live.outbox;
  }

  generation(): number {
    return this.#generation;
  }

  reset(next: StoreState): Promise<void> {
    this.#generation += 1;
    const live = this.#live;
    // The fixture's webhooks keep their ids and the sequence goes on from the fixture's, as
    // after a fresh load (spec/README.md C38). Delivery and mail ids keep counting up: an
    // attempt still in flight for the old data then finds no delivery to write its outcome to.
    const nextDeliveryId = Math.max(next.nextDeliveryId, live.nextDeliveryId);
    const nextMailId = Math.max(next.nextMailId, live.nextMailId);
    return this.#commit({ op: 'reset', state: { ...next, nextDeliveryId, nextMailId } });
  }

  flush(): Promise<void> {
    return this.#lastWrite;
  }

  async close(): Promise<void> {
    await this.#lastWrite.catch(() => undefined);
    await this.#release();
  }

  // Memory changes at once, so concurrent writers are serialised by the event loop and every
  // later read sees the write; the file catches up before the writer is answered. `applied` is
  // the same change in whole-record form when the journal gets only the changed fields: memory
  // then keeps the writer's own object, the version its answers were already made from.
  #commit(change: Change, applied: Change = change): Promise<void> {
    this.#live.apply(applied);
    this.#lastWrite = this.#persist(change, this.#live.seq);
    return this.#lastWrite;
  }
}
