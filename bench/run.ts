// `npm run bench [-- --baseline <git-ref>] [-- --only fleet,delivery]`: builds dist/ (and the
// baseline's), runs every scenario (or those named) against servers on 127.0.0.1, prints the
// goals and the markdown tables, writes bench/results/latest.json so runs can be compared, and
// rewrites bench/README.md from it. `--readme-only` does only the last, from the results there.
import { existsSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { cpus, loadavg, platform, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { baselineRef, prepareBaseline, type Baseline } from './baseline.js';
import { goals } from './goals.js';
import { LOAD_DEFAULTS } from './load.js';
import { installCleanup, killAll, onExit, ROOT } from './process.js';
import { readResult, writeBenchReadme } from './readme.js';
import { markdown, ratios, type BenchResult } from './report.js';
import { runColdStart } from './scenarios/cold-start.js';
import { runDelivery } from './scenarios/delivery.js';
import { runInboxStorm } from './scenarios/inbox-storm.js';
import { runReads } from './scenarios/reads.js';
import { runStreamClients } from './scenarios/stream-clients.js';
import { runThroughput } from './scenarios/throughput.js';
import { runWriteScaling } from './scenarios/write-scaling.js';
import { runFleet } from './scenarios/fleet.js';
import { runTenantFlood } from './scenarios/tenant-flood.js';
import { runTenantScale } from './scenarios/tenant-scale.js';
import type { StoreState } from '../src/store/state.js';
import { readStore } from './seed.js';
import { onlyScenarios, SCENARIOS, type Scenario } from './select.js';
import { buildOurs, OURS_ROOT, startOurs } from './servers.js';

const log = (line: string) => process.stderr.write(`${line}\n`);

function machine(): BenchResult['machine'] {
  const list = cpus();
  return {
    node: process.version,
    cpus: `${list.length} × ${list[0]?.model.trim() ?? 'unknown CPU'}`,
    platform: `${platform()} ${release()}`,
    date: new Date().toISOString(),
    // Before the bench adds its own load: how busy the machine already was.
    loadAverage: loadavg(),
  };
}

function build(timings: Record<string, number>): BenchResult['build'] {
  log(`build ${join(OURS_ROOT, 'dist')}:`);
  const start = performance.now();
  const result = buildOurs();
  timings.build = Math.round((performance.now() - start) / 100) / 10;
  if (!result.ok) log(`  warning: tsc reported errors; measuring what it emitted:`);
  for (const line of result.errors) log(`    ${line}`);
  return result;
}

/** The store ours writes from the default fixture: every other store is grown from it. */
async function baseStore(dir: string): Promise<StoreState> {
  const file = join(dir, 'throughput-ours.json');
  if (!existsSync(file)) {
    const ours = await startOurs(file);
    await ours.stop();
  }
  return readStore(file);
}

async function scenarios(
  dir: string,
  timings: Record<string, number>,
  only: ReadonlySet<Scenario>,
  baseline?: Baseline,
) {
  const timed = async <T>(name: Scenario, work: () => Promise<T>): Promise<T | undefined> => {
    if (!only.has(name)) return undefined;
    log(`${name}:`);
    const start = performance.now();
    const result = await work();
    timings[name] = Math.round((performance.now() - start) / 100) / 10;
    log(`  (${timings[name]} s)`);
    return result;
  };
  const throughput = (await timed('throughput', () => runThroughput(dir, log))) ?? [];
  const base = await baseStore(dir);
  const reads = await timed('reads', () => runReads(dir, base, log, baseline));
  const coldStart = await timed('cold-start', () => runColdStart(dir));
  const writeScaling = await timed('writes', () => runWriteScaling(dir, base, log));
  const delivery = await timed('delivery', () => runDelivery(dir, base, log, baseline));
  const streamClients = await timed('stream-clients', () => runStreamClients(dir, base, log));
  const inboxStorm = await timed('inbox-storm', () => runInboxStorm(dir, base, log));
  const fleet = await timed('fleet', () => runFleet(dir, log));
  const tenantScale = await timed('tenants', () => runTenantScale(dir, base, log));
  const tenantFlood = await timed('flood', () => runTenantFlood(dir, base, log, baseline));
  return {
    throughput,
    ratios: ratios(throughput),
    reads: reads ?? [],
    coldStart: coldStart ?? [],
    writeScaling: writeScaling ?? [],
    delivery: delivery ?? [],
    ...(streamClients && { streamClients }),
    ...(inboxStorm && { inboxStorm }),
    ...(fleet && { fleet }),
    ...(tenantScale && { tenantScale }),
    ...(tenantFlood && { tenantFlood }),
  };
}

async function main(): Promise<void> {
  if (process.argv.includes('--readme-only')) {
    await writeBenchReadme(await readResult());
    log('bench/README.md rewritten from bench/results/latest.json');
    return;
  }
  installCleanup();
  const began = performance.now();
  const info = machine();
  const timings: Record<string, number> = {};
  const built = build(timings);
  const ref = baselineRef(process.argv.slice(2));
  const only = onlyScenarios(process.argv.slice(2));
  const baseline = ref === undefined ? undefined : prepareBaseline(ref, log);
  const dir = await mkdtemp(join(tmpdir(), 'so-webhook-mock-bench-'));
  onExit(() => rmSync(dir, { recursive: true, force: true }));
  try {
    const { connections, rounds, roundSec, warmupSec } = LOAD_DEFAULTS;
    const measured = await scenarios(dir, timings, only, baseline);
    const result: BenchResult = {
      machine: info,
      build: built,
      ...(baseline && {
        baseline: { ref: baseline.ref, commit: baseline.commit, build: baseline.build },
      }),
      settings: { connections, rounds, roundSec, warmupSec },
      goals: [],
      ...measured,
      ...(only.size < SCENARIOS.length && { only: [...only] }),
      seconds: (performance.now() - began) / 1000,
      timings,
    };
    // A subset run judges only what it measured.
    result.goals = goals(result).filter((g) => !result.only || g.verdict !== 'not measured');
    const out = join(ROOT, 'bench', 'results');
    await mkdir(out, { recursive: true });
    // A subset leaves the last full result, and the page made from it, in place.
    const file = result.only ? 'latest-subset.json' : 'latest.json';
    await writeFile(join(out, file), `${JSON.stringify(result, null, 2)}\n`);
    if (!result.only) await writeBenchReadme(result);
    process.stdout.write(`${markdown(result)}\n`);
  } finally {
    killAll();
  }
}

main().catch((error: unknown) => {
  killAll();
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
