// runConformance follows a time-scaled mock: run with the mock's own timeScale, the retry
// spacing case passes; without it the run expects the documented 1 s and fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConformance } from './conformance.js';
import { startMockServer, type MockServer } from './mock-server.js';
import { startMutatingProxy } from '../../conformance/test-support/mutating-proxy.js';

let mock: MockServer;

beforeAll(async () => {
  mock = await startMockServer({ timeScale: 0.01 });
});

afterAll(async () => {
  await mock?.close();
});

const spacing = (timeScale?: number) =>
  runConformance({
    target: mock.url,
    only: ['deliveries.retry-spacing'],
    deliveryTimeoutMs: 5000,
    ...(timeScale === undefined ? {} : { timeScale }),
  });

describe('runConformance({ timeScale })', () => {
  it('passes deliveries.retry-spacing against startMockServer({ timeScale: 0.01 })', async () => {
    const report = await spacing(0.01);
    expect(report.verdicts.map((c) => [c.id, c.status])).toEqual([
      ['deliveries.retry-spacing', 'passed'],
    ]);
  });

  it('fails it when the run does not know the mock is scaled', async () => {
    const report = await spacing();
    expect(report.verdicts.map((c) => c.status)).toEqual(['failed']);
  });
});

// `strict` and `deep` are the CLI's --strict and --deep: a choice of the contract that does
// not hold is a warning unless strict, and deep runs that many differential sequences.
describe('runConformance({ strict, deep })', () => {
  // 406 for an Accept that allows no JSON and no XML is a choice (spec/README.md C12).
  const choiceCase = 'bad-input.not-acceptable-406';
  const against = async (strict?: boolean) => {
    const proxy = await startMutatingProxy(mock.url, {
      response: (res) => (res.status === 406 ? { ...res, status: 400 } : res),
    });
    try {
      return await runConformance({
        target: proxy.url,
        only: [choiceCase],
        ...(strict === undefined ? {} : { strict }),
      });
    } finally {
      await proxy.close();
    }
  };

  it('warns on a choice that does not hold by default, and fails it with strict: true', async () => {
    const lenient = await against();
    expect(lenient.verdicts.map((v) => [v.id, v.status, v.origin])).toEqual([
      [choiceCase, 'warning', 'choice'],
    ]);
    expect(lenient.summary.failed).toBe(0);
    expect(lenient.strict).toBe(false);
    const strict = await against(true);
    expect(strict.verdicts.map((v) => v.status)).toEqual(['failed']);
    expect(strict.summary.failed).toBe(1);
    expect(strict.strict).toBe(true);
  });

  it('runs the differential case for `deep` sequences instead of its time budget', async () => {
    const report = await runConformance({
      target: mock.url,
      only: ['differential.sequences'],
      deep: 2,
      seed: 3,
      timeScale: 0.01,
      deliveryTimeoutMs: 5000,
    });
    const [verdict] = report.verdicts;
    expect(verdict?.status, verdict?.reason).toBe('passed');
    expect(verdict?.notes).toEqual(['seed 3, 2 sequences']);
    expect(report.seed).toBe(3);
  }, 60_000);
});
