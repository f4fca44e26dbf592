// One tenant's SignalEvent flood against another tenant's deliveries, on one mock with its
// journal on disk. The quiet tenant signals one event at a time (each waited for until its
// delivery arrives) first alone, then while the flooding tenant's signallers fan out to 50
// hooks as fast as the mock accepts; the ratio of the quiet tenant's signal → delivery p99
// with and without the flood is the cost of sharing. A 503 is counted per tenant, never retried.
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
 * Quiet signals per run. The p99 of 60 was the slowest one alone, a single stall of a shared
 * machine; of 200 it is the second slowest.
 */
const PACED = 200;
const EVENT = 'bench.flood';
/** The quiet tenant's one hook gets a path no flood hook has. */
const QUIET_HOOK = 900_000;
/** Bounds the flood: it stops when the quiet run ends, or after this many signals. */
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
}

/** The flooding job's process, once its receiver listens. */
function startFlooder(): Promise<{ child: ChildProcess; receiverUrl: string }> {
  const child = fork(join(ROOT, 'bench', 'launchers', 'flooder.mjs'), [], { stdio: 'ignore' });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the flooder did not start')), 10_000);
    child.once('message', (message: { receiver?: string }) => {
      clearTimeout(timer);
      if (message.receiver) resolve({ child, receiverUrl: message.receiver });
      else reject(new Error('the flooder answered without its receiver'));
    });
    child.once('error', reject);
  });
}

/** Stops the flood; resolves to the flooder's counts (or throws if it does not answer). */
function stopFlooder(child: ChildProcess): Promise<FloodCounts> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the flooder did not stop')), 30_000);
    child.on('message', (message: { done?: FloodCounts }) => {
      if (!message.done) return;
      clearTimeout(timer);
      resolve(message.done);
    });
    child.send({ stop: true });
  });
}

/** PACED quiet signals, each waited for; latency = signal sent → its delivery arrived. */
async function quietRun(url: string, receiver: Receiver, first: number, refused: () => void) {
  const latencies: number[] = [];
  let lost = 0;
  for (let i = 0; i < PACED; i++) {
    const key = first + i;
    const sent = performance.now();
    const answer = await signal(url, QUIET, key);
    if (answer.status === 503) {
      refused();
      continue;
    }
    const at = await receiver.arrival(`${QUIET_HOOK}:${key}`, 5_000);
    if (at === undefined) lost++;
    else latencies.push(at - sent);
  }
  const r = (v: number) => Math.round(v * 10) / 10;
  return {
    ms: { p50: r(quantile(latencies, 0.5)), p99: r(quantile(latencies, 0.99)) },
    lost,
  };
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
    const refused: Record<string, number> = { [FLOOD]: 0, [QUIET]: 0 };
    // Warms both tenants (their stores open, the code paths compile) before anything is timed.
    for (let i = 0; i < 20; i++) await signal(mock.url, FLOOD, 5_000_000 + i);
    await quietRun(mock.url, receiver, 6_000_000, () => undefined);
    log(`  quiet tenant alone (${build.name})`);
    const alone = await quietRun(mock.url, receiver, 1_000_000, () => undefined);
    log(`  quiet tenant while ${FLOOD} floods from its own process (${build.name})`);
    flooder.child.send({
      start: {
        url: mock.url,
        tenant: FLOOD,
        event: EVENT,
        signallers: SIGNALLERS,
        max: MAX_FLOOD_SIGNALS,
      },
    });
    const flooded = await quietRun(mock.url, receiver, 2_000_000, () => {
      refused[QUIET] = (refused[QUIET] ?? 0) + 1;
    });
    const counts = await stopFlooder(flooder.child);
    refused[FLOOD] = counts.refused;
    if (counts.received === 0)
      throw new Error('the flood delivered nothing: no flood was measured');
    return {
      target: build.name,
      quietAloneMs: alone.ms,
      quietFloodedMs: flooded.ms,
      floodSignals: counts.signals,
      floodDeliveries: counts.received,
      refused,
      quietLost: alone.lost + flooded.lost,
    };
  } finally {
    flooder.child.kill();
    await mock.stop();
    await receiver.close();
  }
}
