// Formats a bench result as the markdown tables it prints and bench/README.md holds.
import { goalsTable, type Goal } from './goals.js';
import type { Measurement } from './load.js';
import type { ColdStart } from './scenarios/cold-start.js';
import type { DeliveryRun } from './scenarios/delivery.js';
import { READ_ROUND_SEC, READS, type ReadSize } from './scenarios/reads.js';
import type { FleetRun } from './scenarios/fleet.js';
import type { StreamResult } from './scenarios/stream-clients.js';
import { STORM_RATE, type InboxStormResult } from './scenarios/inbox-storm.js';
import type { TenantFloodRun } from './scenarios/tenant-flood.js';
import type { TenantScaleRun } from './scenarios/tenant-scale.js';
import { scaleTables } from './scale-report.js';
import { OPS, type OpKey, type OpResult, type TargetRun } from './scenarios/throughput.js';
import { CREATES_PER_ROUND, WRITE_CONNECTIONS, type SizeRun } from './scenarios/write-scaling.js';

export interface BenchResult {
  machine: { node: string; cpus: string; platform: string; date: string; loadAverage: number[] };
  build: { ok: boolean; errors: string[] };
  settings: { connections: number; rounds: number; roundSec: number; warmupSec: number };
  /** --baseline: the other commit measured in the same run (fan-out and reads). */
  baseline?: { ref: string; commit: string; build: { ok: boolean; errors: string[] } };
  /** Issue 16's goals judged from this result (goals.ts). */
  goals: Goal[];
  throughput: TargetRun[];
  /** Reads over 100 and 1 000 varied webhooks: ours, json-server, bare Hono (and baseline). */
  reads: ReadSize[];
  /** Per operation and peer: ours req/s ÷ theirs, and their CPU per request ÷ ours. */
  ratios: Array<{
    op: OpKey;
    vs: Record<string, number | null>;
    cpu: Record<string, number | null>;
  }>;
  coldStart: ColdStart[];
  writeScaling: SizeRun[];
  delivery: DeliveryRun[];
  /** SignalEvent req/s with 0 and 200 idle live-feed clients (absent in older results). */
  streamClients?: StreamResult;
  inboxStorm?: InboxStormResult;
  /** Parallel conformance runs on one mock's tenants vs a mock each (absent in older results). */
  fleet?: FleetRun[];
  /** GET by id with 1 and with 100 tenants of 1 000 webhooks each. */
  tenantScale?: TenantScaleRun[];
  /** Another tenant's signal → delivery latency while one tenant floods. */
  tenantFlood?: TenantFloodRun[];
  /** Scenarios run (`--only`); absent when all ran. */
  only?: string[];
  seconds: number;
  /** Seconds each scenario took. */
  timings: Record<string, number>;
}

const isMeasured = (r: OpResult | undefined): r is Measurement => r !== undefined && 'rps' in r;
const n0 = (v: number) => Math.round(v).toLocaleString('en-US');
const x = (v: number | null) => (v === null ? '–' : `${v.toFixed(2)}×`);
const cpuUs = (v: number | null) => (v === null ? '–' : n0(v));
const kib = (kb: number | undefined) => (kb === undefined ? '–' : `${(kb / 1024).toFixed(0)} MiB`);
const table = (head: string[], rows: string[][]) =>
  [head, head.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');

/** Both ratios read "above 1× ours is better"; null when either side did not run. */
export function ratios(runs: readonly TargetRun[]): BenchResult['ratios'] {
  const ours = runs.find((r) => r.target === 'ours');
  return OPS.map(({ key }) => {
    const mine = ours?.ops[key];
    const vs: Record<string, number | null> = {};
    const cpu: Record<string, number | null> = {};
    for (const other of runs.filter((r) => r !== ours)) {
      const theirs = other.ops[key];
      const both = isMeasured(mine) && isMeasured(theirs);
      vs[other.target] = both ? mine.rps / theirs.rps : null;
      cpu[other.target] =
        both && mine.cpuUsPerRequest && theirs.cpuUsPerRequest
          ? theirs.cpuUsPerRequest / mine.cpuUsPerRequest
          : null;
    }
    return { op: key, vs, cpu };
  });
}

/** req/s (with any failures), p50, p99 and CPU per request: the cells every load table shows. */
function measuredCells(m: Measurement): string[] {
  const flag = m.non2xx + m.errors > 0 ? ` (${m.non2xx} non-2xx, ${m.errors} errors)` : '';
  return [n0(m.rps) + flag, `${m.p50Ms}`, `${m.p99Ms}`, cpuUs(m.cpuUsPerRequest)];
}

function throughputTables(result: BenchResult): string {
  const rows: string[][] = [];
  for (const { key, label } of OPS) {
    for (const run of result.throughput) {
      const m = run.ops[key];
      if (!isMeasured(m)) continue;
      rows.push([label, run.target, ...measuredCells(m), n0(m.bytesPerRequest)]);
    }
  }
  const others = result.throughput.map((r) => r.target).filter((t) => t !== 'ours');
  const ratioRows = result.ratios.map(({ op, vs, cpu }) => [
    OPS.find((o) => o.key === op)?.label ?? op,
    ...others.map((t) => `${x(vs[t] ?? null)} (CPU ${x(cpu[t] ?? null)})`),
  ]);
  const { connections, rounds, roundSec } = result.settings;
  return [
    `### Throughput and latency (${connections} connections, median of ${rounds} × ${roundSec} s rounds after warm-up)`,
    table(['Operation', 'Server', 'req/s', 'p50 ms', 'p99 ms', 'CPU µs/req', 'bytes/answer'], rows),
    '',
    'Ours relative to each peer: req/s ratio, and in brackets their server CPU per request ÷ ours ' +
      '(the steadier number on a shared machine). Above 1× ours is faster / cheaper:',
    '',
    table(['Operation', ...others.map((t) => `ours / ${t}`)], ratioRows),
    '',
    `Server RSS after these rounds: ${result.throughput
      .map((r) => `${r.target} ${kib(r.memory?.rssKb)}`)
      .join(', ')}.`,
  ].join('\n');
}

function coldStartTable(result: BenchResult): string {
  const rows = result.coldStart.map((c) => [
    c.target,
    n0(c.medianMs),
    n0(c.medianCpuMs),
    c.runsMs.map(n0).join(', '),
  ]);
  const [ours, prism] = result.coldStart;
  const ratio =
    ours && prism
      ? `\n\nours / Prism: ${x(ours.medianMs / prism.medianMs)} wall, ` +
        `${x(ours.medianCpuMs / prism.medianCpuMs)} CPU (below 1× ours starts sooner).`
      : '';
  return [
    '### Cold start (spawn → first 200 of GET /api/v1/Webhook/1, median of runs)',
    table(['Server', 'wall ms', 'CPU ms', 'runs, wall ms'], rows) + ratio,
  ].join('\n');
}

/** A growth factor readable at any size: ×95 or ÷120. */
const factor = (v: number) =>
  !Number.isFinite(v) || v <= 0 ? '–' : v >= 1 ? `×${v.toFixed(1)}` : `÷${(1 / v).toFixed(1)}`;
const cpuMs = (m: Measurement) =>
  m.cpuUsPerRequest === null ? '' : `, ${(m.cpuUsPerRequest / 1000).toFixed(2)} ms CPU`;
const cell = (m: Measurement) => `${n0(m.rps)} (${m.p50Ms}/${m.p99Ms}${cpuMs(m)})`;
const ratioOf = (a: number | null | undefined, b: number | null | undefined) =>
  a && b ? a / b : NaN;

function growth(small: SizeRun, large: SizeRun): string {
  const parts = [
    `PATCH req/s ${factor(large.patch.rps / small.patch.rps)}`,
    `CPU per PATCH ${factor(ratioOf(large.patch.cpuUsPerRequest, small.patch.cpuUsPerRequest))}`,
    `create req/s ${factor(large.create.rps / small.create.rps)}`,
    `CPU per create ${factor(ratioOf(large.create.cpuUsPerRequest, small.create.cpuUsPerRequest))}`,
    `RSS after ${factor(ratioOf(large.memory?.rssKb, small.memory?.rssKb))}`,
    `json-server PATCH req/s ${factor(large.jsonServerPatch.rps / small.jsonServerPatch.rps)}`,
  ];
  return `Growth from ${n0(small.webhooks)} to ${n0(large.webhooks)} webhooks: ${parts.join('; ')}.`;
}

function writeTable(result: BenchResult): string {
  const rows = result.writeScaling.map((s) => [
    n0(s.webhooks),
    `${(s.storeFileBytes / 1024 / 1024).toFixed(2)} MiB`,
    cell(s.patch),
    cell(s.create),
    `${kib(s.memory?.startRssKb)} → ${kib(s.memory?.rssKb)} (peak ${kib(s.memory?.hwmKb)})`,
    cell(s.jsonServerPatch),
  ]);
  const small = result.writeScaling[0];
  const large = result.writeScaling.at(-1);
  const head = [
    'Webhooks',
    'store file',
    'ours PATCH',
    'ours create',
    'ours RSS',
    'json-server PATCH',
  ];
  return [
    `### Writes against store size`,
    `req/s (p50/p99 ms, server CPU per request); ${WRITE_CONNECTIONS} connections; PATCH cycles ` +
      `ids 1–10; each round is a request count sized to ~${result.settings.roundSec} s by the ` +
      `warm-up; creates are capped at ${CREATES_PER_ROUND} a round, so a store grows by ` +
      `~${CREATES_PER_ROUND * (result.settings.rounds + 1)} webhooks at most. RSS is ` +
      'right after start → after the writes.',
    '',
    table(head, rows),
    ...(small && large && small !== large ? ['', growth(small, large)] : []),
  ].join('\n');
}

const pair = (l: { p50: number; p99: number } | null | undefined) =>
  l ? `${l.p50} / ${l.p99}` : '–';

/** Every measured round's rate, so a reader sees how far the rounds spread. */
const roundRates = (d: DeliveryRun) =>
  d.rounds
    ? `${d.warmupRounds ?? '?'}; ${d.rounds.map((r) => n0(r.deliveriesPerSec)).join(' / ')}`
    : '–';

function deliveryTable(result: BenchResult): string {
  const rows = result.delivery.map((d) => {
    const ours = result.delivery.find((o) => o.target === 'ours' && o.webhooks === d.webhooks);
    const vs =
      d.target === 'ours' || !ours
        ? ''
        : ` (ours ${x(ours.deliveriesPerSec / d.deliveriesPerSec)})`;
    return [
      String(d.webhooks),
      d.target,
      n0(d.signals),
      `${n0(d.received)} / ${n0(d.expected)}`,
      d.seconds.toFixed(2),
      n0(d.deliveriesPerSec) + vs,
      d.signalsPerSec.toFixed(1),
      d.cpuMsPerDelivery === null ? '–' : d.cpuMsPerDelivery.toFixed(2),
      roundRates(d),
      pair(d.pacedFirstAttemptMs),
      pair(d.firstAttemptMs),
      String(d.queueFullRetries),
    ];
  });
  const head = [
    'Webhooks (N)',
    'server',
    'signals',
    'delivered',
    'seconds',
    'deliveries/s',
    'signals/s',
    'CPU ms/delivery',
    'warm-up rounds; rounds: deliveries/s',
    'first attempt p50/p99 ms, paced',
    'under the flood',
    '503 retries',
  ];
  return [
    '### Delivery fan-out to a local receiver',
    'Each size runs unmeasured warm-up rounds of 2,000 deliveries until the CPU per delivery ' +
      'settles (within a tenth of the round before; the bare sender: its rate), then 3 rounds: ' +
      'the median round is reported (CPU: the median of the rounds). Signals are sent 4 at a time; "first ' +
      'attempt" is signal sent → that delivery\'s first request at the receiver, matched by ' +
      'webhook and PrimaryKey: paced (40 signals one at a time after the flood, each waited ' +
      'for) and under the flood itself (the median round).',
    '',
    table(head, rows),
  ].join('\n');
}

function readsTable(result: BenchResult): string | undefined {
  if (result.reads.length === 0) return undefined;
  const rows: string[][] = [];
  const memory: string[] = [];
  for (const size of result.reads) {
    const ours = size.runs.find((r) => r.target === 'ours');
    for (const { key, label } of READS) {
      for (const run of size.runs) {
        const m = run.ops[key];
        if (!m) continue;
        const mine = ours?.ops[key];
        rows.push([
          n0(size.webhooks),
          label,
          run.target,
          ...measuredCells(m),
          n0(run.bodyBytes[key] ?? 0),
          run === ours || !mine ? '' : x(mine.rps / m.rps),
        ]);
      }
    }
    memory.push(
      `${n0(size.webhooks)} hooks: ${size.runs.map((r) => `${r.target} ${kib(r.memory?.rssKb)}`).join(', ')}`,
    );
  }
  const { connections, rounds } = result.settings;
  return [
    `### Reads over realistic stores (${connections} connections, median of ${rounds} × ${READ_ROUND_SEC} s rounds)`,
    'Every server holds the same varied webhooks; bare Hono answers, from memory, the exact bytes ' +
      'ours answered (each id its own body); json-server answers its own (pretty-printed) JSON ' +
      'of the same records and has one list for both of our list routes.',
    '',
    table(
      [
        'Webhooks',
        'Route',
        'Server',
        'req/s',
        'p50 ms',
        'p99 ms',
        'CPU µs/req',
        'body bytes',
        'ours / this',
      ],
      rows,
    ),
    '',
    `Server RSS after these rounds: ${memory.join('; ')}.`,
  ].join('\n');
}

function streamTable(result: BenchResult): string | undefined {
  const stream = result.streamClients;
  if (!stream) return undefined;
  const rows = stream.runs.map((r) => [
    `${r.connected} / ${r.clients}`,
    n0(r.signal.rps),
    r.signal.p50Ms.toFixed(1),
    r.signal.p99Ms.toFixed(1),
    cpuUs(r.signal.cpuUsPerRequest),
    String(r.signal.non2xx + r.signal.errors),
  ]);
  const ratio = `With 200 idle clients the API answers at ${x(stream.ratio)} its rate with none.`;
  return `### SignalEvent with idle live-feed clients\n${table(['stream clients', 'req/s', 'p50 ms', 'p99 ms', 'CPU µs/req', 'failed'], rows)}\n\n${ratio}`;
}

function inboxStormTable(result: BenchResult): string | undefined {
  const storm = result.inboxStorm;
  if (!storm) return undefined;
  const rows = storm.runs.map((r) => [
    r.storm ? `${STORM_RATE}/s of 7 KB nested [` : 'none',
    n0(r.posts),
    n0(r.get.rps),
    r.get.p50Ms.toFixed(1),
    r.get.p99Ms.toFixed(1),
    String(r.get.non2xx + r.get.errors + r.failedPosts),
  ]);
  const ratio = `During the storm, with a dashboard open, GET by id answers at ${x(storm.ratio)} its rate without it.`;
  return `### GET by id during an inbox post storm\n${table(['inbox posts', 'posts answered', 'req/s', 'p50 ms', 'p99 ms', 'failed'], rows)}\n\n${ratio}`;
}

export function markdown(result: BenchResult): string {
  const m = result.machine;
  const build = result.build.ok
    ? ''
    : `\n\n> dist/ built with errors: ${result.build.errors[0] ?? ''}`;
  const baseline = result.baseline
    ? ` Baseline: ${result.baseline.ref} (${result.baseline.commit})${result.baseline.build.ok ? '' : ', built with errors'}.`
    : '';
  return [
    `## Benchmarks\n\nNode ${m.node}, ${m.cpus}, ${m.platform}, ${m.date}; load average ${m.loadAverage.map((l) => l.toFixed(2)).join(' ')}; ${result.seconds.toFixed(0)} s in all.${baseline}${build}`,
    `### Performance goals\n${goalsTable(result.goals)}`,
    result.throughput.length > 0 ? throughputTables(result) : undefined,
    result.reads.length > 0 ? readsTable(result) : undefined,
    result.coldStart.length > 0 ? coldStartTable(result) : undefined,
    result.writeScaling.length > 0 ? writeTable(result) : undefined,
    result.delivery.length > 0 ? deliveryTable(result) : undefined,
    streamTable(result),
    inboxStormTable(result),
    scaleTables(result),
  ]
    .filter((part) => part !== undefined)
    .join('\n\n');
}
