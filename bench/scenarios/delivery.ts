// Delivery throughput: signals fanned out to N webhooks that all point at one local receiver,
// timed from the first signal until the receiver has every delivery (bounded wait).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { StoreState } from '../../src/store/state.js';
import { cpuMs } from '../process.js';
import { send } from '../probe.js';
import { withWebhooks, writeStore } from '../seed.js';
import { AUTH, startOurs } from '../servers.js';

export const FAN_OUT = [1, 10, 50] as const;
/** Deliveries per fan-out size; signals = DELIVERIES / N. */
const DELIVERIES = 600;
const SIGNALLERS = 4;
const WAIT_MS = 60_000;
const EVENT = 'bench.delivery';

export interface DeliveryRun {
  webhooks: number;
  signals: number;
  expected: number;
  received: number;
  seconds: number;
  deliveriesPerSec: number;
  signalsPerSec: number;
  /** Signals answered 503 (queue full) and sent again. */
  queueFullRetries: number;
  /** Server CPU time per delivery (signal handling, fan-out, POST, logging), in ms. */
  cpuMsPerDelivery: number | null;
  memory?: { rssKb: number; hwmKb: number };
}

interface Receiver {
  url: string;
  count(): number;
  /** Resolves when `n` deliveries have arrived, or after `ms` (whatever arrived by then). */
  reached(n: number, ms: number): Promise<void>;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  let received = 0;
  let waiting: { n: number; done: () => void } | undefined;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      if (waiting && received >= waiting.n) waiting.done();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    count: () => received,
    reached: (n, ms) =>
      new Promise((resolve) => {
        if (received >= n) return resolve();
        const timer = setTimeout(resolve, ms);
        waiting = { n, done: () => (clearTimeout(timer), resolve()) };
      }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Sends `total` signals, SIGNALLERS at a time; a 503 (queue full) is retried after a pause. */
async function signalAll(url: string, total: number): Promise<number> {
  let next = 0;
  let retries = 0;
  const worker = async () => {
    while (next < total) {
      const id = ++next;
      for (let attempt = 0; ; attempt++) {
        const answer = await send(url, {
          method: 'POST',
          path: `/api/v1/Webhook/${EVENT}/${id}`,
          // The REST signal takes its EventData body (spec: requestBody required).
          headers: { ...AUTH, 'content-type': 'application/json' },
          body: '{}',
        });
        if (answer.status === 204) break;
        if (answer.status !== 503 || attempt > 500)
          throw new Error(`signal answered ${answer.status}: ${answer.body}`);
        retries++;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  };
  await Promise.all(Array.from({ length: SIGNALLERS }, worker));
  return retries;
}

async function fanOut(dir: string, base: StoreState, webhooks: number, receiver: Receiver) {
  const db = join(dir, `delivery-${webhooks}.json`);
  const store = withWebhooks(base, webhooks, (id) => ({
    Events: [EVENT],
    TargetUrl: `${receiver.url}/hook/${id}`,
    State: 'Active',
    Type: 'webhook',
  }));
  await writeStore(db, store);
  const target = await startOurs(db);
  try {
    const signals = Math.max(1, Math.round(DELIVERIES / webhooks));
    const expected = signals * webhooks;
    const before = receiver.count();
    const cpuBefore = await cpuMs(target.pid);
    const began = performance.now();
    const queueFullRetries = await signalAll(target.url, signals);
    await receiver.reached(before + expected, WAIT_MS);
    const seconds = (performance.now() - began) / 1000;
    const received = receiver.count() - before;
    const cpuAfter = await cpuMs(target.pid);
    const memory = await target.memory();
    return {
      webhooks,
      signals,
      expected,
      received,
      seconds,
      deliveriesPerSec: received / seconds,
      signalsPerSec: (signals * received) / expected / seconds,
      queueFullRetries,
      cpuMsPerDelivery:
        cpuBefore !== undefined && cpuAfter !== undefined && received > 0
          ? (cpuAfter - cpuBefore) / received
          : null,
      ...(memory ? { memory } : {}),
    };
  } finally {
    await target.stop();
  }
}

export async function runDelivery(dir: string, base: StoreState, log: (s: string) => void) {
  const receiver = await startReceiver();
  try {
    const runs: DeliveryRun[] = [];
    for (const n of FAN_OUT) {
      log(`  fan-out to ${n}`);
      runs.push(await fanOut(dir, base, n, receiver));
    }
    return runs;
  } finally {
    await receiver.close();
  }
}
