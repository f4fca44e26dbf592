// How many deliveries one tenant may queue in one turn of the event loop, over all of its
// signals at once (spec/README.md C42). A slice per signal let a tenant with four signals in
// progress queue forty deliveries a turn, and another tenant's request waited behind all of
// them; the budget is the tenant's, so its signals share it in the order they asked.

/** Resolves in a later turn; `undefined` when the caller may go on at once. */
export type Turn = Promise<void> | undefined;

export class TurnBudget {
  readonly #perTurn: number;
  #used = 0;
  #turnEnding = false;
  readonly #waiting: Array<() => void> = [];

  constructor(perTurn: number) {
    this.#perTurn = Math.max(1, perTurn);
  }

  /**
   * Takes one unit of this turn's budget: at once while it lasts and nobody waits, otherwise
   * in a later turn, first come first served.
   */
  take(): Turn {
    this.#endTurnSoon();
    if (this.#waiting.length === 0 && this.#used < this.#perTurn) {
      this.#used += 1;
      return undefined;
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  /**
   * The turn's budget is renewed in the check phase that follows, and handed to the waiting in
   * their order; their work runs in that phase, and what they take counts for the next turn.
   */
  #endTurnSoon(): void {
    if (this.#turnEnding) return;
    this.#turnEnding = true;
    setImmediate(() => {
      this.#turnEnding = false;
      this.#used = 0;
      while (this.#waiting.length > 0 && this.#used < this.#perTurn) {
        this.#used += 1;
        (this.#waiting.shift() as () => void)();
      }
      if (this.#used > 0) this.#endTurnSoon();
    });
  }
}
