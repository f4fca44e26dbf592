// The retry timing rules on their own, with a fake clock: the bounds of spec/README.md C43, the
// expectation a write or the proxy's close ends, and a 410 too slow to prove anything.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Evidence } from '../../conformance/types.js';
import { RetryWatch, type MissingRetry } from './retry-watch.js';

const evidence: Evidence = { request: { method: 'POST', url: '/__inbox/a', headers: {} } };
const about = { event: 'contact.created', webhookId: 5, evidence };
let missing: MissingRetry[];
let watch: RetryWatch;

beforeEach(() => {
  vi.useFakeTimers();
  missing = [];
  watch = new RetryWatch(1, (m) => missing.push(m));
});
afterEach(() => {
  watch.close();
  vi.useRealTimers();
});

/** An attempt arriving at `at` and answered `status` `took` ms later. */
function attempt(at: number, retry: number, status: number, took = 10) {
  const { findings, attempt: n } = watch.arrived('/__inbox/a', 'e1', retry, at);
  watch.answered({ path: '/__inbox/a', eventId: 'e1', attempt: n }, status, at + took, about);
  return findings;
}

describe('RetryWatch', () => {
  it('takes retries at the documented delays, and none after a 200', () => {
    expect(attempt(0, 0, 500)).toEqual([]);
    expect(attempt(1_010, 1, 500)).toEqual([]);
    expect(attempt(5_020, 2, 200)).toEqual([]);
    vi.advanceTimersByTime(60_000);
    expect(missing).toEqual([]);
  });

  it('reports a retry sooner than half its delay after the attempt before it arrived', () => {
    attempt(0, 0, 500);
    expect(attempt(499, 1, 200).map((f) => f.rule)).toEqual(['delivery.retry-early']);
  });

  it('reports a retry that has not come 3 × the delay + 5 s after a failure', () => {
    attempt(0, 0, 503);
    vi.advanceTimersByTime(7_999);
    expect(missing).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(missing.map((m) => [m.finding.rule, m.finding.origin, m.status])).toEqual([
      ['delivery.retry-missing', 'vendor', 503],
    ]);
  });

  it('names C18 when the failure was a 2xx other than 200', () => {
    attempt(0, 0, 202);
    vi.advanceTimersByTime(10_000);
    expect(missing[0]?.finding.source).toMatch(/C18/);
  });

  it('expects nothing after the third attempt, a 410, or a write to the webhook', () => {
    attempt(0, 0, 500);
    attempt(1_000, 1, 500);
    attempt(5_000, 2, 500);
    vi.advanceTimersByTime(60_000);
    expect(missing).toEqual([]);
    const { attempt: n } = watch.arrived('/__inbox/a', 'e2', 0, 70_000);
    watch.answered({ path: '/__inbox/a', eventId: 'e2', attempt: n }, 500, 70_010, about);
    watch.cancel(5, 70_020);
    vi.advanceTimersByTime(60_000);
    expect(missing).toEqual([]);
  });

  it('expects no retry after a write to the webhook that went up while the attempt was out', () => {
    const { attempt: n } = watch.arrived('/__inbox/a', 'e4', 0, 100);
    watch.cancel(5, 105);
    watch.answered({ path: '/__inbox/a', eventId: 'e4', attempt: n }, 500, 110, about);
    vi.advanceTimersByTime(60_000);
    expect(missing).toEqual([]);
  });

  it('reports an attempt after a 410 given at once, not after one given too late to prove', () => {
    attempt(0, 0, 410);
    expect(attempt(2_000, 1, 200).map((f) => f.rule)).toEqual(['delivery.gone']);
    const slow = new RetryWatch(1, (m) => missing.push(m));
    const first = slow.arrived('/__inbox/b', 'e3', 0, 0);
    slow.answered({ path: '/__inbox/b', eventId: 'e3', attempt: first.attempt }, 410, 1_500, about);
    expect(slow.arrived('/__inbox/b', 'e3', 1, 2_000).findings).toEqual([]);
    slow.close();
  });

  it('judges no timing of an event first seen on a retry, and ends expectations on close', () => {
    expect(attempt(0, 1, 500)).toEqual([]);
    expect(attempt(10, 2, 500)).toEqual([]);
    const { attempt: n } = watch.arrived('/__inbox/a', 'e9', 0, 100);
    watch.answered({ path: '/__inbox/a', eventId: 'e9', attempt: n }, 500, 110, about);
    watch.close();
    vi.advanceTimersByTime(60_000);
    expect(missing).toEqual([]);
  });
});
