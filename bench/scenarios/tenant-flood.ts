// One tenant's SignalEvent flood against another tenant's deliveries, on one mock with its
// journal on disk. The quiet tenant signals one event at a time (each waited for until its
// delivery arrives) first alone, then while the flooding tenant's signallers fan out to 50
// hooks as fast as the mock accepts; the ratio of the quiet tenant's signal → delivery p99
// with and without the flood is the cost of sharing. A 503 is counted per tenant, never retried.
import { Agent } from 'node:http';
import { join } from 'node:path';
import type { StoreState } from '../../src/store/state.js';
import { tenantStoreFile } from '../../src/tenants/tenant-id.js';
import { send } from '../probe.js';
import { withWebhooks, writeStore } from '../seed.js';
import { AUTH, OURS, startOurs, type Build } from '../servers.js';
import { quantile, startReceiver, type Receiver } from './delivery.js';

const FLOOD = 'Cust30001';
const QUIET = 'Cust30002';
const FLOOD_HOOKS = 50;
const SIGNALLERS = 4;
const PACED = 60;
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
  /** SignalEvent answered 503, per tenant, during the flood. */
  refused: Record<string, number>;
  /** Deliveries of the quiet tenant that never arrived within the wait. */
  quietLost: number;
}

const agent = new Agent({ keepAlive: true, maxSockets: SIGNALLERS + 1 });

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

async function writeTenants(db: string, base: StoreState, receiver: Receiver) {
  const hook = (path: number) => ({
    Events: [EVENT],
    TargetUrl: `${receiver.url}/hook/${path}`,
    State: 'Active' as const,
    Type: 'webhook' as const,
  });
  await writeStore(db, withWebhooks(base, 1));
  const flood = withWebhooks(base, FLOOD_HOOKS, (id) => hook(id));
  await writeStore(tenantStoreFile(db, FLOOD), { ...flood, contextIdentifier: FLOOD });
  const quiet = withWebhooks(base, 1, () => hook(QUIET_HOOK));
  await writeStore(tenantStoreFile(db, QUIET), { ...quiet, contextIdentifier: QUIET });
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
  const db = join(dir, `tenant-flood-${build.name}.json`);
  await writeTenants(db, base, receiver);
  const mock = await startOurs(db, [], undefined, build);
  try {
    const refused: Record<string, number> = { [FLOOD]: 0, [QUIET]: 0 };
    // Warms both tenants (their stores open, the code paths compile) before anything is timed.
    for (let i = 0; i < 20; i++) await signal(mock.url, FLOOD, 5_000_000 + i);
    await quietRun(mock.url, receiver, 6_000_000, () => undefined);
    log(`  quiet tenant alone (${build.name})`);
    const alone = await quietRun(mock.url, receiver, 1_000_000, () => undefined);
    log(`  quiet tenant while ${FLOOD} floods (${build.name})`);
    let flooding = true;
    let floodSignals = 0;
    const flooder = async () => {
      while (flooding && floodSignals < MAX_FLOOD_SIGNALS) {
        const answer = await signal(mock.url, FLOOD, 1 + floodSignals++);
        if (answer.status === 503) refused[FLOOD] = (refused[FLOOD] ?? 0) + 1;
      }
    };
    const flood = Promise.all(Array.from({ length: SIGNALLERS }, flooder));
    const flooded = await quietRun(mock.url, receiver, 2_000_000, () => {
      refused[QUIET] = (refused[QUIET] ?? 0) + 1;
    });
    flooding = false;
    await flood;
    return {
      target: build.name,
      quietAloneMs: alone.ms,
      quietFloodedMs: flooded.ms,
      floodSignals,
      refused,
      quietLost: alone.lost + flooded.lost,
    };
  } finally {
    await mock.stop();
    await receiver.close();
  }
}
