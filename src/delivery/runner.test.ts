// The delivery runner through its dispatcher: cancelling a deleted hook's deliveries, the
// concurrency bound, replay, and pending retries that survive a restart in the lowdb file
// (docs/sources.md §3d).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultWebhook, type WebhookRecord } from '../domain/webhook.js';
import { loadStoreState, openLowdbStore } from '../store/lowdb-store.js';
import { memoryStore } from '../store/memory-store.js';
import { emptyState, type StoreState } from '../store/state.js';
import type { StateStore } from '../store/state-store.js';
import { ScriptedDeliver } from '../../test/support/scripted-deliver.js';
import { ManualClock, until } from '../../test/support/manual-clock.js';
import { Dispatcher } from './dispatcher.js';

const URL_A = 'https://a.example/hook';
const T0 = Date.parse('2025-01-01T12:00:00.000Z');

function start(store: StateStore, clock: ManualClock, target: ScriptedDeliver, concurrency = 4) {
  return new Dispatcher({
    store,
    clock,
    deliver: target.deliver,
    timeScale: 1,
    standardWebhooks: false,
    strictTargets: false,
    limits: { queueSize: 100, concurrency, attemptTimeoutMs: 1000 },
  });
}

const hookFields = (fields: Partial<WebhookRecord> = {}): WebhookRecord => ({
  ...defaultWebhook(),
  Name: 'Hook',
  Events: ['contact.created'],
  TargetUrl: URL_A,
  ...fields,
});

const signal = (dispatcher: Dispatcher, event = 'contact.created') =>
  dispatcher.signal({ event, primaryKey: 1, data: null, user: undefined });

describe('deleting a webhook (forget)', () => {
  it('cancels its scheduled retries', async () => {
    const clock = new ManualClock(new Date(T0));
    const store = memoryStore();
    const target = new ScriptedDeliver(clock);
    const dispatcher = start(store, clock, target);
    const hook = await store.insert(hookFields());
    target.script(URL_A, [500]);
    await signal(dispatcher);
    await until(() => clock.pending() === 1, 'a scheduled retry');
    await store.remove(hook.WebhookId);
    await dispatcher.forget(hook.WebhookId);
    expect(clock.pending()).toBe(0);
    expect(store.deliveries()[0]).toMatchObject({ State: 'cancelled', NextAttemptAt: null });
    await dispatcher.idle();
    await clock.advance(60_000);
    expect(target.calls).toHaveLength(1);
  });

  it('schedules no retry for an attempt that was in flight when the hook was deleted', async () => {
    const clock = new ManualClock(new Date(T0));
    const store = memoryStore();
    const target = new ScriptedDeliver(clock);
    const dispatcher = start(store, clock, target);
    const hook = await store.insert(hookFields());
    target.script(URL_A, ['hang']);
    await signal(dispatcher);
    await until(() => target.hanging() === 1, 'the attempt to be in flight');
    await store.remove(hook.WebhookId);
    await dispatcher.forget(hook.WebhookId);
    target.release(500);
    await until(() => store.deliveries()[0]?.Attempts.length === 1, 'the attempt to be logged');
    await until(() => target.hanging() === 0, 'the attempt to end');
    expect(clock.pending()).toBe(0);
    expect(store.deliveries()[0]).toMatchObject({ State: 'cancelled', NextAttemptAt: null });
    await dispatcher.idle();
    await clock.advance(60_000);
    expect(target.calls).toHaveLength(1);
  });
});

describe('concurrency (--concurrency)', () => {
  it('keeps at most `concurrency` attempts in flight and runs the rest in order', async () => {
    const clock = new ManualClock(new Date(T0));
    const store = memoryStore();
    const target = new ScriptedDeliver(clock);
    const dispatcher = start(store, clock, target, 2);
    for (let i = 0; i < 5; i++)
      await store.insert(hookFields({ TargetUrl: `https://h${i}.example/` }));
    for (let i = 0; i < 5; i++) target.script(`https://h${i}.example/`, ['hang']);
    await signal(dispatcher);
    await until(() => target.hanging() === 2, 'two attempts in flight');
    expect(target.calls.map((c) => c.url)).toEqual(['https://h0.example/', 'https://h1.example/']);
    target.release(200);
    await until(() => target.hanging() === 2, 'the next two');
    target.release(200);
    await until(() => target.hanging() === 1, 'the last one');
    target.release(200);
    await dispatcher.idle();
    expect(target.calls.map((c) => c.url)).toEqual(
      [0, 1, 2, 3, 4].map((i) => `https://h${i}.example/`),
    );
    expect(store.deliveries().every((d) => d.State === 'succeeded')).toBe(true);
  });
});

describe('replay', () => {
  it('sends a logged delivery again as a new delivery with Retry 0 and the same body', async () => {
    const clock = new ManualClock(new Date(T0));
    const store = memoryStore();
    const target = new ScriptedDeliver(clock);
    const dispatcher = start(store, clock, target);
    await store.insert(hookFields({ Secret: 's' }));
    await signal(dispatcher);
    await dispatcher.idle();
    const original = store.deliveries()[0];
    const copy = await dispatcher.replay(original?.DeliveryId ?? 0);
    await dispatcher.idle();
    expect(copy).toMatchObject({ ReplayOf: original?.DeliveryId, State: 'pending', Attempts: [] });
    expect(store.delivery(copy?.DeliveryId ?? 0)?.State).toBe('succeeded');
    const [first, again] = target.calls;
    expect(again?.body).toBe(first?.body);
    expect(again?.headers['X-SuperOffice-Retry']).toBe('0');
    expect(again?.headers['X-SuperOffice-Signature']).toBe(
      first?.headers['X-SuperOffice-Signature'],
    );
    expect(await dispatcher.replay(999)).toBeUndefined();
  });
});

describe('restart recovery (lowdb file)', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  async function storeFile(): Promise<{ file: string; open: () => Promise<StateStore> }> {
    const dir = await mkdtemp(join(tmpdir(), 'so-webhook-runner-'));
    dirs.push(dir);
    const file = join(dir, 'store.json');
    const seed = (): StoreState => emptyState();
    return { file, open: () => openLowdbStore(file, { seed }) };
  }

  async function failOnce(open: () => Promise<StateStore>) {
    const clock = new ManualClock(new Date(T0));
    const store = await open();
    const target = new ScriptedDeliver(clock);
    const dispatcher = start(store, clock, target);
    await store.insert(hookFields());
    target.script(URL_A, [503]);
    await signal(dispatcher);
    await until(() => clock.pending() === 1, 'the retry to be scheduled');
    await store.flush();
    // The process dies here: its timers are gone, the file is what remains.
    dispatcher.stop();
    return target.calls[0];
  }

  it('a pending retry in the file is resumed by a new store and dispatcher', async () => {
    const { file, open } = await storeFile();
    const first = await failOnce(open);
    const onDisk = await loadStoreState(file);
    expect(onDisk.deliveries).toHaveLength(1);
    expect(onDisk.deliveries[0]).toMatchObject({
      State: 'pending',
      NextAttemptAt: new Date(T0 + 1000).toISOString(),
    });
    expect(onDisk.deliveries[0]?.Attempts.map((a) => a.Status)).toEqual([503]);

    const clock = new ManualClock(new Date(T0 + 200));
    const store = await open();
    const target = new ScriptedDeliver(clock);
    const dispatcher = start(store, clock, target);
    dispatcher.resume();
    expect(clock.delays()).toEqual([800]);
    await clock.advance(799);
    expect(target.calls).toHaveLength(0);
    await clock.advance(1);
    await dispatcher.idle();
    expect(target.calls).toHaveLength(1);
    expect(target.calls[0]?.headers['X-SuperOffice-Retry']).toBe('1');
    expect(target.calls[0]?.json.EventId).toBe(first?.json.EventId);
    expect(target.calls[0]?.body).toBe(first?.body);
    await store.flush();
    const after = await loadStoreState(file);
    expect(after.deliveries[0]).toMatchObject({ State: 'succeeded', NextAttemptAt: null });
    expect(after.webhooks[0]).toMatchObject({
      TotalCalls: 2,
      TotalErrors: 1,
      ConsecutiveErrors: 0,
    });
  });

  it('a retry that fell due while the server was down runs at once on resume', async () => {
    const { open } = await storeFile();
    await failOnce(open);
    const clock = new ManualClock(new Date(T0 + 3_600_000));
    const store = await open();
    const target = new ScriptedDeliver(clock);
    const dispatcher = start(store, clock, target);
    dispatcher.resume();
    dispatcher.resume();
    await dispatcher.idle();
    expect(target.calls).toHaveLength(1);
    expect(target.calls[0]?.headers['X-SuperOffice-Retry']).toBe('1');
  });
});
