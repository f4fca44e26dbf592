// One tenant's SignalEvent flood against another tenant's deliveries, on one mock with its
// journal on disk. The quiet tenant signals one event at a time (each waited for until its
// delivery arrives), in blocks that alternate: alone, then while the flooding tenant's
// signallers fan out to 50 hooks as fast as the mock accepts; the ratio of the quiet tenant's
// signal → delivery p99 with and without the flood is the cost of sharing. A 503 is counted per
// tenant, never retried. Alternating blocks put the same stretch of a shared machine's load
// behind both sides: measured one after the other, whatever else the machine ran in one half
// of the run moved the ratio more than the flood did.
// The flooding tenant is another CI job: its receiver and signallers run in a process of their
// own (launchers/flooder.mjs), so the bench's event loop times only the quiet tenant.
import { fork, type ChildProcess } from 'node:child_process';
import { Agent } from 'node:http';
import { join } from 'node:path';
import type { StoreState } from '../../src/store/state.js';
import { ROOT } from '../process.js';
import { tenantStoreFile } from '../../src/tenants/tenant-id.js';
import { send } from '../probe.js';
import { withWebhooks, writeStore } from '../seed.js';
import { AUTH, OURS, startOurs, type Build } from '../servers.js';
import { quantile, startReceiver, type Receiver } from './delivery.js';

const FLOOD = 'Cust30001';
const QUIET = 'Cust30002';
const FLOOD_HOOKS = 50;
const SIGNALLERS = 4;
/**
 * Quiet signals per block, and blocks per side: 300 a side. The p99 of 60 was the slowest one
 * alone, a single stall of a shared machine; of 300 it is the third slowest.
 */
const PACED = 60;
const ROUNDS = 5;
/** How long a flood block waits for the flood's first 503 (its queue full) before it starts. */
const SATURATION_MS = 3_000;
/**
 * After the flood has drained, the mock still collects its garbage and folds its journal for a
 * while; an alone block that began at once would time that aftermath and flatter the ratio.
 */
const AFTERMATH_MS = 500;
const EVENT = 'bench.flood';
/** The quiet tenant's one hook gets a path no flood hook has. */
const QUIET_HOOK = 900_000;
/** Bounds each flood block: it stops when the quiet block ends, or after this many signals. */
const MAX_FLOOD_SIGNALS = 4_000;

export interface TenantFloodRun {
  /** Which build ran: ours, or the --baseline one. */
  target: string;
  quietAloneMs: { p50: number; p99: number };
  quietFloodedMs: { p50: number; p99: number };
  floodSignals: number;
  /** Deliveries the flooding tenant's receiver got (absent in older runs). */
  floodDeliveries?: number;
  /** SignalEvent answered 503, per tenant, during the flood. */
  refused: Record<string, number>;
  /** Deliveries of the quiet tenant that never arrived within the wait. */
  quietLost: number;
  /** Alternating blocks a side, and the flood blocks whose flood filled its queue before timing began. */
  blocks?: { rounds: number; saturated: number };
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function signal(url: string, tenant: string, key: number) {
  return send(
    url,
    {
      method: 'POST',
      path: `/${tenant}/api/v1/Webhook/${EVENT}/${key}`,
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: '{}',
    },
    10_000,
    agent,
  );
}

async function writeTenants(db: string, base: StoreState, quietUrl: string, floodUrl: string) {
  const hook = (url: string, path: number) => ({
    Events: [EVENT],
    TargetUrl: `${url}/hook/${path}`,
    State: 'Active' as const,
    Type: 'webhook' as const,
  });
  await writeStore(db, withWebhooks(base, 1));
  const flood = withWebhooks(base, FLOOD_HOOKS, (id) => hook(floodUrl, id));
  await writeStore(tenantStoreFile(db, FLOOD), { ...flood, contextIdentifier: FLOOD });
  const quiet = withWebhooks(base, 1, () => hook(quietUrl, QUIET_HOOK));
  await writeStore(tenantStoreFile(db, QUIET), { ...quiet, contextIdentifier: QUIET });
}

interface FloodCounts {
  signals: number;
  refused: number;
  received: number;
  /** Deliveries the flood's receiver could not read as HTTP/1.1 (it closes their connection). */
  malformed: number;
}

/** The flooding job's process, once its receiver listens. */
function startFlooder(): Promise<{ child: ChildProcess; receiverUrl: string }> {
  const child = fork(join(ROOT, 'bench', 'launchers', 'flooder.mjs'), [], { stdio: 'ignore' });
  return reply<string>(child, 'receiver', 10_000, undefined).then((receiverUrl) => ({
    child,
    receiverUrl,
  }));
}

/**
 * Sends `message` (when given) and resolves to the payload of the flooder's next message keyed
 * `key`; rejects after `ms`, naming the message that never came.
 */
function reply<T>(child: ChildProcess, key: string, ms: number, message?: object): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: Record<string, unknown>) => {
      if (!(key in m)) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(m[key] as T);
    };
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error(`the flooder sent no "${key}" within ${ms} ms`));
    }, ms);
    child.on('message', onMessage);
    if (message) child.send(message);
  });
}

/** PACED quiet signals, each waited for; latency = signal sent → its delivery arrived. */
async function quietBlock(
  url: string,
  receiver: Receiver,
  first: number,
  refused: () => void,
  into: { latencies: number[]; lost: number },
) {
  for (let i = 0; i < PACED; i++) {
    const key = first + i;
    const sent = performance.now();
    const answer = await signal(url, QUIET, key);
    if (answer.status === 503) {
      refused();
      continue;
    }
    const at = await receiver.arrival(`${QUIET_HOOK}:${key}`, 5_000);
    if (at === undefined) into.lost++;
    else into.latencies.push(at - sent);
  }
}

function percentiles(latencies: number[]) {
  const r = (v: number) => Math.round(v * 10) / 10;
  return { p50: r(quantile(latencies, 0.5)), p99: r(quantile(latencies, 0.99)) };
}

/** Ours, then the --baseline build when there is one, each on a fresh store. */
export async function runTenantFlood(
  dir: string,
  base: StoreState,
  log: (s: string) => void,
  baseline?: Build,
): Promise<TenantFloodRun[]> {
  const runs: TenantFloodRun[] = [];
  try {
    for (const build of baseline ? [OURS, baseline] : [OURS]) {
      runs.push(await floodOne(dir, base, log, build));
    }
  } finally {
    agent.destroy();
  }
  return runs;
}

async function floodOne(
  dir: string,
  base: StoreState,
  log: (s: string) => void,
  build: Build,
): Promise<TenantFloodRun> {
  const receiver = await startReceiver();
  const flooder = await startFlooder();
  const db = join(dir, `tenant-flood-${build.name}.json`);
  await writeTenants(db, base, receiver.url, flooder.receiverUrl);
  const mock = await startOurs(db, [], undefined, build);
  try {
    let quietRefused = 0;
    // Warms both tenants (their stores open, the code paths compile) before anything is timed.
    for (let i = 0; i < 20; i++) await signal(mock.url, FLOOD, 5_000_000 + i);
    await quietBlock(mock.url, receiver, 6_000_000, () => undefined, { latencies: [], lost: 0 });
    flooder.child.send({ reset: true });
    const alone = { latencies: [] as number[], lost: 0 };
    const flooded = { latencies: [] as number[], lost: 0 };
    let saturated = 0;
    log(`  quiet tenant alone and while ${FLOOD} floods, ${ROUNDS} blocks each (${build.name})`);
    for (let round = 0; round < ROUNDS; round++) {
      const key = 1_000_000 + round * 2 * PACED;
      await quietBlock(mock.url, receiver, key, () => undefined, alone);
      const start = { url: mock.url, tenant: FLOOD, event: EVENT, signallers: SIGNALLERS };
      const full = reply(flooder.child, 'saturated', SATURATION_MS, {
        start: { ...start, max: MAX_FLOOD_SIGNALS },
      }).then(
        () => true,
        () => false,
      );
      if (await full) saturated++;
      await quietBlock(mock.url, receiver, key + PACED, () => quietRefused++, flooded);
      // The next alone block starts once the flood's queue has drained, and its aftermath passed.
      await reply<FloodCounts>(flooder.child, 'paused', 30_000, { pause: true });
      await new Promise((resolve) => setTimeout(resolve, AFTERMATH_MS));
    }
    const counts = await reply<FloodCounts>(flooder.child, 'done', 30_000, { stop: true });
    if (counts.received === 0)
      throw new Error('the flood delivered nothing: no flood was measured');
    if (counts.malformed > 0) {
      throw new Error(`the flood's receiver could not read ${counts.malformed} deliveries`);
    }
    return {
      target: build.name,
      quietAloneMs: percentiles(alone.latencies),
      quietFloodedMs: percentiles(flooded.latencies),
      floodSignals: counts.signals,
      floodDeliveries: counts.received,
      refused: { [FLOOD]: counts.refused, [QUIET]: quietRefused },
      quietLost: alone.lost + flooded.lost,
      blocks: { rounds: ROUNDS, saturated },
    };
  } finally {
    flooder.child.kill();
    await mock.stop();
    await receiver.close();
  }
}
