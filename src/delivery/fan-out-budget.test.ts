import { describe, expect, it } from 'vitest';
import { growthPerTurn } from '../../test/support/turns.js';
import { FanOutBudget } from './fan-out-budget.js';

describe('FanOutBudget', () => {
  it('gives out its places once a turn, synchronously', async () => {
    const budget = new FanOutBudget(3);
    expect([budget.take(), budget.take(), budget.take(), budget.take()]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    await budget.next();
    expect(budget.take()).toBe(true);
  });

  it('shares a turn between concurrent takers: the turn, not each taker, has the places', async () => {
    const budget = new FanOutBudget(4);
    let taken = 0;
    const taker = async (count: number) => {
      for (let i = 0; i < count; i++) {
        while (!budget.take()) await budget.next();
        taken++;
      }
    };
    // Measured from before the takers start: the first entry is their synchronous stretch, each
    // later one a turn's places.
    const growth = growthPerTurn(() => taken, 8);
    await Promise.all([taker(6), taker(6), taker(6)]);
    const perTurn = await growth;
    expect(perTurn.every((n) => n <= 4)).toBe(true);
    expect(taken).toBe(18);
  });
});
