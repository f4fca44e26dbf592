// Issue 16's goals, each judged from one bench result: the measured figures, the ratio or value
// compared, the bound, and whether it is met. Pure, so the judgement is tested (bench.test.ts).
import type { Measurement } from './load.js';
import type { BenchResult } from './report.js';
import { scaleGoals } from './scale-report.js';
import type { ReadKey, ReadSize } from './scenarios/reads.js';

export type Bound = { atLeast: number } | { atMost: number } | 'reported';
export type Verdict = 'met' | 'NOT met' | 'needs --baseline' | 'not measured';

export interface Goal {
  goal: string;
  /** The figures behind the value, e.g. "8,037 vs 9,056 req/s". */
  measured: string;
  /** What the bound is checked against (a ratio, or ms); null when it could not be measured. */
  value: number | null;
  unit: '×' | 'ms';
  bound: Bound;
  verdict: Verdict;
}

/** `missing` says why a value is absent: not measured, or measurable only with --baseline. */
export function judge(
  value: number | null | undefined,
  bound: Bound,
  missing: Verdict = 'not measured',
): Verdict {
  if (value === null || value === undefined || !Number.isFinite(value)) return missing;
  if (bound === 'reported') return 'met';
  if ('atLeast' in bound) return value >= bound.atLeast ? 'met' : 'NOT met';
  return value <= bound.atMost ? 'met' : 'NOT met';
}

const n0 = (v: number) => Math.round(v).toLocaleString('en-US');
const kb = (bytes: number | undefined) =>
  bytes === undefined ? '?' : bytes < 10_240 ? `${n0(bytes)} B` : `${n0(bytes / 1024)} KiB`;
const ratio = (a: number | null | undefined, b: number | null | undefined) =>
  a !== null && a !== undefined && b ? a / b : null;

export function goal(
  name: string,
  measured: string,
  value: number | null,
  bound: Bound,
  unit: Goal['unit'] = '×',
  missing?: Verdict,
): Goal {
  return { goal: name, measured, value, unit, bound, verdict: judge(value, bound, missing) };
}

type Peer = 'json-server' | 'bare Hono';

/** `label, N hooks: ours / peer` in req/s over the same records, with body bytes of each. */
function versus(
  size: ReadSize | undefined,
  key: ReadKey,
  label: string,
  peer: Peer,
  atLeast: number,
) {
  const run = (target: string) => size?.runs.find((r) => r.target === target);
  const ours = run('ours')?.ops[key];
  const theirs = run(peer)?.ops[key];
  const bytes = `${kb(run('ours')?.bodyBytes[key])} vs ${kb(run(peer)?.bodyBytes[key])}`;
  return goal(
    `${label}, ${n0(size?.webhooks ?? 0)} hooks: ours / ${peer}`,
    ours && theirs ? `${n0(ours.rps)} vs ${n0(theirs.rps)} req/s (${bytes})` : '–',
    ratio(ours?.rps, theirs?.rps),
    { atLeast },
  );
}

function byIdGoals(size: ReadSize | undefined): Goal[] {
  const ours = size?.runs.find((r) => r.target === 'ours')?.ops.byId;
  return [
    versus(size, 'byId', 'GET by id', 'json-server', 1.2),
    versus(size, 'byId', 'GET by id', 'bare Hono', 0.4),
    goal(
      `GET by id, ${n0(size?.webhooks ?? 0)} hooks: ours p99`,
      ours ? `p50 ${ours.p50Ms} ms, p99 ${ours.p99Ms} ms` : '–',
      ours?.p99Ms ?? null,
      { atMost: 5 },
      'ms',
    ),
  ];
}

function listGoals(size: ReadSize | undefined): Goal[] {
  return (['getAll', 'list'] as const).flatMap((key) => {
    const label = key === 'getAll' ? 'GetAllWebhooks' : 'GET /Webhook';
    return [versus(size, key, label, 'json-server', 1), versus(size, key, label, 'bare Hono', 0.5)];
  });
}

function patchGoals(result: BenchResult): Goal[] {
  const op = (target: string, key: 'patchWebhook' | 'mergePatchWebhook') => {
    const m = result.throughput.find((r) => r.target === target)?.ops[key];
    return m && 'rps' in m ? m : undefined;
  };
  const forms = [
    ['patchWebhook', 'PATCH (JSON Patch)'],
    ['mergePatchWebhook', 'PATCH (merge patch)'],
  ] as const;
  const vs = forms.map(([key, label]) => {
    const ours = op('ours', key);
    const theirs = op('json-server', key);
    return goal(
      `${label}: ours / json-server`,
      ours && theirs ? `${n0(ours.rps)} vs ${n0(theirs.rps)} req/s` : '–',
      ratio(ours?.rps, theirs?.rps),
      { atLeast: 1 },
    );
  });
  const small = result.writeScaling[0];
  const large = result.writeScaling.at(-1);
  const cpu = (m: Measurement | undefined) => m?.cpuUsPerRequest ?? null;
  const ms = (us: number | null) => (us === null ? '?' : (us / 1000).toFixed(2));
  const flat = goal(
    `PATCH cost flat: CPU per PATCH at ${n0(large?.webhooks ?? 0)} ÷ at ${n0(small?.webhooks ?? 0)} hooks`,
    `${ms(cpu(small?.patch))} → ${ms(cpu(large?.patch))} ms CPU`,
    small && large && small !== large ? ratio(cpu(large.patch), cpu(small.patch)) : null,
    { atMost: 1.5 },
  );
  return [...vs, flat];
}

function deliveryGoals(result: BenchResult): Goal[] {
  const ours = result.delivery.filter((d) => d.target === 'ours');
  const fanOut = ours.map((d) => {
    const old = result.delivery.find((b) => b.target === 'baseline' && b.webhooks === d.webhooks);
    return goal(
      `fan-out, ${d.webhooks} hook${d.webhooks === 1 ? '' : 's'}: ours / baseline deliveries/s`,
      old
        ? `${n0(d.deliveriesPerSec)} vs ${n0(old.deliveriesPerSec)} /s (${result.baseline?.ref ?? 'baseline'})`
        : `${n0(d.deliveriesPerSec)} /s`,
      ratio(d.deliveriesPerSec, old?.deliveriesPerSec),
      { atLeast: 3 },
      '×',
      'needs --baseline',
    );
  });
  const cpus = ours.map((d) => d.cpuMsPerDelivery);
  const worst = cpus.every((c) => c !== null) && cpus.length > 0 ? Math.max(...cpus) : null;
  const at = ours.map((d) => d.webhooks).join(' / ');
  const pair = (l: { p50: number; p99: number } | null | undefined) =>
    l ? `${l.p50}/${l.p99}` : '?';
  const paced = ours.map((d) => d.pacedFirstAttemptMs ?? null);
  return [
    ...fanOut,
    goal(
      `CPU per delivery (worst of ${at} hooks)`,
      `${cpus.map((c) => (c === null ? '?' : c.toFixed(2))).join(' / ')} ms`,
      worst,
      { atMost: 0.3 },
      'ms',
    ),
    goal(
      `signal → first attempt p99, one signal at a time (worst of ${at} hooks)`,
      `p50/p99 ${paced.map(pair).join(', ')} ms; under the flood ${ours.map((d) => pair(d.firstAttemptMs)).join(', ')} ms`,
      paced.length > 0 && paced.every((l) => l !== null)
        ? Math.max(...paced.map((l) => l?.p99 ?? 0))
        : null,
      'reported',
      'ms',
    ),
  ];
}

function startAndMemoryGoals(result: BenchResult): Goal[] {
  const ours = result.coldStart.find((c) => c.target === 'ours');
  const prism = result.coldStart.find((c) => c.target === 'prism');
  const reads = result.reads.find((s) => s.webhooks === 100);
  const rss = (target: string) => reads?.runs.find((r) => r.target === target)?.memory?.rssKb;
  const mib = (k: number | undefined) => (k === undefined ? '?' : `${n0(k / 1024)} MiB`);
  return [
    goal(
      'cold start: ours / Prism (wall)',
      ours && prism ? `${n0(ours.medianMs)} vs ${n0(prism.medianMs)} ms` : '–',
      ratio(ours?.medianMs, prism?.medianMs),
      { atMost: 0.4 },
    ),
    goal(
      'RSS with 100 hooks after the read rounds: ours / json-server',
      `${mib(rss('ours'))} vs ${mib(rss('json-server'))}`,
      ratio(rss('ours'), rss('json-server')),
      { atMost: 1.2 },
    ),
  ];
}

export function goals(result: BenchResult): Goal[] {
  const small = result.reads.find((s) => s.webhooks === 100);
  return [
    ...byIdGoals(small),
    ...listGoals(small),
    ...listGoals(result.reads.find((s) => s.webhooks === 1000)),
    ...patchGoals(result),
    ...deliveryGoals(result),
    ...startAndMemoryGoals(result),
    ...scaleGoals(result),
  ];
}

const boundText = (bound: Bound, unit: Goal['unit']) =>
  bound === 'reported'
    ? 'reported'
    : 'atLeast' in bound
      ? `≥ ${+bound.atLeast.toFixed(2)}${unit === '×' ? '×' : ' ms'}`
      : `≤ ${+bound.atMost.toFixed(2)}${unit === '×' ? '×' : ' ms'}`;
const valueText = (g: Goal) =>
  g.value === null
    ? '–'
    : g.unit === '×'
      ? `${g.value.toFixed(2)}×`
      : `${Math.round(g.value * 100) / 100} ms`;

export function goalsTable(list: readonly Goal[]): string {
  const rows = list.map((g) => [
    g.goal,
    g.measured,
    valueText(g),
    boundText(g.bound, g.unit),
    g.verdict === 'NOT met' ? '**NOT met**' : g.verdict,
  ]);
  const head = ['Goal', 'measured', 'ratio / value', 'goal', 'status'];
  return [head, head.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}
