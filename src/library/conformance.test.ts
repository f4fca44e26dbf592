// runConformance follows a time-scaled mock: run with the mock's own timeScale, the retry
// spacing case passes; without it the run expects the documented 1 s and fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConformance } from './conformance.js';
import { startMockServer, type MockServer } from './mock-server.js';

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
