// How many deliveries one tenant's signals queue per turn of the event loop, all of them together
// (spec/README.md C42). A slice per signal let a flooding tenant's concurrent signals each queue
// theirs in the same turn, so its turns grew with its signallers, and another tenant's request or
// delivery waited behind all of them; the tenant's budget keeps a turn's share of its fan-out
// fixed however many signals it has in flight.

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class FanOutBudget {
  readonly #perTurn: number;
  #left: number;
  #refill: Promise<void> | undefined;

  constructor(perTurn: number) {
    this.#perTurn = perTurn;
    this.#left = perTurn;
  }

  /**
   * Takes a place in this turn, synchronously, so a slice's deliveries still reach the journal
   * in one append; false once the turn's places are gone (then wait for `next`).
   */
  take(): boolean {
    if (this.#left === 0) return false;
    this.#left -= 1;
    this.#scheduleRefill();
    return true;
  }

  /** Resolves at the next turn, when the places are given out again (first waiter first). */
  next(): Promise<void> {
    return this.#scheduleRefill();
  }

  #scheduleRefill(): Promise<void> {
    this.#refill ??= nextTurn().then(() => {
      this.#left = this.#perTurn;
      this.#refill = undefined;
    });
    return this.#refill;
  }
}
