// The runner against a server nobody here wrote: Prism mocking the vendor's own Swagger
// (test-support/prism-target.ts). It is stateless — every create answers the same example
// WebhookId, nothing is ever delivered — so an honest run errors on every case whose setup it
// cannot satisfy, says once that the receiver is unreached, and heads each root cause with
// what holds for every case under it. The 60 s bound catches a run that hangs; it is not a
// speed measurement.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CASES } from './cases/index.js';
import { runConformanceCli } from './cli.js';
import { causeKey, rootCauses } from './reporters/root-causes.js';
import { runConformance, type RunResult } from './run.js';
import { startPrismTarget, type PrismTarget } from './test-support/prism-target.js';
import type { Verdict } from './types.js';
import { Writable } from 'node:stream';

const BOUND_MS = 60_000;
let prism: PrismTarget;
let result: RunResult;

beforeAll(async () => {
  prism = await startPrismTarget();
  result = await runConformance({
    target: prism.url,
    credentials: { user: 'tje0', password: 'Tje0' },
    cases: ALL_CASES.filter((c) => !c.slow),
    handleSignals: false,
    signal: AbortSignal.timeout(BOUND_MS),
  });
}, BOUND_MS + 40_000);
afterAll(async () => {
  await prism?.close();
});

const byId = (id: string): Verdict | undefined => result.verdicts.find((v) => v.id === id);

/** What the heading claims, checked against the member's own exchange, not the grouping. */
function headingHolds(heading: string, v: Verdict): boolean {
  const pair = /^expected status (.+), got (\d{3})$/.exec(heading);
  if (pair) return v.evidence?.response?.status === Number(pair[2]) && v.cause === heading;
  return v.cause === heading || v.reason === heading || causeKey(v.reason ?? '') === heading;
}

describe('a run against Prism mocking the vendor Swagger', () => {
  it('ends within the bound, uninterrupted', () => {
    expect(result.interrupted).toBe(false);
    expect(result.durationMs).toBeLessThan(BOUND_MS);
  });

  it('passes no case whose precondition failed', () => {
    const unmet = result.verdicts.filter((v) => v.precondition !== undefined);
    expect(unmet.length).toBeGreaterThan(0);
    for (const v of unmet) expect(v.status, v.id).toBe('error');
    // Every create answers the example WebhookId -2147483648: no case that needs a webhook of
    // its own, nor any case that watches deliveries, can have judged anything.
    const needing = ALL_CASES.filter((c) => c.needsReceiver || c.id.startsWith('filters.'));
    const passed = needing.filter((c) => byId(c.id)?.status === 'passed').map((c) => c.id);
    expect(passed).toEqual([]);
    expect(byId('filters.event')?.precondition).toBe('a created webhook');
  });

  it('says once that the receiver is unreached and reports the delivery cases at once', () => {
    const delivery = result.verdicts.filter(
      (v) => v.precondition === 'the target reaches the receiver',
    );
    expect(delivery.length).toBeGreaterThanOrEqual(10);
    for (const v of delivery) expect(v.durationMs).toBe(0);
    const causes = rootCauses(result.verdicts).filter((c) =>
      /does not reach the receiver/.test(c.reason),
    );
    expect(causes).toHaveLength(1);
  });

  it('heads every root cause with what holds for all of its members', () => {
    const causes = rootCauses(result.verdicts);
    expect(causes.length).toBeGreaterThan(1);
    for (const cause of causes) {
      for (const id of cause.ids) {
        const v = byId(id);
        expect(v && headingHolds(cause.reason, v), `${id} under "${cause.reason}"`).toBe(true);
      }
    }
  });

  it('warns, naming the contract, where only a choice of the contract is broken', () => {
    const warned = result.verdicts.filter((v) => v.status === 'warning');
    expect(warned.length).toBeGreaterThan(0);
    for (const v of warned) expect(v.origin).toBe('choice');
  });

  it('gives the receiver hint on no 401', () => {
    const hinted = result.verdicts.filter((v) => /reach the receiver\?/.test(v.reason ?? ''));
    for (const v of hinted) expect(v.evidence?.response?.status).not.toBe(401);
  });

  it('stops a run without credentials with exit 2, since Prism refuses it', async () => {
    let err = '';
    const sink = (write: (t: string) => void) =>
      new Writable({ write: (chunk: Buffer, _e, done) => (write(chunk.toString()), done()) });
    const code = await runConformanceCli(['--target', prism.url], {
      stdout: sink(() => undefined),
      stderr: sink((t) => (err += t)),
      env: {},
    });
    expect(code).toBe(2);
    expect(err).toMatch(/--user\/--password/);
  });
});
