// What routes and the dispatcher see of storage. Reads come from memory; each write is
// applied in memory at once (so concurrent writers are serialised by the event loop) and the
// returned promise settles only when a file write containing it has finished.
import type { WebhookRecord } from '../domain/webhook.js';
import { DEFAULT_LIMITS } from '../limits.js';
import type { DeliveryRecord, MailRecord, SignalRecord, StoreState, UserRecord } from './state.js';

/** Newest entries kept in the logs, so a long-running mock cannot grow without bound. */
export const LOG_LIMIT = DEFAULT_LIMITS.logEntries;

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
  deliveries(): readonly DeliveryRecord[];
  delivery(id: number): DeliveryRecord | undefined;

  addMail(draft: Omit<MailRecord, 'MailId'>): Promise<MailRecord>;
  outbox(): readonly MailRecord[];

  /** Replaces everything with a fresh state (reset to a fixture). */
  reset(state: StoreState): Promise<void>;
  /** Resolves when every acknowledged write is on disk. */
  flush(): Promise<void>;
}

export type Persist = (state: StoreState) => Promise<void>;

const keepNewest = <T>(list: T[]): T[] => (list.length > LOG_LIMIT ? list.slice(-LOG_LIMIT) : list);

export function createWebhookStore(initial: StoreState, persist: Persist): WebhookStore {
  let state = initial;
  let index = new Map(state.webhooks.map((w) => [w.WebhookId, w]));
  let lastWrite: Promise<void> = Promise.resolve();

  const commit = (next: StoreState): Promise<void> => {
    state = next;
    lastWrite = persist(state);
    return lastWrite;
  };
  const rebuildIndex = () => {
    index = new Map(state.webhooks.map((w) => [w.WebhookId, w]));
  };

  return {
    list: () => state.webhooks,
    get: (id) => index.get(id),
    async insert(draft) {
      const record: WebhookRecord = { ...draft, WebhookId: state.nextId };
      const webhooks = [...state.webhooks, record];
      index.set(record.WebhookId, record);
      await commit({ ...state, nextId: state.nextId + 1, webhooks });
      return record;
    },
    async replace(record) {
      // A webhook deleted meanwhile stays deleted; indexing it would let get() see a webhook
      // that list() does not have.
      if (!index.has(record.WebhookId)) return;
      const webhooks = state.webhooks.map((w) => (w.WebhookId === record.WebhookId ? record : w));
      index.set(record.WebhookId, record);
      await commit({ ...state, webhooks });
    },
    async remove(id) {
      if (!index.has(id)) return false;
      index.delete(id);
      await commit({ ...state, webhooks: state.webhooks.filter((w) => w.WebhookId !== id) });
      return true;
    },
    users: () => state.users,
    contextIdentifier: () => state.contextIdentifier,
    async recordSignal(signal) {
      await commit({ ...state, signals: keepNewest([...state.signals, signal]) });
    },
    signals: () => state.signals,
    async addDelivery(draft) {
      const record: DeliveryRecord = { ...draft, DeliveryId: state.nextDeliveryId };
      const deliveries = keepNewest([...state.deliveries, record]);
      await commit({ ...state, nextDeliveryId: state.nextDeliveryId + 1, deliveries });
      return record;
    },
    async updateDelivery(id, change) {
      const deliveries = state.deliveries.map((d) => (d.DeliveryId === id ? change(d) : d));
      await commit({ ...state, deliveries });
    },
    deliveries: () => state.deliveries,
    delivery: (id) => state.deliveries.find((d) => d.DeliveryId === id),
    async addMail(draft) {
      const record: MailRecord = { ...draft, MailId: state.nextMailId };
      const outbox = keepNewest([...state.outbox, record]);
      await commit({ ...state, nextMailId: state.nextMailId + 1, outbox });
      return record;
    },
    outbox: () => state.outbox,
    async reset(next) {
      // Renumber the new webhooks after the current ones: an id is never handed out twice.
      let nextId = Math.max(next.nextId, state.nextId);
      const webhooks = next.webhooks.map((w) => ({ ...w, WebhookId: nextId++ }));
      const done = commit({ ...next, nextId, webhooks });
      rebuildIndex();
      await done;
    },
    flush: () => lastWrite,
  };
}
