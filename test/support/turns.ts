// Watching the event loop's turns from a test.

/** `read()` at the start of each of the next `turns` turns of the event loop. */
export function everyTurn(read: () => number, turns: number): Promise<number[]> {
  const seen: number[] = [];
  return new Promise((resolve) => {
    const tick = () => {
      seen.push(read());
      if (seen.length < turns) setImmediate(tick);
      else resolve(seen);
    };
    setImmediate(tick);
  });
}
