// A Clock for tests: time stands still until a test advances it, and schedule() only queues.
// advance(ms) runs the timers that fall due, earliest first, moving now() to each one's time
// and letting the work it started settle before the next runs, so retry delays cost no real
// waiting: a fake clock, no sleeps.
import type { Clock } from '../../src/platform/clock.js';

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
}

/** Lets promise chains and I/O callbacks that are already due run: one event-loop turn. */
export function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Polls `condition` once per event-loop turn until it holds; fails after `ms` of real time (a
 * bound, not a sleep: file writes of a lowdb store take real time). The message says what was
 * awaited.
 */
export async function until(condition: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await flush();
  }
}

export class ManualClock implements Clock {
  #now: number;
  #seq = 0;
  #timers: Timer[] = [];

  constructor(start: Date | string = '2025-01-01T12:00:00.000Z') {
    this.#now = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.#now);
  }

  schedule(fn: () => void, ms: number): () => void {
    const timer: Timer = { at: this.#now + Math.max(0, ms), seq: this.#seq++, fn };
    this.#timers.push(timer);
    return () => {
      this.#timers = this.#timers.filter((t) => t !== timer);
    };
  }

  /** Timers queued and not yet run or cancelled. */
  pending(): number {
    return this.#timers.length;
  }

  /** Milliseconds from now until each queued timer is due, soonest first. */
  delays(): number[] {
    return this.#ordered().map((t) => t.at - this.#now);
  }

  /** Moves time forward by `ms`, running every timer due by then in order. */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    for (;;) {
      const next = this.#ordered()[0];
      if (!next || next.at > target) break;
      this.#timers = this.#timers.filter((t) => t !== next);
      this.#now = Math.max(this.#now, next.at);
      next.fn();
      await flush();
    }
    this.#now = target;
    await flush();
  }

  #ordered(): Timer[] {
    return [...this.#timers].sort((a, b) => a.at - b.at || a.seq - b.seq);
  }
}

/**
 * Runs deliveries to their end on `clock`: whenever work is waiting for a timer, advances to
 * it; resolves when `dispatcher.idle()` does. Attempts that take real time (sockets, files)
 * are awaited, not skipped.
 */
export async function drain(
  clock: ManualClock,
  dispatcher: { idle(): Promise<void> },
  ms = 10_000,
): Promise<void> {
  let idle = false;
  void dispatcher.idle().then(() => (idle = true));
  const deadline = performance.now() + ms;
  for (;;) {
    const left = deadline - performance.now();
    await until(() => idle || clock.pending() > 0, 'a timer or the dispatcher to be idle', left);
    if (idle) return;
    await clock.advance(clock.delays()[0] ?? 0);
  }
}
