// The per-tenant budget of work per event-loop turn (spec/README.md C42): real turns, no timers.
import { describe, expect, it } from 'vitest';
import { TurnBudget } from './turn-budget.js';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs `jobs` takers of `units` each; records, per unit, the turn (0, 1, …) it ran in. */
async function run(budget: TurnBudget, jobs: number, units: number): Promise<number[][]> {
  let turn = 0;
  let counting = true;
  const counter = (async () => {
    while (counting) {
      await nextTurn();
      turn += 1;
    }
  })();
  const ran: number[][] = Array.from({ length: jobs }, () => []);
  await Promise.all(
    ran.map(async (turns) => {
      for (let i = 0; i < units; i++) {
        const wait = budget.take();
        if (wait) await wait;
        turns.push(turn);
      }
    }),
  );
  counting = false;
  await counter;
  return ran;
}

const perTurn = (ran: number[][]) => {
  const counts = new Map<number, number>();
  for (const t of ran.flat()) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts.values()];
};

describe('TurnBudget', () => {
  it('lets the first units of a turn go on at once, without a promise', () => {
    const budget = new TurnBudget(3);
    expect([budget.take(), budget.take(), budget.take()]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(budget.take()).toBeInstanceOf(Promise);
  });

  it("shares one turn's budget among every taker, however many there are", async () => {
    const ran = await run(new TurnBudget(10), 4, 25);
    // 100 units, at most 10 a turn over all four takers (a slice per taker allowed 40).
    expect(ran.flat()).toHaveLength(100);
    expect(Math.max(...perTurn(ran))).toBe(10);
    expect(perTurn(ran).length).toBeGreaterThanOrEqual(10);
  });

  it('serves the waiting in the order they asked', async () => {
    const budget = new TurnBudget(1);
    const order: string[] = [];
    expect(budget.take()).toBeUndefined();
    const waits = ['a', 'b', 'c'].map((name) =>
      (budget.take() as Promise<void>).then(() => order.push(name)),
    );
    await Promise.all(waits);
    expect(order).toEqual(['a', 'b', 'c']);
  });

  it('renews the budget once the loop has turned, with nobody waiting', async () => {
    const budget = new TurnBudget(2);
    budget.take();
    budget.take();
    expect(budget.take()).toBeInstanceOf(Promise);
    await nextTurn();
    await nextTurn();
    expect(budget.take()).toBeUndefined();
  });
});
