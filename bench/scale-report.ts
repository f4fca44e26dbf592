// The goals and tables of many clients sharing one mock: the CI fleet, many tenants holding many
// webhooks, one tenant's flood beside another, and the fan-out against the wire's own pace.
// Each goal is a ratio of two figures measured in the same run. Pure (bench.test.ts checks it).
import { goal, type Goal } from './goals.js';
import type { BenchResult } from './report.js';
import type { FleetRun } from './scenarios/fleet.js';

const n0 = (v: number) => Math.round(v).toLocaleString('en-US');
const mib = (kb: number | null | undefined) =>
  kb === null || kb === undefined ? '?' : `${n0(kb / 1024)} MiB`;
const ratio = (a: number | null | undefined, b: number | null | undefined) =>
  a !== null && a !== undefined && b ? a / b : null;
const ratioText = (v: number | null) => (v === null ? '–' : `${v.toFixed(2)}×`);
const table = (head: string[], rows: string[][]) =>
  [head, head.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');

const fleetRun = (result: BenchResult, clients: number, layout: FleetRun['layout']) =>
  result.fleet?.find((r) => r.clients === clients && r.layout === layout);

function fleetGoals(result: BenchResult): Goal[] {
  const largest = Math.max(0, ...(result.fleet ?? []).map((r) => r.clients));
  const shared = fleetRun(result, largest, 'shared');
  const own = fleetRun(result, largest, 'separate');
  if (!shared || !own) return [];
  const failing = shared.notPassed.length;
  return [
    goal(
      `${largest} conformance runs on ${largest} tenants of one mock: all pass (runs with a non-pass verdict ÷ runs)`,
      failing === 0 ? `${shared.verdicts.passed} passed` : shared.notPassed.slice(0, 3).join(', '),
      failing / largest,
      { atMost: 0 },
    ),
    goal(
      `${largest} runs: wall time on one mock / on ${largest} separate mocks`,
      `${shared.seconds} vs ${own.seconds} s`,
      ratio(shared.seconds, own.seconds),
      { atMost: 1 },
    ),
    goal(
      `${largest} runs: RSS of one mock / summed RSS of ${largest} separate mocks`,
      `${mib(shared.rssKb)} vs ${mib(own.rssKb)}`,
      ratio(shared.rssKb, own.rssKb),
      { atMost: 1 / 3 },
    ),
  ];
}

function deliveryGoals(result: BenchResult): Goal[] {
  const bare = result.delivery.find((d) => d.target === 'bare sender');
  const ours = result.delivery.find((d) => d.target === 'ours' && d.webhooks === bare?.webhooks);
  const goals: Goal[] = [];
  if (bare && ours) {
    goals.push(
      goal(
        `fan-out, ${bare.webhooks} hooks: ours / bare keep-alive sender deliveries/s`,
        `${n0(ours.deliveriesPerSec)} vs ${n0(bare.deliveriesPerSec)} /s`,
        ratio(ours.deliveriesPerSec, bare.deliveriesPerSec),
        { atLeast: 0.6 },
      ),
      // The fleet's CPU goal is at the wide fan-out, where a delivery is the unit of work; the
      // deliveryGoals row of the read goals keeps the worst size, where one hook pays a signal.
      goal(
        `CPU per delivery at ${bare.webhooks} hooks`,
        ours.cpuMsPerDelivery === null ? '?' : `${ours.cpuMsPerDelivery.toFixed(2)} ms`,
        ours.cpuMsPerDelivery,
        { atMost: 0.3 },
        'ms',
      ),
    );
  }
  const flood = result.tenantFlood?.find((r) => r.target === 'ours');
  if (flood) {
    const { quietAloneMs: alone, quietFloodedMs: flooded, refused } = flood;
    goals.push(
      goal(
        "a tenant's flood: the other tenant's signal → delivery p99, flooded / alone",
        `${flooded.p99} vs ${alone.p99} ms; 503s ${Object.entries(refused)
          .map(([t, n]) => `${t} ${n}`)
          .join(', ')}`,
        ratio(flooded.p99, alone.p99),
        { atMost: 2 },
      ),
    );
  }
  const [one, many] = result.tenantScale ?? [];
  if (one && many) {
    goals.push(
      goal(
        `${many.tenants} tenants × ${n0(many.webhooksEach)} hooks: by-id p99 / one tenant's`,
        `${many.byIdMs.p99} vs ${one.byIdMs.p99} ms (RSS ${mib(many.rssKb)} vs ${mib(one.rssKb)})`,
        ratio(many.byIdMs.p99, one.byIdMs.p99),
        { atMost: 1.5 },
      ),
    );
  }
  return goals;
}

export function scaleGoals(result: BenchResult): Goal[] {
  return [...fleetGoals(result), ...deliveryGoals(result)];
}

export function scaleTables(result: BenchResult): string | undefined {
  const parts: string[] = [];
  if (result.fleet?.length) {
    const rows = result.fleet.map((r) => [
      String(r.clients),
      r.layout === 'shared' ? 'one mock, a tenant each' : 'a mock process each',
      r.seconds.toFixed(1),
      String(r.apiP99Ms),
      n0(r.apiCalls),
      `${n0(r.deliveries)} (${n0(r.deliveriesPerSec)}/s)`,
      mib(r.rssKb),
      `${r.verdicts.passed}/${r.verdicts.failed}/${r.verdicts.error}/${r.verdicts.skipped}`,
      r.notPassed.slice(0, 3).join(', ') || '–',
    ]);
    const head = ['runs', 'layout', 'wall s', 'API p99 ms', 'API calls', 'deliveries', 'RSS'];
    parts.push(
      '### A CI fleet: parallel conformance runs (time-scaled), one mock vs a mock each',
      table([...head, 'pass/fail/error/skip', 'not passed'], rows),
    );
  }
  if (result.tenantScale?.length) {
    const rows = result.tenantScale.map((r) => [
      String(r.tenants),
      n0(r.webhooksEach),
      n0(r.requests),
      `${r.byIdMs.p50} / ${r.byIdMs.p99}`,
      mib(r.rssKb),
    ]);
    parts.push(
      '### Many tenants: GET by id, rounds alternating between the two mocks',
      table(['tenants', 'hooks each', 'requests', 'p50 / p99 ms', 'RSS'], rows),
    );
  }
  if (result.tenantFlood?.length) {
    const rows = result.tenantFlood.map((flood) => [
      flood.target,
      `${flood.quietAloneMs.p50} / ${flood.quietAloneMs.p99}`,
      `${flood.quietFloodedMs.p50} / ${flood.quietFloodedMs.p99}`,
      ratioText(ratio(flood.quietFloodedMs.p99, flood.quietAloneMs.p99)),
      n0(flood.floodSignals),
      flood.floodDeliveries === undefined ? '–' : n0(flood.floodDeliveries),
      flood.blocks ? `${flood.blocks.rounds} (${flood.blocks.saturated} full)` : '1',
      Object.entries(flood.refused)
        .map(([t, n]) => `${t}: ${n}`)
        .join(', '),
      String(flood.quietLost),
    ]);
    const head = ['server', 'quiet alone p50/p99 ms', 'flooded p50/p99 ms', 'p99 ×'];
    parts.push(
      "### One tenant's flood beside another's deliveries",
      table([...head, 'flood signals', 'flood deliveries', 'blocks a side', '503s', 'lost'], rows),
    );
  }
  return parts.length > 0 ? parts.join('\n\n') : undefined;
}
