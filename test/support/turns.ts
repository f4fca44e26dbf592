// Watching the event loop's turns from a test.

/**
 * How much `read()` grew by the start of each of the next `turns` turns of the event loop, the
 * first counted from now: what each turn added.
 */
export function growthPerTurn(read: () => number, turns: number): Promise<number[]> {
  const growth: number[] = [];
  let last = read();
  return new Promise((resolve) => {
    const tick = () => {
      const now = read();
      growth.push(now - last);
      last = now;
      if (growth.length < turns) setImmediate(tick);
      else resolve(growth);
    };
    setImmediate(tick);
  });
}
