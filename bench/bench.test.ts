// The bench's pure parts: round selection, ratios, seeding and the markdown it prints.
import { describe, expect, it } from 'vitest';
import { baselineRef } from './baseline.js';
import { goals, goalsTable, judge } from './goals.js';
import { medianOf, type Measurement } from './load.js';
import { cpuMs } from './process.js';
import { markdown, ratios, type BenchResult } from './report.js';
import { median } from './scenarios/cold-start.js';
import { quantile, type DeliveryRun } from './scenarios/delivery.js';
import type { ReadSize } from './scenarios/reads.js';
import type { TargetRun } from './scenarios/throughput.js';
import { variedWebhook, withWebhooks } from './seed.js';
import { scaleGoals } from './scale-report.js';
import type { FleetRun } from './scenarios/fleet.js';
import { onlyScenarios, SCENARIOS } from './select.js';
import { emptyState } from '../src/store/state.js';
import { defaultWebhook } from '../src/domain/webhook.js';

const m = (rps: number, cpuUsPerRequest: number | null = 100, non2xx = 0): Measurement => ({
  rps,
  p50Ms: 1,
  p99Ms: 5,
  meanMs: 1.2,
  requests: rps,
  non2xx,
  errors: 0,
  bytesPerRequest: 1500,
  cpuUsPerRequest,
  cpuMs: cpuUsPerRequest === null ? null : (cpuUsPerRequest * rps) / 1000,
  rounds: [],
});

describe('medianOf', () => {
  it('reports the median round and sums the failures of every round', () => {
    const result = medianOf([m(300, 100, 1), m(100), m(200, 100, 2)]);
    expect(result.rps).toBe(200);
    expect(result.rounds).toEqual([300, 100, 200]);
    expect(result.non2xx).toBe(3);
  });

  it('takes CPU per request over all rounds, not from the median one', () => {
    // 40 ms + 60 ms + 20 ms over 100 + 300 + 200 requests; the median round alone says 100 µs.
    const result = medianOf([m(100, 400), m(300, 200), m(200, 100)]);
    expect(result.cpuUsPerRequest).toBeCloseTo(200, 6);
  });

  it('refuses to invent a result from no rounds', () => {
    expect(() => medianOf([])).toThrow('no measured round');
  });
});

describe('median', () => {
  it('averages the middle pair of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5, 1, 3])).toBe(3);
  });
});

describe('ratios', () => {
  const runs: TargetRun[] = [
    { target: 'ours', ops: { getWebhook: m(1000, 200), agentGetWebhook: m(500) } },
    { target: 'prism', ops: { getWebhook: m(250, 800), agentGetWebhook: { skipped: 'x' } } },
  ];

  it('reads above 1 as ours better, for req/s and for CPU per request', () => {
    const get = ratios(runs).find((r) => r.op === 'getWebhook');
    expect(get?.vs.prism).toBe(4);
    expect(get?.cpu.prism).toBe(4);
  });

  it('gives null where a side did not run', () => {
    const agent = ratios(runs).find((r) => r.op === 'agentGetWebhook');
    expect(agent?.vs.prism).toBeNull();
    expect(agent?.cpu.prism).toBeNull();
  });
});

describe('withWebhooks', () => {
  it('copies the first hook to exactly n ids and empties the logs', () => {
    const base = {
      ...emptyState(),
      webhooks: [{ ...defaultWebhook(), WebhookId: 7, Name: 'Hook' }],
    };
    const grown = withWebhooks(base, 3, (id) => ({ TargetUrl: `http://127.0.0.1/${id}` }));
    expect(grown.webhooks.map((w) => [w.WebhookId, w.Name, w.TargetUrl])).toEqual([
      [1, 'Hook #1', 'http://127.0.0.1/1'],
      [2, 'Hook #2', 'http://127.0.0.1/2'],
      [3, 'Hook #3', 'http://127.0.0.1/3'],
    ]);
    expect(grown.nextId).toBe(4);
    expect(grown.deliveries).toEqual([]);
  });
});

describe('cpuMs', () => {
  it.runIf(process.platform === 'linux')(
    'reads a live process and nothing of a gone one',
    async () => {
      expect(await cpuMs(process.pid)).toBeGreaterThan(0);
      expect(await cpuMs(2 ** 22 + 1)).toBeUndefined();
    },
  );
});

describe('markdown', () => {
  it('prints one table per scenario that ran and flags failed answers', () => {
    const throughput: TargetRun[] = [
      { target: 'ours', ops: { getWebhook: m(1000, 100, 4) } },
      { target: 'prism', ops: { getWebhook: m(500) } },
    ];
    const result: BenchResult = {
      machine: {
        node: 'v20',
        cpus: '2 × cpu',
        platform: 'linux',
        date: 'd',
        loadAverage: [1, 1, 1],
      },
      build: { ok: true, errors: [] },
      settings: { connections: 10, rounds: 3, roundSec: 1.5, warmupSec: 1 },
      goals: [],
      throughput,
      ratios: ratios(throughput),
      reads: [],
      coldStart: [
        { target: 'ours', runsMs: [900], medianMs: 900, cpuRunsMs: [800], medianCpuMs: 800 },
        { target: 'prism', runsMs: [1800], medianMs: 1800, cpuRunsMs: [1600], medianCpuMs: 1600 },
      ],
      writeScaling: [],
      delivery: [],
      seconds: 1,
      timings: {},
    };
    const text = markdown(result);
    expect(text).toContain('| GetWebhook (REST) | ours | 1,000 (4 non-2xx, 0 errors) |');
    expect(text).toContain('2.00× (CPU 1.00×)');
    expect(text).toContain('ours / Prism: 0.50× wall, 0.50× CPU');
    // A scenario left out (`--only`) prints no empty table.
    expect(text).not.toContain('### Delivery fan-out');
    expect(text).not.toContain('### Reads over realistic stores');
  });
});

describe('variedWebhook', () => {
  it('gives every id its own name, URL and secret, of a realistic size', () => {
    const hooks = Array.from({ length: 100 }, (_, i) => variedWebhook(i + 1));
    for (const field of ['Name', 'TargetUrl', 'Secret'] as const)
      expect(new Set(hooks.map((h) => h[field])).size).toBe(100);
    const bytes = JSON.stringify(hooks).length / hooks.length;
    expect(bytes).toBeGreaterThan(300);
    expect(bytes).toBeLessThan(1200);
  });
});

describe('quantile', () => {
  it('takes the nearest rank and is NaN for nothing', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(quantile(values, 0.5)).toBe(50);
    expect(quantile(values, 0.99)).toBe(99);
    expect(quantile([7], 0.99)).toBe(7);
    expect(quantile([], 0.5)).toBeNaN();
  });
});

describe('baselineRef', () => {
  it('reads --baseline <ref> and --baseline=<ref>, and refuses a missing ref', () => {
    expect(baselineRef(['--baseline', 'main'])).toBe('main');
    expect(baselineRef(['--baseline=v1.2'])).toBe('v1.2');
    expect(baselineRef([])).toBeUndefined();
    expect(() => baselineRef(['--baseline'])).toThrow('needs a git ref');
    expect(() => baselineRef(['--baseline', '--other'])).toThrow('needs a git ref');
  });
});

describe('judge', () => {
  it('checks lower and upper bounds, inclusive, and names what is missing', () => {
    expect(judge(1.2, { atLeast: 1.2 })).toBe('met');
    expect(judge(1.19, { atLeast: 1.2 })).toBe('NOT met');
    expect(judge(5, { atMost: 5 })).toBe('met');
    expect(judge(5.1, { atMost: 5 })).toBe('NOT met');
    expect(judge(null, { atLeast: 3 }, 'needs --baseline')).toBe('needs --baseline');
    expect(judge(Number.NaN, { atMost: 1 })).toBe('not measured');
    expect(judge(12, 'reported')).toBe('met');
  });
});

describe('goals', () => {
  const reads = (webhooks: number, ours: number, jsonServer: number, hono: number): ReadSize => ({
    webhooks,
    runs: [
      {
        target: 'ours',
        ops: { byId: m(ours), getAll: m(ours), list: m(ours) },
        bodyBytes: { byId: 1200, getAll: 120_000, list: 120_000 },
        memory: { rssKb: 120_000, hwmKb: 0 },
      },
      {
        target: 'json-server',
        ops: { byId: m(jsonServer), getAll: m(jsonServer), list: m(jsonServer) },
        bodyBytes: { byId: 1500, getAll: 150_000, list: 150_000 },
        memory: { rssKb: 100_000, hwmKb: 0 },
      },
      {
        target: 'bare Hono',
        ops: { byId: m(hono), getAll: m(hono), list: m(hono) },
        bodyBytes: { byId: 1200, getAll: 120_000, list: 120_000 },
      },
    ],
  });
  const delivery = (target: string, webhooks: number, perSec: number): DeliveryRun => ({
    target,
    webhooks,
    signals: 1,
    expected: 1,
    received: 1,
    seconds: 1,
    deliveriesPerSec: perSec,
    signalsPerSec: 1,
    queueFullRetries: 0,
    cpuMsPerDelivery: 0.25 + 1e-12,
    firstAttemptMs: { p50: 20, p99: 90 },
    pacedFirstAttemptMs: { p50: 2, p99: 9 },
  });
  const result = (withBaseline: boolean): BenchResult => ({
    machine: { node: 'v20', cpus: '2', platform: 'linux', date: 'd', loadAverage: [0, 0, 0] },
    build: { ok: true, errors: [] },
    settings: { connections: 10, rounds: 3, roundSec: 1.5, warmupSec: 1 },
    goals: [],
    throughput: [
      { target: 'ours', ops: { patchWebhook: m(900), mergePatchWebhook: m(1100) } },
      { target: 'json-server', ops: { patchWebhook: m(1000), mergePatchWebhook: m(1000) } },
    ],
    ratios: [],
    reads: [reads(100, 1200, 1000, 3000), reads(1000, 100, 100, 300)],
    coldStart: [
      { target: 'ours', runsMs: [], medianMs: 500, cpuRunsMs: [], medianCpuMs: 0 },
      { target: 'prism', runsMs: [], medianMs: 1000, cpuRunsMs: [], medianCpuMs: 0 },
    ],
    writeScaling: [
      { webhooks: 10, patch: m(1, 500), create: m(1), jsonServerPatch: m(1) } as never,
      { webhooks: 10_000, patch: m(1, 600), create: m(1), jsonServerPatch: m(1) } as never,
    ],
    delivery: [
      delivery('ours', 1, 900),
      ...(withBaseline ? [delivery('baseline', 1, 300)] : []),
      delivery('ours', 50, 2000),
      ...(withBaseline ? [delivery('baseline', 50, 1000)] : []),
    ],
    seconds: 1,
    timings: {},
  });
  const verdicts = (r: BenchResult) => new Map(goals(r).map((g) => [g.goal, g.verdict]));

  it('judges every goal row from one result', () => {
    const v = verdicts(result(true));
    expect(v.get('GET by id, 100 hooks: ours / json-server')).toBe('met');
    expect(v.get('GET by id, 100 hooks: ours / bare Hono')).toBe('met');
    expect(v.get('GET by id, 100 hooks: ours p99')).toBe('met');
    expect(v.get('GetAllWebhooks, 1,000 hooks: ours / json-server')).toBe('met');
    expect(v.get('GET /Webhook, 1,000 hooks: ours / bare Hono')).toBe('NOT met');
    expect(v.get('PATCH (JSON Patch): ours / json-server')).toBe('NOT met');
    expect(v.get('PATCH (merge patch): ours / json-server')).toBe('met');
    expect(v.get('PATCH cost flat: CPU per PATCH at 10,000 ÷ at 10 hooks')).toBe('met');
    expect(v.get('fan-out, 1 hook: ours / baseline deliveries/s')).toBe('met');
    expect(v.get('fan-out, 50 hooks: ours / baseline deliveries/s')).toBe('NOT met');
    expect(v.get('CPU per delivery (worst of 1 / 50 hooks)')).toBe('met');
    expect(v.get('signal → first attempt p99, one signal at a time (worst of 1 / 50 hooks)')).toBe(
      'met',
    );
    expect(v.get('cold start: ours / Prism (wall)')).toBe('NOT met');
    expect(v.get('RSS with 100 hooks after the read rounds: ours / json-server')).toBe('met');
    expect(goals(result(true))).toHaveLength(20);
  });

  it('says the fan-out ratio needs --baseline, and still prints the absolute figure', () => {
    const fanOut = goals(result(false)).find((g) => g.goal.startsWith('fan-out, 1 hook'));
    expect(fanOut).toMatchObject({ verdict: 'needs --baseline', measured: '900 /s', value: null });
  });

  it('prints one markdown row per goal, flagging what is not met', () => {
    const text = goalsTable(goals(result(true)));
    expect(text.split('\n')).toHaveLength(2 + 20);
    expect(text).toContain(
      '| GET by id, 100 hooks: ours / json-server | 1,200 vs 1,000 req/s (1,200 B vs 1,500 B) | 1.20× | ≥ 1.2× | met |',
    );
    expect(text).toContain('| ≤ 0.4× | **NOT met** |');
    expect(text).toContain('| 9 ms | reported | met |');
    expect(text).toContain('| 0.25 / 0.25 ms | 0.25 ms | ≤ 0.3 ms | met |');
  });
});

describe('onlyScenarios', () => {
  it('runs every scenario without --only, the named ones with it', () => {
    expect([...onlyScenarios([])]).toEqual([...SCENARIOS]);
    expect([...onlyScenarios(['--only', 'fleet,delivery'])]).toEqual(['fleet', 'delivery']);
    expect([...onlyScenarios(['--only=flood'])]).toEqual(['flood']);
  });

  it('refuses a name it does not know, rather than measuring nothing', () => {
    expect(() => onlyScenarios(['--only', 'fleet,speed'])).toThrow(/speed/);
    expect(() => onlyScenarios(['--only'])).toThrow(/--only/);
  });
});

describe('scaleGoals', () => {
  const fleet = (
    layout: FleetRun['layout'],
    seconds: number,
    rssKb: number,
    notPassed: string[] = [],
  ): FleetRun => ({
    clients: 20,
    layout,
    seconds,
    apiCalls: 100,
    apiP99Ms: 9,
    deliveries: 10,
    deliveriesPerSec: 1,
    rssKb,
    verdicts: { passed: 2, failed: notPassed.length, error: 0, skipped: 0 },
    notPassed,
  });
  const base = (extra: Partial<BenchResult>): BenchResult =>
    ({ delivery: [], ...extra }) as unknown as BenchResult;
  const verdicts = (r: BenchResult) => new Map(scaleGoals(r).map((g) => [g.goal, g.verdict]));

  it('judges the fleet rows from the largest size, as ratios of the two layouts', () => {
    const v = verdicts(
      base({ fleet: [fleet('shared', 20, 300_000), fleet('separate', 25, 1_000_000)] }),
    );
    expect(
      v.get(
        '20 conformance runs on 20 tenants of one mock: all pass (runs with a non-pass verdict ÷ runs)',
      ),
    ).toBe('met');
    expect(v.get('20 runs: wall time on one mock / on 20 separate mocks')).toBe('met');
    expect(v.get('20 runs: RSS of one mock / summed RSS of 20 separate mocks')).toBe('met');
    const slow = verdicts(
      base({
        fleet: [
          fleet('shared', 30, 400_000, ['3: a.case (failed)']),
          fleet('separate', 25, 1_000_000),
        ],
      }),
    );
    expect([...slow.values()]).toEqual(['NOT met', 'NOT met', 'NOT met']);
  });

  it('judges the fan-out against the bare sender, the flood and the many-tenant reads', () => {
    const run = (target: string, perSec: number, cpuMsPerDelivery: number | null = null) =>
      ({ target, webhooks: 50, deliveriesPerSec: perSec, cpuMsPerDelivery }) as DeliveryRun;
    const v = verdicts(
      base({
        delivery: [run('ours', 700, 0.31), run('bare sender', 1000)],
        tenantFlood: [
          {
            target: 'ours',
            quietAloneMs: { p50: 2, p99: 5 },
            quietFloodedMs: { p50: 3, p99: 11 },
            floodSignals: 10,
            refused: { Cust1: 4, Cust2: 0 },
            quietLost: 0,
          },
        ],
        tenantScale: [
          { tenants: 1, webhooksEach: 1000, requests: 1, byIdMs: { p50: 1, p99: 4 }, rssKb: 1 },
          { tenants: 100, webhooksEach: 1000, requests: 1, byIdMs: { p50: 1, p99: 6 }, rssKb: 9 },
        ],
      }),
    );
    expect(v.get('fan-out, 50 hooks: ours / bare keep-alive sender deliveries/s')).toBe('met');
    expect(v.get('CPU per delivery at 50 hooks')).toBe('NOT met');
    expect(
      v.get("a tenant's flood: the other tenant's signal → delivery p99, flooded / alone"),
    ).toBe('NOT met');
    expect(v.get("100 tenants × 1,000 hooks: by-id p99 / one tenant's")).toBe('met');
  });
});
