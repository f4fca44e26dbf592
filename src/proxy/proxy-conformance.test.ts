// The proxy in front of the mock itself: the whole conformance suite run through it gets the
// same verdicts as run directly, and the proxy finds no difference from the contract in any
// of the exchanges the suite makes (bad input, XML, tenants and deliveries included): with the
// runner's receiver behind the proxy's, so every delivery and every counter after it is judged
// too, and the rules judged against earlier exchanges raise no false alarm.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CASES } from '../../conformance/cases/index.js';
import { runConformance } from '../../conformance/run.js';
import { CREDENTIALS } from '../../conformance/test-support/wrong-target-harness.js';
import { startServer, type RunningServer } from '../server.js';
import { startProxy, type RunningProxy } from './start.js';
import { freePort } from '../../test/support/free-port.js';

const TIME_SCALE = 0.01;
let server: RunningServer;
let proxy: RunningProxy;
let receiverPort: number;

beforeAll(async () => {
  server = await startServer({ port: 0, host: '127.0.0.1', db: ':memory:', timeScale: TIME_SCALE });
  receiverPort = await freePort();
  proxy = await startProxy({
    upstream: `${server.url}/api`,
    forward: `http://127.0.0.1:${receiverPort}`,
    // The mock's retries come at its time scale; the proxy judges their timing at the same.
    timeScale: TIME_SCALE,
  });
});
afterAll(async () => {
  await proxy?.close();
  await server?.close();
});

const run = (target: string, receiver?: { port: number; publicUrl: string }) =>
  runConformance({
    target,
    ...(receiver ? { receiver: { host: '127.0.0.1', ...receiver } } : {}),
    credentials: CREDENTIALS,
    cases: ALL_CASES,
    handleSignals: false,
    timeScale: TIME_SCALE,
    deliveryTimeoutMs: 3_000,
  });

describe('the proxy in front of the mock', () => {
  it('passes the whole suite as the mock does directly, and reports no violation', async () => {
    const direct = await run(server.url);
    const through = await run(proxy.url, {
      port: receiverPort,
      publicUrl: proxy.receiverUrl('conformance'),
    });
    const statuses = (verdicts: typeof direct.verdicts) =>
      verdicts.map((v) => `${v.id} ${v.status}`).sort();
    // The reasons first: they say what differed, where the statuses only say that it did.
    const notPassed = through.verdicts.filter((v) => v.status === 'failed' || v.status === 'error');
    expect(notPassed.map((v) => `${v.id}: ${v.reason}`)).toEqual([]);
    expect(statuses(through.verdicts)).toEqual(statuses(direct.verdicts));
    // The precondition: the suite really went through the proxy, every operation of it.
    const conforming = proxy.verdicts().filter((v) => v.status === 'passed');
    expect(conforming.length).toBeGreaterThanOrEqual(18);
    expect(proxy.entries().length).toBeGreaterThan(100);
    const deliveries = proxy.entries().filter((e) => e.kind === 'delivery');
    expect(deliveries.filter((d) => d.signature === 'verified').length).toBeGreaterThan(10);
    // Every retry expected during the run is due by now (spec/README.md C43: 3 × 40 ms + 5 s):
    // a retry the proxy wrongly missed would be reported before the verdict below.
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    expect(proxy.broken().map((b) => `${b.rule} ${b.message}`)).toEqual([]);
    expect(proxy.violationCount()).toBe(0);
  }, 240_000);
});
