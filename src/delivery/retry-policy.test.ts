import { describe, expect, it } from 'vitest';
import {
  afterCycle,
  classify,
  MAX_ATTEMPTS,
  nextStep,
  RETRY_DELAYS_MS,
  type AttemptOutcome,
  type Classification,
  type CycleResult,
  type DeliveryCounters,
  type Step,
} from './retry-policy.js';

describe('the documented numbers (docs/sources.md §3d)', () => {
  it('is 3 attempts, waiting 1 s then 4 s', () => {
    expect(MAX_ATTEMPTS).toBe(3);
    expect(RETRY_DELAYS_MS).toEqual([1000, 4000]);
  });
});

describe('classify', () => {
  const cases: [AttemptOutcome, Classification][] = [
    [{ status: 200 }, 'success'],
    [{ status: 201 }, 'failure'],
    [{ status: 204 }, 'failure'],
    [{ status: 302 }, 'failure'],
    [{ status: 400 }, 'failure'],
    [{ status: 404 }, 'failure'],
    [{ status: 410 }, 'gone'],
    [{ status: 500 }, 'failure'],
    [{ status: 503 }, 'failure'],
    [{ error: 'timeout after 5000 ms' }, 'failure'],
    [{ error: 'connect ECONNREFUSED 127.0.0.1:9' }, 'failure'],
    [{ status: 200, error: 'timeout after 5000 ms' }, 'failure'],
    [{}, 'failure'],
  ];
  it.each(cases)('%j → %s', (outcome, expected) => expect(classify(outcome)).toBe(expected));
});

describe('nextStep', () => {
  const cases: [number, Classification, number, Step][] = [
    [0, 'success', 1, { kind: 'done' }],
    [2, 'success', 1, { kind: 'done' }],
    [0, 'failure', 1, { kind: 'retry', delayMs: 1000 }],
    [1, 'failure', 1, { kind: 'retry', delayMs: 4000 }],
    [2, 'failure', 1, { kind: 'cycle-failed' }],
    [0, 'gone', 1, { kind: 'gone' }],
    [1, 'gone', 1, { kind: 'gone' }],
    [0, 'failure', 0.001, { kind: 'retry', delayMs: 1 }],
    [1, 'failure', 0.001, { kind: 'retry', delayMs: 4 }],
    [1, 'failure', 0, { kind: 'retry', delayMs: 0 }],
    [3, 'failure', 1, { kind: 'cycle-failed' }],
    [-1, 'failure', 1, { kind: 'cycle-failed' }],
    [0.5, 'failure', 1, { kind: 'cycle-failed' }],
  ];
  it.each(cases)('attempt %i, %s, scale %d → %j', (index, classification, scale, step) => {
    expect(nextStep(index, classification, scale)).toEqual(step);
  });

  it('makes exactly three attempts when every attempt fails', () => {
    let attempts = 0;
    let waited = 0;
    for (let index = 0; ; index++) {
      attempts++;
      const step = nextStep(index, 'failure');
      if (step.kind !== 'retry') break;
      waited += step.delayMs;
    }
    expect({ attempts, waited }).toEqual({ attempts: 3, waited: 5000 });
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses timeScale %d', (scale) => {
    expect(() => nextStep(0, 'failure', scale)).toThrow(RangeError);
  });
});

describe('afterCycle', () => {
  const fresh: DeliveryCounters = {
    ConsecutiveErrors: 0,
    TotalErrors: 0,
    TotalCalls: 0,
    State: 'Active',
  };
  const cases: {
    name: string;
    before: Partial<DeliveryCounters>;
    result: CycleResult;
    attempts?: number;
    after: DeliveryCounters;
    disabledNow: boolean;
  }[] = [
    {
      name: 'first-try success',
      before: {},
      result: 'success',
      after: { ConsecutiveErrors: 0, TotalErrors: 0, TotalCalls: 1, State: 'Active' },
      disabledNow: false,
    },
    {
      name: 'success on the 3rd attempt resets the streak, counts two errors',
      before: { ConsecutiveErrors: 4, TotalErrors: 12, TotalCalls: 20 },
      result: 'success',
      attempts: 3,
      after: { ConsecutiveErrors: 0, TotalErrors: 14, TotalCalls: 23, State: 'Active' },
      disabledNow: false,
    },
    {
      name: 'a failed cycle counts its three failed attempts',
      before: {},
      result: 'failed',
      after: { ConsecutiveErrors: 1, TotalErrors: 3, TotalCalls: 3, State: 'Active' },
      disabledNow: false,
    },
    {
      name: 'the 8th failed cycle keeps the hook active',
      before: { ConsecutiveErrors: 7, TotalErrors: 21, TotalCalls: 21 },
      result: 'failed',
      after: { ConsecutiveErrors: 8, TotalErrors: 24, TotalCalls: 24, State: 'Active' },
      disabledNow: false,
    },
    {
      name: 'the 9th consecutive failed cycle disables',
      before: { ConsecutiveErrors: 8, TotalErrors: 24, TotalCalls: 30 },
      result: 'failed',
      after: { ConsecutiveErrors: 9, TotalErrors: 27, TotalCalls: 33, State: 'TooManyErrors' },
      disabledNow: true,
    },
    {
      name: 'a re-enabled hook still at 9 disables on its next failure',
      before: { ConsecutiveErrors: 9 },
      result: 'failed',
      after: { ConsecutiveErrors: 10, TotalErrors: 3, TotalCalls: 3, State: 'TooManyErrors' },
      disabledNow: true,
    },
    {
      name: '410 on the first attempt disables at once',
      before: {},
      result: 'gone',
      after: { ConsecutiveErrors: 1, TotalErrors: 1, TotalCalls: 1, State: 'TooManyErrors' },
      disabledNow: true,
    },
    {
      name: '410 on the 2nd attempt counts both failed attempts',
      before: {},
      result: 'gone',
      attempts: 2,
      after: { ConsecutiveErrors: 1, TotalErrors: 2, TotalCalls: 2, State: 'TooManyErrors' },
      disabledNow: true,
    },
    {
      name: 'a hook stopped during the cycle stays Stopped',
      before: { ConsecutiveErrors: 8, State: 'Stopped' },
      result: 'failed',
      after: { ConsecutiveErrors: 9, TotalErrors: 3, TotalCalls: 3, State: 'Stopped' },
      disabledNow: false,
    },
    {
      name: 'an already disabled hook is not disabled (notified) twice',
      before: { State: 'TooManyErrors' },
      result: 'gone',
      after: { ConsecutiveErrors: 1, TotalErrors: 1, TotalCalls: 1, State: 'TooManyErrors' },
      disabledNow: false,
    },
  ];

  it.each(cases)('$name', (c) => {
    const update = afterCycle({ ...fresh, ...c.before }, c.result, c.attempts);
    expect(update).toEqual({ counters: c.after, disabledNow: c.disabledNow });
  });

  it('disables after nine failed cycles in a row, and a success in between starts over', () => {
    let counters = fresh;
    const results: CycleResult[] = ['failed', 'failed', 'failed', 'failed', 'success'];
    results.push(...Array<CycleResult>(9).fill('failed'));
    const disabledAt: number[] = [];
    results.forEach((result, i) => {
      const update = afterCycle(counters, result);
      counters = update.counters;
      if (update.disabledNow) disabledAt.push(i);
    });
    expect(disabledAt).toEqual([results.length - 1]);
    expect(counters.State).toBe('TooManyErrors');
  });
});
