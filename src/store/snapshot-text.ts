// The snapshot's text, serialised a slice at a time: a fold serialises the whole store, and at a
// thousand logged deliveries that was one stretch of milliseconds in which no other tenant's
// request or delivery could run. The state is a view of immutable records (live-state.ts keeps
// every record a new object per change), so the turns in between cannot change what it holds.

/** Records serialised before the event loop gets a turn. */
const SLICE = 100;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Exactly `JSON.stringify(state)`, with a turn of the event loop after every SLICE records. */
export async function snapshotText(state: object): Promise<string> {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(state)) {
    if (!Array.isArray(value) || value.length <= SLICE) {
      const json = JSON.stringify(value) as string | undefined;
      if (json !== undefined) parts.push(`${JSON.stringify(key)}:${json}`);
      continue;
    }
    // A slice is serialised as an array, one call for its records, and its brackets dropped.
    const slices: string[] = [];
    for (let at = 0; at < value.length; at += SLICE) {
      slices.push(JSON.stringify(value.slice(at, at + SLICE)).slice(1, -1));
      await nextTurn();
    }
    parts.push(`${JSON.stringify(key)}:[${slices.join(',')}]`);
  }
  return `{${parts.join(',')}}`;
}
