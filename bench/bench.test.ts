// The bench's pure parts: round selection, ratios, seeding and the markdown it prints.
import { describe, expect, it } from 'vitest';
import { medianOf, type Measurement } from './load.js';
import { cpuMs } from './process.js';
import { markdown, ratios, type BenchResult } from './report.js';
import { median } from './scenarios/cold-start.js';
import type { TargetRun } from './scenarios/throughput.js';
import { withWebhooks } from './seed.js';
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
  it('prints one table per scenario and flags failed answers', () => {
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
      throughput,
      ratios: ratios(throughput),
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
    expect(text).toContain('### Delivery fan-out');
  });
});
