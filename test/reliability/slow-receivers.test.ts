// Receivers that hang, reset, trickle or answer slowly (all on 127.0.0.1) while events are
// signalled in a flood: the API keeps answering, pending deliveries stay within --queue-size
// (the excess is the documented 503), and the delivery log stops at limits.logEntries so a long flood
// reaches a heap plateau (measured after a full GC). No timing is asserted, only completion.
// Bounds: --delivery-timeout 300 ms, --time-scale 0.001, --queue-size 12, --concurrency 3;
// 48 signals + 24 GETs in the first test; 3 floods of 120 signals × 10 hooks in the second.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server.js';
import { DEFAULT_LIMITS } from '../../src/platform/limits.js';
import { call, startReceiver, writeQuietFixture, type Answer, type Receiver } from './support.js';

const QUEUE_SIZE = 12;
const AGENT = '/api/v1/Agents/Webhook';

let dir: string;
const receivers: Receiver[] = [];
let server: RunningServer | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'slow-receivers-'));
  receivers.push(
    // Accepts the request and never answers.
    await startReceiver(() => undefined),
    // Resets the connection as soon as the request arrives.
    await startReceiver((request) => request.socket.resetAndDestroy()),
    // Sends a status line and one byte of body, then nothing more.
    await startReceiver((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('O');
    }),
    // Answers 200 on a later turn: slow but well within the timeout.
    await startReceiver((_request, response) => setImmediate(() => response.end('OK'))),
  );
});

afterEach(async () => {
  await server?.close();
  server = undefined;
});

afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  rmSync(dir, { recursive: true, force: true });
});

async function start(): Promise<RunningServer> {
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    db: ':memory:',
    fixture: writeQuietFixture(dir),
    verifyTargets: false,
    timeScale: 0.001,
    limits: { attemptTimeoutMs: 300, queueSize: QUEUE_SIZE, concurrency: 3 },
  });
  return server;
}

async function register(s: RunningServer, body: Record<string, unknown>): Promise<void> {
  const saved = await call(s.url, `${AGENT}/SaveWebhook`, {
    method: 'POST',
    body: { Events: ['load.ping'], State: 'Active', Type: 'webhook', ...body },
  });
  expect(saved.status).toBe(200);
}

const signal = (s: RunningServer, key: number, data: unknown = null) =>
  call(s.url, `${AGENT}/SignalEvent`, {
    method: 'POST',
    body: { EventName: 'load.ping', PrimaryKey: key, Data: data },
  });

const pendingDeliveries = (s: RunningServer) =>
  s.store.deliveries().filter((d) => d.State === 'pending').length;

describe('slow, hanging and resetting receivers under a flood of signals', () => {
  it('48 signals against 4 bad receivers: the API answers throughout, pending stays ≤ --queue-size, the excess is 503', async () => {
    const s = await start();
    for (const [i, receiver] of receivers.entries()) {
      await register(s, { Name: `receiver ${i}`, TargetUrl: receiver.url });
    }
    const signals: Answer[] = [];
    let maxPending = 0;
    for (let batch = 0; batch < 6; batch++) {
      const answers = await Promise.all([
        ...Array.from({ length: 8 }, (_, i) => signal(s, batch * 8 + i)),
        ...Array.from({ length: 4 }, () => call(s.url, '/api/v1/Webhook')),
      ]);
      signals.push(...answers.slice(0, 8));
      for (const list of answers.slice(8)) {
        expect(list.status).toBe(200);
        expect(list.body).toHaveLength(4);
      }
      maxPending = Math.max(maxPending, pendingDeliveries(s));
      expect(pendingDeliveries(s)).toBeLessThanOrEqual(QUEUE_SIZE);
    }
    const statuses = signals.map((a) => a.status);
    expect(statuses.every((status) => status === 204 || status === 503)).toBe(true);
    expect(statuses).toContain(204);
    expect(statuses).toContain(503);
    for (const refused of signals.filter((a) => a.status === 503)) {
      expect((refused.body as { ErrorType: string }).ErrorType).toBe('SoQueueFullException');
    }
    expect(maxPending).toBeGreaterThan(0);
    // The bad receivers were really called: hanging, reset and trickling ones all saw requests.
    expect(receivers.map((r) => r.count() > 0)).toEqual([true, true, true, true]);
    await s.dispatcher.idle();
    expect(pendingDeliveries(s)).toBe(0);
    const failed = s.store.deliveries().filter((d) => d.State === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    expect((await call(s.url, '/api/v1/Webhook/default')).status).toBe(200);
  });

  it('floods of 120 signals to 10 crmscript hooks (1,200 deliveries each): the log stops at its limit and the heap reaches a plateau', async () => {
    const s = await start();
    for (let i = 0; i < 10; i++) {
      await register(s, { Name: `script ${i}`, Type: 'crmscript', TargetUrl: `Script${i}` });
    }
    // 8 KiB of event data per delivery: a log that kept every one would grow ~10 MB a flood.
    const data = { blob: 'd'.repeat(8 * 1024) };
    const flood = async (from: number) => {
      for (let batch = 0; batch < 12; batch++) {
        const answers = await Promise.all(
          Array.from({ length: 10 }, (_, i) => signal(s, from + batch * 10 + i, data)),
        );
        expect(answers.map((a) => a.status)).toEqual(answers.map(() => 204));
      }
      await s.dispatcher.idle();
      return heapAfterGc();
    };
    await flood(0);
    const first = await flood(1_000);
    const second = await flood(2_000);
    expect(s.store.deliveries()).toHaveLength(DEFAULT_LIMITS.logEntries);
    expect(s.store.deliveries().at(-1)?.Body).toContain('"PrimaryKey":2119');
    expect(s.store.signals()).toHaveLength(360);
    if (first !== undefined && second !== undefined) {
      expect(second - first).toBeLessThan(4 * 1024 * 1024);
    }
  });
});

/** heapUsed after a full collection, when the collector can be reached; undefined if not. */
async function heapAfterGc(): Promise<number | undefined> {
  const gc = reachGc();
  if (!gc) return undefined;
  await new Promise<void>((resolve) => setImmediate(resolve));
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

function reachGc(): (() => void) | undefined {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  try {
    // Exposes the collector in a fresh context without restarting the worker with --expose-gc.
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}
