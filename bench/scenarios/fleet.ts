// A CI fleet sharing one mock: N parallel runs of the library's runConformance, each in its
// own tenant (/CustNNNN/api) of one mock process, then the same N runs each against a mock
// process of its own. Every run's API calls go through the global fetch (timed here) and every
// delivery lands on a conformance receiver in this process (counted through Node's HTTP
// diagnostics channel). Wall time is from the first run's start to the last run's end.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { join } from 'node:path';
import { runConformance, type ConformanceReport } from '../../src/index.js';
import { launch, ROOT, type Target } from '../process.js';
import { GET_HOOK_1 } from '../servers.js';
import { quantile } from './delivery.js';

export const FLEET_SIZES = [1, 5, 20] as const;
/** Separate mocks started in parallel, batch by batch. */
const STARTING_AT_ONCE = 4;
/** BENCH_FLEET_SIZES=20 measures one size only (e.g. to repeat the largest). */
const sizes = (): number[] =>
  process.env.BENCH_FLEET_SIZES?.split(',').map(Number) ?? [...FLEET_SIZES];
/** The mocks' --time-scale, passed to runConformance so retry spacing is judged to scale. */
const TIME_SCALE = 0.01;

export interface FleetRun {
  clients: number;
  layout: 'shared' | 'separate';
  seconds: number;
  apiCalls: number;
  apiP99Ms: number;
  deliveries: number;
  deliveriesPerSec: number;
  /** Peak RSS of the one shared mock, or the sum of the separate mocks' peaks. */
  rssKb: number | null;
  verdicts: { passed: number; failed: number; error: number; skipped: number };
  /** `client: case id (status)` of every verdict that is not a pass or a skip. */
  notPassed: string[];
}

function startMock(dir: string, name: string): Promise<Target> {
  return launch({
    name,
    args: [
      join(ROOT, 'dist', 'src', 'cli.js'),
      'serve',
      '--port',
      '0',
      '--db',
      join(dir, `${name}.json`),
      '--time-scale',
      String(TIME_SCALE),
    ],
    probe: GET_HOOK_1,
  });
}

/** Runs `work` with every fetch timed and every request to an in-process server counted. */
async function observed<T>(work: () => Promise<T>) {
  const latencies: number[] = [];
  let served = 0;
  const count = () => void served++;
  const original = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const started = performance.now();
    try {
      return await original(input, init);
    } finally {
      latencies.push(performance.now() - started);
    }
  };
  subscribe('http.server.request.start', count);
  try {
    const result = await work();
    return { result, latencies, served: () => served };
  } finally {
    globalThis.fetch = original;
    unsubscribe('http.server.request.start', count);
  }
}

function tally(reports: readonly ConformanceReport[]) {
  const verdicts = { passed: 0, failed: 0, error: 0, skipped: 0 };
  const notPassed: string[] = [];
  reports.forEach((report, client) => {
    for (const key of Object.keys(verdicts) as Array<keyof typeof verdicts>) {
      verdicts[key] += report.summary[key];
    }
    for (const v of report.verdicts) {
      if (v.status === 'failed' || v.status === 'error') {
        notPassed.push(`${client + 1}: ${v.id} (${v.status})`);
      }
    }
  });
  return { verdicts, notPassed };
}

async function fleet(
  clients: number,
  layout: FleetRun['layout'],
  targets: readonly string[],
  mocks: readonly Target[],
): Promise<FleetRun> {
  const began = performance.now();
  const run = await observed(() =>
    Promise.all(targets.map((target) => runConformance({ target, timeScale: TIME_SCALE }))),
  );
  const seconds = (performance.now() - began) / 1000;
  const memory = await Promise.all(mocks.map((m) => m.memory()));
  const rssKb = memory.every((m) => m !== undefined)
    ? memory.reduce((sum, m) => sum + (m?.hwmKb ?? 0), 0)
    : null;
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    clients,
    layout,
    seconds: round(seconds),
    apiCalls: run.latencies.length,
    apiP99Ms: round(quantile(run.latencies, 0.99)),
    deliveries: run.served(),
    deliveriesPerSec: round(run.served() / seconds),
    rssKb,
    ...tally(run.result),
  };
}

/** One line per run as it ends, so a long run shows its figures before the tables. */
const summary = (r: FleetRun | undefined) =>
  r
    ? `${r.seconds} s, API p99 ${r.apiP99Ms} ms, ${r.deliveries} deliveries, ` +
      `RSS ${Math.round((r.rssKb ?? 0) / 1024)} MiB, not passed: ${r.notPassed.length}` +
      // Which cases, so a failing fleet says why in its own log.
      (r.notPassed.length > 0 ? ` (${r.notPassed.slice(0, 3).join('; ')})` : '')
    : '';

const tenantOf = (i: number) => `Cust${10_001 + i}`;

/** For each size: the shared mock's run, then the separate mocks' run of the same size. */
export async function runFleet(dir: string, log: (s: string) => void): Promise<FleetRun[]> {
  const runs: FleetRun[] = [];
  for (const clients of sizes()) {
    log(`  ${clients} client(s) on one mock, a tenant each`);
    const shared = await startMock(dir, `fleet-shared-${clients}`);
    try {
      const targets = Array.from({ length: clients }, (_, i) => `${shared.url}/${tenantOf(i)}`);
      runs.push(await fleet(clients, 'shared', targets, [shared]));
    } finally {
      await shared.stop();
    }
    log(`    ${summary(runs.at(-1))}`);
    log(`  ${clients} client(s), a mock process each`);
    const own: Target[] = [];
    try {
      // A few at a time: twenty cold starts at once on two cores outlast the start-up bound.
      for (let i = 0; i < clients; i += STARTING_AT_ONCE) {
        const batch = Array.from({ length: Math.min(STARTING_AT_ONCE, clients - i) }, (_, j) =>
          startMock(dir, `fleet-own-${clients}-${i + j}`),
        );
        const started = await Promise.allSettled(batch);
        for (const each of started) if (each.status === 'fulfilled') own.push(each.value);
        const failed = started.find((each) => each.status === 'rejected');
        if (failed) throw failed.reason;
      }
      const targets = own.map((m, i) => `${m.url}/${tenantOf(i)}`);
      runs.push(await fleet(clients, 'separate', targets, own));
    } finally {
      await Promise.all(own.map((m) => m.stop()));
    }
    log(`    ${summary(runs.at(-1))}`);
  }
  return runs;
}
