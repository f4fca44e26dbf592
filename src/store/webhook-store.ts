// What routes and the dispatcher see of storage. Reads come from memory; each write is
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

export interface WebhookStore {
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

export function createWebhookStore(
  live: LiveState,
  persist: Persist,
  release: () => Promise<void> = () => Promise.resolve(),
): WebhookStore {
  let lastWrite: Promise<void> = Promise.resolve();

  // Memory changes at once, so concurrent writers are serialised by the event loop and every
  // later read sees the write; the file catches up before the writer is answered. `applied` is
  // the same change in whole-record form when the journal gets only the changed fields: memory
  // then keeps the writer's own object, the version its answers were already made from.
  const commit = (change: Change, applied: Change = change): Promise<void> => {
    live.apply(applied);
    lastWrite = persist(change, live.seq);
    return lastWrite;
  };

  return {
    list: () => live.webhookList(),
    get: (id) => live.webhooks.get(id),
    async insert(draft) {
      const webhook: WebhookRecord = { ...draft, WebhookId: live.nextId };
      await commit({ op: 'insert', webhook });
      return webhook;
    },
    async replace(webhook) {
      const current = live.webhooks.get(webhook.WebhookId);
      // A webhook deleted meanwhile stays deleted.
      if (!current) return;
      const whole: Change = { op: 'replace', webhook };
      const fields = changedFields(current, webhook);
      await commit(fields ? { op: 'update', id: webhook.WebhookId, fields } : whole, whole);
    },
    async remove(id) {
      if (!live.webhooks.has(id)) return false;
      await commit({ op: 'remove', id });
      return true;
    },
    users: () => live.users,
    contextIdentifier: () => live.contextIdentifier,
    recordSignal: (signal) => commit({ op: 'signal', signal }),
    signals: () => live.signals,
    async addDelivery(draft) {
      const delivery: DeliveryRecord = { ...draft, DeliveryId: live.nextDeliveryId };
      await commit({ op: 'delivery', delivery });
      return delivery;
    },
    async updateDelivery(id, change) {
      const current = live.deliveries.get(id);
      if (!current) return;
      const next = change(current);
      // An attempt changes its state and log; the request it repeats (body, headers) stays.
      const whole: Change = { op: 'delivery', delivery: next };
      const fields = changedFields(current, next);
      await commit(fields ? { op: 'delivery-update', id, fields } : whole, whole);
    },
    async recordAttempt(id, entry) {
      if (!live.deliveries.has(id)) return;
      await commit({ op: 'attempt', id, ...entry });
    },
    deliveries: () => live.deliveryList(),
    delivery: (id) => live.deliveries.get(id),
    async addMail(draft) {
      const mail: MailRecord = { ...draft, MailId: live.nextMailId };
      await commit({ op: 'mail', mail });
      return mail;
    },
    outbox: () => live.outbox,
    reset(next) {
      // Renumber after what the store has handed out: an id is never handed out twice.
      let nextId = Math.max(next.nextId, live.nextId);
      const webhooks = next.webhooks.map((w) => ({ ...w, WebhookId: nextId++ }));
      const nextDeliveryId = Math.max(next.nextDeliveryId, live.nextDeliveryId);
      const nextMailId = Math.max(next.nextMailId, live.nextMailId);
      return commit({
        op: 'reset',
        state: { ...next, nextId, webhooks, nextDeliveryId, nextMailId },
      });
    },
    flush: () => lastWrite,
    async close() {
      await lastWrite.catch(() => undefined);
      await release();
    },
  };
}
