// The dispatcher on the injected clock with a scripted in-process target: the documented retry
// schedule, the statistics after each cycle, disabling, cancelling, the queue limit and crmscript
// hooks (docs/sources.md §3d, §3e; spec/README.md C13, C18). No sockets and no real waiting.
import { describe, expect, it } from 'vitest';
import { defaultWebhook, type WebhookRecord } from '../domain/webhook.js';
import { DomainError } from '../domain/errors.js';
import { memoryStore } from '../store/memory-store.js';
import type { StateStore } from '../store/state-store.js';
import { ScriptedDeliver } from '../../test/support/scripted-deliver.js';
import { drain, ManualClock, until } from '../../test/support/manual-clock.js';
import { growthPerTurn } from '../../test/support/turns.js';
import { Dispatcher, type DispatcherOptions } from './dispatcher.js';
import { describeAttempt } from './deliver.js';

const HOOK_URL = 'https://target.example/hook';
const T0 = Date.parse('2025-01-01T12:00:00.000Z');

interface Rig {
  clock: ManualClock;
  store: StateStore;
  target: ScriptedDeliver;
  dispatcher: Dispatcher;
  hook(fields?: Partial<WebhookRecord>): Promise<WebhookRecord>;
  signal(event?: string, data?: Record<string, unknown> | null): Promise<void>;
  /** Runs every retry to its end on the clock; resolves when the dispatcher is idle. */
  drain(): Promise<void>;
}

function rig(options: Partial<DispatcherOptions> = {}): Rig {
  const clock = new ManualClock(new Date(T0));
  const store = options.store ?? memoryStore();
  const target = new ScriptedDeliver(clock);
  const dispatcher = new Dispatcher({
    store,
    clock,
    deliver: target.deliver,
    timeScale: 1,
    standardWebhooks: false,
    strictTargets: false,
    limits: { queueSize: 100, concurrency: 4, attemptTimeoutMs: 1000 },
    ...options,
  });
  return {
    clock,
    store,
    target,
    dispatcher,
    hook: (fields = {}) =>
      store.insert({
        ...defaultWebhook(),
        Name: 'Hook',
        Events: ['contact.created'],
        TargetUrl: HOOK_URL,
        Secret: 'secret',
        ...fields,
      }),
    signal: (event = 'contact.created', data = null) =>
      dispatcher.signal({ event, primaryKey: 7, data, user: undefined }),
    drain: () => drain(clock, dispatcher),
  };
}

const header = (call: { headers: Record<string, string> }, name: string) => call.headers[name];

describe('retry schedule (docs/sources.md §3d)', () => {
  it('tries at t=0, +1 s and +5 s with the same EventId and Retry 0, 1, 2', async () => {
    const r = rig();
    const hook = await r.hook();
    r.target.script(HOOK_URL, [500]);
    await r.signal();
    await until(() => r.clock.pending() === 1, 'the first retry to be scheduled');
    expect(r.target.calls.map((c) => c.at - T0)).toEqual([0]);
    expect(r.clock.delays()).toEqual([1000]);
    await r.clock.advance(999);
    expect(r.target.calls).toHaveLength(1);
    await r.clock.advance(1);
    await until(() => r.clock.pending() === 1, 'the second retry to be scheduled');
    expect(r.clock.delays()).toEqual([4000]);
    await r.clock.advance(4000);
    await r.dispatcher.idle();

    const calls = r.target.calls;
    expect(calls.map((c) => c.at - T0)).toEqual([0, 1000, 5000]);
    expect(calls.map((c) => header(c, 'X-SuperOffice-Retry'))).toEqual(['0', '1', '2']);
    const eventId = calls[0]?.json.EventId;
    expect(calls.map((c) => header(c, 'X-SuperOffice-EventId'))).toEqual([
      eventId,
      eventId,
      eventId,
    ]);
    expect(new Set(calls.map((c) => c.body)).size).toBe(1);
    expect(r.clock.pending()).toBe(0);

    const [delivery] = r.store.deliveries();
    expect(delivery).toMatchObject({ State: 'failed', NextAttemptAt: null, EventId: eventId });
    expect(delivery?.Attempts.map((a) => a.Status)).toEqual([500, 500, 500]);
    expect(r.store.get(hook.WebhookId)).toMatchObject({
      State: 'Active',
      TotalCalls: 3,
      TotalErrors: 3,
      ConsecutiveErrors: 1,
      LastError: describeAttempt({
        ok: false,
        status: 500,
        statusText: 'Scripted',
        responseHeaders: { 'Content-Type': 'text/plain' },
        responseBody: 'answer 500',
        latencyMs: 0,
      }),
    });
  });

  it.each([
    [0.01, [10, 40]],
    [0.001, [1, 4]],
  ])('timeScale %d scales the delays to %j', async (timeScale, delays) => {
    const r = rig({ timeScale });
    await r.hook();
    r.target.script(HOOK_URL, [{ error: 'connect ECONNREFUSED 127.0.0.1:9' }]);
    await r.signal();
    await r.drain();
    const at = r.target.calls.map((c) => c.at - T0);
    expect(at).toEqual([0, delays[0], (delays[0] ?? 0) + (delays[1] ?? 0)]);
  });

  it('a success on the 2nd attempt resets ConsecutiveErrors and keeps the failure as LastError', async () => {
    const r = rig();
    const hook = await r.hook();
    await r.store.replace({ ...hook, ConsecutiveErrors: 4, TotalCalls: 12, TotalErrors: 12 });
    r.target.script(HOOK_URL, [503, 200]);
    await r.signal();
    await r.drain();
    expect(r.target.calls.map((c) => header(c, 'X-SuperOffice-Retry'))).toEqual(['0', '1']);
    expect(r.store.deliveries()[0]?.State).toBe('succeeded');
    const after = r.store.get(hook.WebhookId);
    expect(after).toMatchObject({ ConsecutiveErrors: 0, TotalCalls: 14, TotalErrors: 13 });
    // "Most recent error from target" (docs/sources.md §2): the 503 of the first attempt.
    expect(after?.LastError).toMatch(/^HTTP\/1\.1 503 Scripted\r\n/);
  });

  it('a network error is the LastError text', async () => {
    const r = rig();
    const hook = await r.hook();
    r.target.script(HOOK_URL, [{ error: 'socket hang up' }]);
    await r.signal();
    await r.drain();
    expect(r.store.get(hook.WebhookId)?.LastError).toBe('socket hang up');
  });
});

describe('disabling (docs/sources.md §3d)', () => {
  it('9 failed cycles → TooManyErrors, one mail, webhook{id}.errors, then silence', async () => {
    const r = rig();
    const hook = await r.hook({
      ErrorsEmail: 'ops@example.com',
      ErrorEmails: ['dev@example.com', 'ops@example.com'],
    });
    const watcherUrl = 'https://watcher.example/state';
    const watcher = await r.hook({
      Name: 'Watcher',
      Events: [`webhook${hook.WebhookId}.errors`],
      TargetUrl: watcherUrl,
    });
    r.target.script(HOOK_URL, [500]);
    for (let cycle = 1; cycle <= 8; cycle++) {
      await r.signal();
      await r.drain();
    }
    expect(r.store.get(hook.WebhookId)).toMatchObject({ State: 'Active', ConsecutiveErrors: 8 });
    expect(r.store.outbox()).toEqual([]);
    await r.signal();
    await r.drain();

    expect(r.store.get(hook.WebhookId)).toMatchObject({
      State: 'TooManyErrors',
      ConsecutiveErrors: 9,
      TotalCalls: 27,
      TotalErrors: 27,
    });
    const lastEventId = r.target.callsTo(HOOK_URL).at(-1)?.json.EventId;
    expect(r.store.outbox()).toHaveLength(1);
    const mail = r.store.outbox()[0];
    expect(mail).toMatchObject({
      WebhookId: hook.WebhookId,
      To: ['ops@example.com', 'dev@example.com'],
    });
    expect(mail?.Body).toContain(String(lastEventId));
    expect(mail?.Body).toContain('HTTP/1.1 500');

    const errors = r.target.callsTo(watcherUrl);
    expect(errors).toHaveLength(1);
    expect(header(errors[0] as never, 'X-SuperOffice-Event')).toBe(
      `webhook${hook.WebhookId}.errors`,
    );
    expect(errors[0]?.json).toMatchObject({
      Event: 'webhook.errors',
      PrimaryKey: hook.WebhookId,
      WebhookName: 'Watcher',
      FieldValues: { state: 3, events: 'contact.created' },
    });
    expect(r.store.get(watcher.WebhookId)?.TotalCalls).toBe(1);

    const before = r.target.calls.length;
    await r.signal();
    await r.drain();
    expect(r.target.calls).toHaveLength(before);
  });

  it('410 Gone disables at once after one attempt', async () => {
    const r = rig();
    const hook = await r.hook({ ErrorsEmail: 'ops@example.com' });
    r.target.script(HOOK_URL, [410]);
    await r.signal();
    await r.drain();
    expect(r.target.calls).toHaveLength(1);
    expect(r.store.deliveries()[0]?.State).toBe('gone');
    expect(r.store.get(hook.WebhookId)).toMatchObject({
      State: 'TooManyErrors',
      ConsecutiveErrors: 1,
      TotalCalls: 1,
      TotalErrors: 1,
    });
    expect(r.store.get(hook.WebhookId)?.LastError).toMatch(/^HTTP\/1\.1 410 /);
    expect(r.store.outbox()).toHaveLength(1);
  });

  it('a hook stopped between attempts gets no retry', async () => {
    const r = rig();
    const hook = await r.hook();
    r.target.script(HOOK_URL, [500]);
    await r.signal();
    await until(() => r.clock.pending() === 1, 'a retry');
    await r.store.replace({ ...hook, State: 'Stopped' });
    await r.drain();
    expect(r.target.calls).toHaveLength(1);
    expect(r.store.deliveries()[0]).toMatchObject({ State: 'cancelled', NextAttemptAt: null });
  });
});

describe('fan-out', () => {
  it('sends one delivery per matching Active hook, none to stopped or other-event hooks', async () => {
    const r = rig();
    const a = await r.hook({ Name: 'A', TargetUrl: 'https://a.example/' });
    const b = await r.hook({ Name: 'B', TargetUrl: 'https://b.example/', Secret: null });
    await r.hook({ Name: 'Stopped', TargetUrl: 'https://c.example/', State: 'Stopped' });
    await r.hook({ Name: 'Other', TargetUrl: 'https://d.example/', Events: ['contact.changed'] });
    await r.signal('contact.created', { name: 'Acme' });
    await r.drain();
    expect(r.target.calls.map((c) => c.url).sort()).toEqual([
      'https://a.example/',
      'https://b.example/',
    ]);
    const [first, second] = r.target.calls;
    expect(first?.json.EventId).toBe(second?.json.EventId);
    expect(first?.json.FieldValues).toEqual({ name: 'Acme' });
    expect(r.store.signals()[0]).toMatchObject({
      Event: 'contact.created',
      PrimaryKey: 7,
      Matched: [a.WebhookId, b.WebhookId],
    });
  });

  it('a crmscript hook makes no HTTP call; the delivery log records it (docs/sources.md §3e)', async () => {
    const r = rig();
    const script = await r.hook({ Type: 'crmscript', TargetUrl: 'ScriptHook1' });
    await r.signal('contact.created', { name: 'Acme' });
    await r.drain();
    expect(r.target.calls).toEqual([]);
    const [delivery] = r.store.deliveries();
    expect(delivery).toMatchObject({
      Kind: 'crmscript',
      State: 'recorded',
      Url: 'ScriptHook1',
      WebhookId: script.WebhookId,
      NextAttemptAt: null,
    });
    expect(JSON.parse(delivery?.Body ?? '')).toMatchObject({ FieldValues: { name: 'Acme' } });
    expect(r.store.get(script.WebhookId)?.TotalCalls).toBe(1);
  });

  it('a save that changes State fires webhook{id}.started / .stopped to subscribers', async () => {
    const r = rig();
    const hook = await r.hook();
    const watcher = await r.hook({
      Events: [`webhook${hook.WebhookId}.started`, `webhook${hook.WebhookId}.stopped`],
      TargetUrl: 'https://watcher.example/',
    });
    const stopped = { ...hook, State: 'Stopped' as const };
    await r.dispatcher.stateChanged(hook, stopped);
    await r.dispatcher.stateChanged(stopped, { ...hook, State: 'Active' });
    await r.dispatcher.stateChanged(hook, { ...hook, Name: 'renamed' });
    await r.drain();
    const events = r.target.calls.map((c) => [header(c, 'X-SuperOffice-Event'), c.json.Event]);
    expect(events).toEqual([
      [`webhook${hook.WebhookId}.stopped`, 'webhook.stopped'],
      [`webhook${hook.WebhookId}.started`, 'webhook.started'],
    ]);
    expect(r.target.calls.map((c) => (c.json.FieldValues as { state: number }).state)).toEqual([
      2, 1,
    ]);
    expect(r.target.calls.every((c) => c.url === watcher.TargetUrl)).toBe(true);
  });
});

describe('queue limit (--queue-size, C2)', () => {
  const full = (reason: unknown) =>
    // 503 SoQueueFullException with Retry-After once mapped (http/domain-error.test.ts).
    reason instanceof DomainError && reason.kind === 'queue-full' && reason.retryAfterSeconds === 1;

  it('concurrent signals beyond the queue size are refused, not queued', async () => {
    const r = rig({ limits: { queueSize: 3, concurrency: 1, attemptTimeoutMs: 1000 } });
    await r.hook();
    r.target.script(HOOK_URL, ['hang']);
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => r.signal()));
    const accepted = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.filter((o) => o.status === 'rejected' && full(o.reason));
    expect([accepted.length, refused.length]).toEqual([3, 7]);
    expect(r.store.deliveries()).toHaveLength(3);
    expect(r.store.signals()).toHaveLength(3);
    await until(() => r.target.hanging() === 1, 'the first attempt');
    await expect(r.signal()).rejects.toSatisfy(full);
    r.target.release(200);
    await until(() => r.target.hanging() === 1, 'the second attempt');
    r.target.release(200);
    await until(() => r.target.hanging() === 1, 'the third attempt');
    r.target.release(200);
    await r.drain();
    await expect(r.signal()).resolves.toBeUndefined();
  });

  it('a queue full of HTTP deliveries does not refuse a signal only crmscript hooks hear', async () => {
    const r = rig({ limits: { queueSize: 1, concurrency: 1, attemptTimeoutMs: 1000 } });
    await r.hook();
    await r.hook({ Type: 'crmscript', TargetUrl: 'Script', Events: ['sale.sold'] });
    r.target.script(HOOK_URL, ['hang']);
    await r.signal();
    await expect(r.signal()).rejects.toSatisfy(full);
    await expect(r.signal('sale.sold')).resolves.toBeUndefined();
    expect(r.store.deliveries().map((d) => d.Kind)).toEqual(['webhook', 'crmscript']);
    r.target.release(200);
    await r.drain();
  });
});

describe('error mail (docs/sources.md §3d)', () => {
  it('NotifyWhen FirstFailure mails on the first failed cycle only', async () => {
    const r = rig();
    const hook = await r.hook({ ErrorEmails: ['dev@example.com'], NotifyWhen: 'FirstFailure' });
    r.target.script(HOOK_URL, [500]);
    await r.signal();
    await r.drain();
    await r.signal();
    await r.drain();
    expect(r.store.outbox()).toHaveLength(1);
    expect(r.store.outbox()[0]).toMatchObject({
      WebhookId: hook.WebhookId,
      To: ['dev@example.com'],
    });
    expect(r.store.outbox()[0]?.Subject).toContain('failed to deliver');
  });
});

describe('sharing the event loop (spec/README.md C42)', () => {
  it("queues at most 20 of a tenant's deliveries per turn, however many signals are in flight", async () => {
    const r = rig({ limits: { queueSize: 1000, concurrency: 4, attemptTimeoutMs: 1000 } });
    for (let i = 0; i < 30; i++) await r.hook({ Name: `Hook ${i}` });
    const before = r.store.deliveries().length;
    const queued = () => r.store.deliveries().length - before;
    // Measured from before the signals: the first entry is their synchronous stretch, then a turn's.
    const growth = growthPerTurn(queued, 12);
    await Promise.all([r.signal(), r.signal(), r.signal(), r.signal()]);
    const perTurn = await growth;
    expect(Math.max(...perTurn)).toBeGreaterThan(0);
    expect(perTurn.filter((n) => n > 20)).toEqual([]);
    expect(r.store.deliveries().length - before).toBe(120);
  });
});
