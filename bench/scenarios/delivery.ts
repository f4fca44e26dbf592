// Delivery throughput: signals fanned out to N webhooks that all point at one local receiver,
// timed from the first signal until the receiver has every delivery (bounded wait), over ROUNDS
// rounds after warm-up rounds that last until the cost settles (the median round is reported).
// The receiver also times each delivery's first attempt against the moment its signal was sent
// (matched by webhook and PrimaryKey), and with --baseline the baseline build runs each size
// right after ours.
import { Agent, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { StoreState } from '../../src/store/state.js';
import { cpuMs } from '../process.js';
import { bareSender } from './bare-sender.js';
import { send } from '../probe.js';
import { withWebhooks, writeStore } from '../seed.js';
import { AUTH, OURS, startOurs, type Build } from '../servers.js';

export const FAN_OUT = [1, 10, 50] as const;
/** Deliveries per round at each fan-out size; signals = DELIVERIES / N. */
export const DELIVERIES = 2000;
/** Measured rounds, after the warm-up; the median one is reported. */
export const ROUNDS = 3;
/**
 * Warm-up rounds of the same size run until one costs within WARM_WITHIN of the CPU per delivery
 * of the one before, and at most this many. A process that has sent a few hundred deliveries is
 * still compiling its hot path: its first 2 000 cost twice the CPU of the next 2 000, and the
 * cost keeps falling for several rounds, so a fixed short warm-up timed the JIT, not the
 * delivery path (as JMH-style harnesses do, the measurement starts at the steady state).
 */
const MAX_WARMUP_ROUNDS = 8;
const WARM_WITHIN = 0.1;
const SIGNALLERS = 4;
const WAIT_MS = 60_000;
const EVENT = 'bench.delivery';
/** Signals sent one at a time after the flood, each waited for: latency without a queue. */
const PACED = 40;
const PACED_WAIT_MS = 5_000;
/** Paced signals' ids start here, so their deliveries never match a flood signal's. */
const PACED_FIRST_ID = 1_000_001;

export interface DeliveryRun {
  /** Which build ran: ours, or the --baseline one. */
  target: string;
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
  /** Each measured round's deliveries/s and CPU ms per delivery (absent in older runs). */
  rounds?: { deliveriesPerSec: number; cpuMsPerDelivery: number | null }[];
  /** Unmeasured rounds run before them until the CPU per delivery settled. */
  warmupRounds?: number;
  /** Signal sent → first attempt received, over every delivery of the flood (ms). */
  firstAttemptMs: { p50: number; p99: number } | null;
  /** The same for PACED signals sent one at a time on the idle server (absent in older runs). */
  pacedFirstAttemptMs?: { p50: number; p99: number } | null;
  memory?: { rssKb: number; hwmKb: number };
}

/** The q-quantile (0..1) of `values` by nearest rank; NaN when empty. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

export interface Receiver {
  url: string;
  count(): number;
  /** When the first attempt of each delivery arrived, by `<webhook id>:<PrimaryKey>`. */
  firstArrivals(): ReadonlyMap<string, number>;
  /** Forgets the arrivals of the previous run. */
  reset(): void;
  /** When delivery `<webhook id>:<PrimaryKey>` arrived; undefined if not within `ms`. */
  arrival(id: string, ms: number): Promise<number | undefined>;
  /** Resolves when `n` deliveries have arrived, or after `ms` (whatever arrived by then). */
  reached(n: number, ms: number): Promise<void>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  let received = 0;
  let arrivals = new Map<string, number>();
  let waiting: { n: number; done: () => void } | undefined;
  const awaited = new Map<string, (at: number) => void>();
  const server: Server = createServer((req, res) => {
    const at = performance.now();
    const hook = /^\/hook\/(\d+)$/.exec(req.url ?? '')?.[1];
    let body = '';
    // Only the head of the body is kept: PrimaryKey comes early in the payload (§3b order).
    req.on('data', (chunk: Buffer) => {
      if (body.length < 4096) body += chunk.toString('latin1');
    });
    req.on('end', () => {
      const key = /"PrimaryKey":(\d+)/.exec(body)?.[1];
      const id = `${hook}:${key}`;
      if (hook && key && !arrivals.has(id)) {
        arrivals.set(id, at);
        awaited.get(id)?.(at);
      }
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
    firstArrivals: () => arrivals,
    reset: () => (arrivals = new Map()),
    arrival: (id, ms) =>
      new Promise((resolve) => {
        const at = arrivals.get(id);
        if (at !== undefined) return resolve(at);
        const timer = setTimeout(() => (awaited.delete(id), resolve(undefined)), ms);
        awaited.set(id, (when) => (clearTimeout(timer), awaited.delete(id), resolve(when)));
      }),
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

/** Signals go over kept-alive connections, as an API client's do (Node's fetch, the official
 * client): a connection per signal would time the bench's TCP handshakes, not the fan-out. */
const signallers = new Agent({ keepAlive: true, maxSockets: SIGNALLERS });

/**
 * Signals `id` until accepted; a 503 (queue full) is retried after a pause. `sentAt` gets when
 * the accepted attempt was sent. Resolves to the number of retries.
 */
async function signal(url: string, id: number, sentAt: Map<number, number>): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    sentAt.set(id, performance.now());
    const answer = await send(
      url,
      {
        method: 'POST',
        path: `/api/v1/Webhook/${EVENT}/${id}`,
        // The REST signal takes its EventData body (spec: requestBody required).
        headers: { ...AUTH, 'content-type': 'application/json' },
        body: '{}',
      },
      10_000,
      signallers,
    );
    if (answer.status === 204) return attempt;
    if (answer.status !== 503 || attempt > 500)
      throw new Error(`signal answered ${answer.status}: ${answer.body}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Sends signals first+1..first+total, SIGNALLERS at a time; resolves to the 503 retries. */
async function signalAll(url: string, total: number, sentAt: Map<number, number>, first = 0) {
  let next = 0;
  let retries = 0;
  const worker = async () => {
    while (next < total) retries += await signal(url, first + ++next, sentAt);
  };
  await Promise.all(Array.from({ length: SIGNALLERS }, worker));
  return retries;
}

/** PACED signals, each sent once the previous one's `webhooks` deliveries have arrived. */
async function signalPaced(url: string, receiver: Receiver, webhooks: number) {
  const sentAt = new Map<number, number>();
  receiver.reset();
  for (let i = 0; i < PACED; i++) {
    const before = receiver.count();
    await signal(url, PACED_FIRST_ID + i, sentAt);
    await receiver.reached(before + webhooks, PACED_WAIT_MS);
  }
  return firstAttemptLatency(receiver.firstArrivals(), sentAt);
}

/** Signal → first attempt of every delivery that arrived; null when none did. */
function firstAttemptLatency(
  arrivals: ReadonlyMap<string, number>,
  sentAt: ReadonlyMap<number, number>,
) {
  const latencies: number[] = [];
  for (const [id, at] of arrivals) {
    const sent = sentAt.get(Number(id.slice(id.indexOf(':') + 1)));
    if (sent !== undefined) latencies.push(at - sent);
  }
  if (latencies.length === 0) return null;
  const round = (v: number) => Math.round(v * 10) / 10;
  return { p50: round(quantile(latencies, 0.5)), p99: round(quantile(latencies, 0.99)) };
}

interface Round {
  seconds: number;
  received: number;
  expected: number;
  signals: number;
  queueFullRetries: number;
  cpuMs: number | null;
  firstAttemptMs: DeliveryRun['firstAttemptMs'];
}

/** One round: `signals` signals, SIGNALLERS at a time, until their deliveries have arrived. */
async function round(
  target: { url: string; pid: number },
  receiver: Receiver,
  webhooks: number,
  firstId: number,
): Promise<Round> {
  const signals = Math.max(1, Math.round(DELIVERIES / webhooks));
  const expected = signals * webhooks;
  const before = receiver.count();
  receiver.reset();
  const sentAt = new Map<number, number>();
  const cpuBefore = await cpuMs(target.pid);
  const began = performance.now();
  const queueFullRetries = await signalAll(target.url, signals, sentAt, firstId);
  await receiver.reached(before + expected, WAIT_MS);
  const seconds = (performance.now() - began) / 1000;
  const cpuAfter = await cpuMs(target.pid);
  return {
    seconds,
    received: receiver.count() - before,
    expected,
    signals,
    queueFullRetries,
    cpuMs: cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : null,
    firstAttemptMs: firstAttemptLatency(receiver.firstArrivals(), sentAt),
  };
}

/** The median (lower middle) of the values that are known; null when none is. */
const medianKnown = (values: readonly (number | null)[]) => {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : quantile(known, 0.5);
};

const cpuPerDelivery = (r: Round) =>
  r.cpuMs !== null && r.received > 0 ? r.cpuMs / r.received : null;

/**
 * Runs unmeasured rounds until `measure` (of round r, from 1) settles within WARM_WITHIN of the
 * round before, measures nothing, or MAX_WARMUP_ROUNDS have run; resolves to how many ran.
 */
export async function warmUp(measure: (r: number) => Promise<number | null>): Promise<number> {
  let previous: number | null = null;
  for (let r = 1; ; r++) {
    const now = await measure(r);
    const settled =
      now !== null && previous !== null && Math.abs(now - previous) <= WARM_WITHIN * previous;
    if (settled || now === null || r >= MAX_WARMUP_ROUNDS) return r;
    previous = now;
  }
}

async function fanOut(
  dir: string,
  base: StoreState,
  webhooks: number,
  receiver: Receiver,
  build: Build,
): Promise<DeliveryRun> {
  const db = join(dir, `delivery-${build.name}-${webhooks}.json`);
  const store = withWebhooks(base, webhooks, (id) => ({
    Events: [EVENT],
    TargetUrl: `${receiver.url}/hook/${id}`,
    State: 'Active',
    Type: 'webhook',
  }));
  await writeStore(db, store);
  const target = await startOurs(db, [], undefined, build);
  try {
    const warmup = await warmUp(async (r) =>
      cpuPerDelivery(await round(target, receiver, webhooks, 2_000_000 + r * 100_000)),
    );
    const rounds: Round[] = [];
    // Signal ids stay distinct across rounds so every first arrival matches its own signal.
    for (let r = 0; r < ROUNDS; r++)
      rounds.push(await round(target, receiver, webhooks, r * 100_000));
    const perSec = (r: Round) => r.received / r.seconds;
    const byRate = [...rounds].sort((a, b) => perSec(a) - perSec(b));
    const middle = byRate[Math.floor((byRate.length - 1) / 2)] as Round;
    const memory = await target.memory();
    const pacedFirstAttemptMs = await signalPaced(target.url, receiver, webhooks);
    return {
      target: build.name,
      webhooks,
      signals: middle.signals,
      expected: middle.expected,
      received: middle.received,
      seconds: middle.seconds,
      deliveriesPerSec: perSec(middle),
      signalsPerSec: (middle.signals * middle.received) / middle.expected / middle.seconds,
      queueFullRetries: middle.queueFullRetries,
      cpuMsPerDelivery: medianKnown(rounds.map(cpuPerDelivery)),
      rounds: rounds.map((r) => ({
        deliveriesPerSec: perSec(r),
        cpuMsPerDelivery: cpuPerDelivery(r),
      })),
      warmupRounds: warmup,
      firstAttemptMs: middle.firstAttemptMs,
      pacedFirstAttemptMs,
      ...(memory ? { memory } : {}),
    };
  } finally {
    await target.stop();
  }
}

/** Ours at every size, each followed by the baseline's run of that size when there is one. */
export async function runDelivery(
  dir: string,
  base: StoreState,
  log: (s: string) => void,
  baseline?: Build,
) {
  const receiver = await startReceiver();
  try {
    const runs: DeliveryRun[] = [];
    for (const n of FAN_OUT) {
      for (const build of baseline ? [OURS, baseline] : [OURS]) {
        log(`  fan-out to ${n} (${build.name})`);
        runs.push(await fanOut(dir, base, n, receiver, build));
      }
    }
    const widest = Math.max(...FAN_OUT);
    log(`  bare keep-alive sender to the same receiver, ${widest} hooks`);
    const reached = (n: number) => receiver.reached(n, WAIT_MS);
    runs.push(await bareSender(receiver.url, widest, reached, () => receiver.count()));
    return runs;
  } finally {
    signallers.destroy();
    await receiver.close();
  }
}
