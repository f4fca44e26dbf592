// The connections to one receiver, shared by every tenant's deliveries in turn. A tenant that
// floods a receiver queues behind its own attempts only: when a connection frees, the next lane
// with the fewest connections in use gets it (the round's order breaks ties), so a waiting
// attempt of a quiet tenant goes before the flood's next one however many the flood has queued.

/** How long a lane counts as sharing the receiver after it last asked for a slot. */
const ACTIVE_MS = 1_000;

/** Gives a slot back; call it once, when the exchange is over. */
export type Release = () => void;

export class FairGate {
  readonly #capacity: number;
  #busy = 0;
  /** Lanes with waiters, in the order of their next turn (a Map keeps insertion order). */
  readonly #lanes = new Map<string, Array<(release: Release) => void>>();
  /** Slots each lane holds now. */
  readonly #held = new Map<string, number>();

  /** When each lane last asked for a slot: lanes seen within ACTIVE_MS share the slots. */
  readonly #seen = new Map<string, number>();
  readonly #now: () => number;

  constructor(capacity: number, now: () => number = () => performance.now()) {
    this.#capacity = Math.max(1, capacity);
    this.#now = now;
  }

  /**
   * Slots one lane may hold: all of them while it is alone, an equal part while others have
   * asked within ACTIVE_MS. A flood that kept every connection busy kept the receiver's own
   * queue full, and another tenant's request waited in it behind all of them.
   */
  #share(): number {
    const since = this.#now() - ACTIVE_MS;
    for (const [lane, at] of this.#seen) if (at < since) this.#seen.delete(lane);
    return Math.max(1, Math.floor(this.#capacity / Math.max(1, this.#seen.size)));
  }

  /** Slots in use. */
  get busy(): number {
    return this.#busy;
  }

  /** Attempts waiting for a slot, over all lanes. */
  get waiting(): number {
    let count = 0;
    for (const waiters of this.#lanes.values()) count += waiters.length;
    return count;
  }

  /**
   * Whether `lane` may take a free slot now. With four slots or more, the last free one is kept
   * for a lane that holds none: a tenant's first attempt then starts at once, instead of waiting
   * for one of a flooding tenant's exchanges to end (spec/README.md C42).
   */
  #mayTake(lane: string): boolean {
    const free = this.#capacity - this.#busy;
    const held = this.#held.get(lane) ?? 0;
    if (free === 0 || held >= this.#share()) return false;
    return free > 1 || this.#capacity < 4 || held === 0;
  }

  /**
   * Calls `start` with a release as soon as `lane` may use a slot: at once when one is free to
   * it and no lane holding fewer waits.
   */
  enter(lane: string, start: (release: Release) => void): void {
    this.#seen.delete(lane);
    this.#seen.set(lane, this.#now());
    const waiters = this.#lanes.get(lane);
    if (waiters) waiters.push(start);
    else this.#lanes.set(lane, [start]);
    this.#next();
  }

  #take(lane: string, start: (release: Release) => void): void {
    this.#busy += 1;
    this.#held.set(lane, (this.#held.get(lane) ?? 0) + 1);
    let released = false;
    start(() => {
      if (released) return;
      released = true;
      this.#busy -= 1;
      const held = (this.#held.get(lane) ?? 1) - 1;
      if (held === 0) this.#held.delete(lane);
      else this.#held.set(lane, held);
      this.#next();
    });
  }

  #next(): void {
    while (this.#busy < this.#capacity && this.#lanes.size > 0) {
      const lane = this.#leastServed();
      // The least served lane cannot have the last slot: no waiting lane can.
      if (!this.#mayTake(lane)) return;
      const waiters = this.#lanes.get(lane) as Array<(release: Release) => void>;
      const start = waiters.shift() as (release: Release) => void;
      // The lane goes to the end of the round, or leaves it when it has nobody left waiting.
      this.#lanes.delete(lane);
      if (waiters.length > 0) this.#lanes.set(lane, waiters);
      this.#take(lane, start);
    }
  }

  /** The waiting lane holding the fewest slots; the first in the round among equals. */
  #leastServed(): string {
    let best = '';
    let fewest = Infinity;
    for (const lane of this.#lanes.keys()) {
      const held = this.#held.get(lane) ?? 0;
      if (held < fewest) [best, fewest] = [lane, held];
      if (held === 0) break;
    }
    return best;
  }
}
