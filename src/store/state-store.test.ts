import { describe, expect, it } from 'vitest';
import { defaultWebhook, type WebhookRecord } from '../domain/webhook.js';
import { memoryStore } from './memory-store.js';
import { emptyState, type DeliveryRecord, type SignalRecord, type StoreState } from './state.js';
import { LiveState, type Change } from './live-state.js';
import { DEFAULT_LIMITS } from '../platform/limits.js';
import { LiveStateStore } from './state-store.js';

/** Newest entries each log keeps (src/platform/limits.ts). */
const LOG_LIMIT = DEFAULT_LIMITS.logEntries;

const draft = (name: string, extra: Partial<WebhookRecord> = {}): WebhookRecord => ({
  ...defaultWebhook(),
  Name: name,
  TargetUrl: `https://hooks.example.com/${name}`,
  ...extra,
});

/** A state like a fixture's: webhooks numbered 1..n, nextId n + 1. */
function seeded(...names: string[]): StoreState {
  const state = emptyState();
  state.webhooks = names.map((name, i) => ({ ...draft(name), WebhookId: i + 1 }));
  state.nextId = names.length + 1;
  return state;
}

const signal = (n: number): SignalRecord => ({
  EventId: `event-${n}`,
  Event: 'contact.created',
  PrimaryKey: n,
  Data: null,
  SignalledAt: '2026-03-01T12:00:00.000Z',
  ChangedByAssociateId: 0,
  Matched: [],
});

const delivery = (n: number): Omit<DeliveryRecord, 'DeliveryId'> => ({
  WebhookId: 1,
  WebhookName: 'a',
  Kind: 'webhook',
  Event: 'contact.created',
  EventId: `event-${n}`,
  Url: 'https://hooks.example.com/a',
  RequestHeaders: {},
  Body: '{}',
  State: 'pending',
  Attempts: [],
  NextAttemptAt: null,
  CreatedAt: '2026-03-01T12:00:00.000Z',
  ReplayOf: null,
});

const ids = (store: ReturnType<typeof memoryStore>) => store.list().map((w) => w.WebhookId);

describe('webhook ids', () => {
  it('hands out increasing ids from nextId, whatever id the draft carries', async () => {
    const store = memoryStore(seeded('a', 'b'));
    const c = await store.insert(draft('c', { WebhookId: 99 }));
    const d = await store.insert(draft('d'));
    expect([c.WebhookId, d.WebhookId]).toEqual([3, 4]);
    expect(ids(store)).toEqual([1, 2, 3, 4]);
    expect(store.get(3)).toEqual(c);
  });

  it('never reuses the id of a deleted webhook, not even the highest', async () => {
    const store = memoryStore(seeded('a', 'b'));
    const c = await store.insert(draft('c'));
    expect(await store.remove(c.WebhookId)).toBe(true);
    expect(await store.remove(2)).toBe(true);
    expect((await store.insert(draft('d'))).WebhookId).toBe(4);
    expect(ids(store)).toEqual([1, 4]);
  });

  it("restores the fixture's ids on reset and continues the sequence from the fixture's", async () => {
    const store = memoryStore(seeded('a', 'b', 'c'));
    await store.insert(draft('d'));
    await store.insert(draft('e'));
    await store.reset(seeded('x', 'y', 'z'));
    expect(ids(store)).toEqual([1, 2, 3]);
    expect(store.list().map((w) => w.Name)).toEqual(['x', 'y', 'z']);
    expect((await store.insert(draft('f'))).WebhookId).toBe(4);
  });

  it('keeps delivery ids counting up across a reset, so no late attempt lands on a new one', async () => {
    const store = memoryStore(seeded('a'));
    const before = await store.addDelivery(delivery(1));
    await store.reset(seeded('x'));
    expect(store.deliveries()).toEqual([]);
    expect((await store.addDelivery(delivery(1))).DeliveryId).toBe(before.DeliveryId + 1);
  });

  it('keeps a reset state whose nextId is higher', async () => {
    const store = memoryStore(seeded('a'));
    const next = seeded('x');
    next.nextId = 50;
    await store.reset(next);
    expect(ids(store)).toEqual([1]);
    expect((await store.insert(draft('f'))).WebhookId).toBe(50);
  });

  it('does not share the state it was created from', async () => {
    const initial = seeded('a');
    const store = memoryStore(initial);
    await store.insert(draft('b'));
    initial.webhooks.push({ ...draft('ghost'), WebhookId: 7 });
    expect(ids(store)).toEqual([1, 2]);
    expect(initial.nextId).toBe(2);
  });
});

describe('replace and remove', () => {
  it('replaces in the list and in get alike', async () => {
    const store = memoryStore(seeded('a', 'b'));
    const changed = { ...store.get(2)!, Name: 'B' };
    await store.replace(changed);
    expect(store.get(2)).toEqual(changed);
    expect(store.list()[1]).toEqual(changed);
    expect(store.list()).toHaveLength(2);
  });

  it('ignores a replace of an id that is not stored (get and list never disagree)', async () => {
    const store = memoryStore(seeded('a'));
    await store.replace({ ...draft('ghost'), WebhookId: 9 });
    expect(store.get(9)).toBeUndefined();
    expect(ids(store)).toEqual([1]);
  });

  it('reports whether a remove found the webhook', async () => {
    const store = memoryStore(seeded('a'));
    expect(await store.remove(5)).toBe(false);
    expect(await store.remove(1)).toBe(true);
    expect(await store.remove(1)).toBe(false);
    expect(store.list()).toEqual([]);
  });
});

describe('logs', () => {
  it(`keeps the newest ${LOG_LIMIT} signals`, async () => {
    const store = memoryStore();
    for (let n = 1; n <= LOG_LIMIT + 5; n++) await store.recordSignal(signal(n));
    expect(store.signals()).toHaveLength(LOG_LIMIT);
    expect(store.signals()[0]?.PrimaryKey).toBe(6);
    expect(store.signals().at(-1)?.PrimaryKey).toBe(LOG_LIMIT + 5);
  });

  it(`keeps the newest ${LOG_LIMIT} deliveries, ids still increasing`, async () => {
    const store = memoryStore();
    for (let n = 1; n <= LOG_LIMIT + 3; n++) await store.addDelivery(delivery(n));
    expect(store.deliveries()).toHaveLength(LOG_LIMIT);
    expect(store.deliveries()[0]?.DeliveryId).toBe(4);
    expect(store.delivery(3)).toBeUndefined();
    expect((await store.addDelivery(delivery(0))).DeliveryId).toBe(LOG_LIMIT + 4);
  });

  it(`keeps the newest ${LOG_LIMIT} mails`, async () => {
    const store = memoryStore();
    const mail = { WebhookId: 1, To: ['a@example.com'], Subject: 's', Body: 'b', SentAt: 'now' };
    for (let n = 1; n <= LOG_LIMIT + 2; n++) await store.addMail({ ...mail, Subject: `s${n}` });
    expect(store.outbox()).toHaveLength(LOG_LIMIT);
    expect(store.outbox()[0]).toMatchObject({ MailId: 3, Subject: 's3' });
  });

  it('updates one delivery only', async () => {
    const store = memoryStore();
    await store.addDelivery(delivery(1));
    await store.addDelivery(delivery(2));
    await store.updateDelivery(2, (d) => ({ ...d, State: 'succeeded' }));
    expect(store.deliveries().map((d) => d.State)).toEqual(['pending', 'succeeded']);
    expect(store.delivery(2)?.State).toBe('succeeded');
  });
});

describe('persistence', () => {
  it('answers a write only when its persist has finished, and flush waits for the last', async () => {
    const written: Array<[Change, number]> = [];
    const pending: Array<() => void> = [];
    const store = new LiveStateStore(LiveState.from(seeded('a')), (change, seq) => {
      written.push([change, seq]);
      return new Promise<void>((resolve) => pending.push(resolve));
    });
    let answered = false;
    const insert = store.insert(draft('b')).then(() => {
      answered = true;
    });
    // The write is visible to readers at once (serialised by the event loop) ...
    expect(ids(store)).toEqual([1, 2]);
    await Promise.resolve();
    expect(answered).toBe(false);
    // ... and answered once the change is persisted, numbered after the seed's.
    const [change, seq] = written.at(-1) ?? [];
    expect(change).toMatchObject({ op: 'insert', webhook: { WebhookId: 2, Name: 'b' } });
    expect(seq).toBe(1);
    let flushed = false;
    const flush = store.flush().then(() => {
      flushed = true;
    });
    pending.shift()?.();
    await insert;
    await flush;
    expect(answered && flushed).toBe(true);
  });
});

describe('stored webhooks are versions', () => {
  // Answers are cached per stored object (routes/webhook-views.ts): a change made in place
  // would leave them stale, so every way a webhook is stored hands out a new, frozen object.
  it('every insert, replace and field update stores a new frozen object', async () => {
    const store = memoryStore(seeded('a'));
    const loaded = store.get(1)!;
    expect(Object.isFrozen(loaded)).toBe(true);
    expect(Object.isFrozen(loaded.Events)).toBe(true);
    expect(() => {
      (loaded as { Name: string | null }).Name = 'changed in place';
    }).toThrow(TypeError);

    const counted = { ...loaded, TotalCalls: loaded.TotalCalls + 1 };
    await store.replace(counted);
    const afterUpdate = store.get(1)!;
    expect(afterUpdate).not.toBe(loaded);
    // Journaled as changed fields, held as the writer's own object: no second version to encode.
    expect(afterUpdate).toBe(counted);
    expect(afterUpdate.TotalCalls).toBe(1);
    expect(Object.isFrozen(afterUpdate)).toBe(true);

    const { WebhookId: _, ...rest } = afterUpdate;
    await store.replace({ WebhookId: 1, ...rest, Name: 'renamed' }); // same fields, new order
    expect(Object.isFrozen(store.get(1))).toBe(true);
    const inserted = await store.insert(draft('b'));
    expect(Object.isFrozen(store.get(inserted.WebhookId))).toBe(true);
  });
});
