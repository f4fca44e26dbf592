// Time as an injected dependency, so retries and their delays are testable without waiting.
export interface Clock {
  now(): Date;
  /** Runs `fn` after `ms`; the returned function cancels it. */
  schedule(fn: () => void, ms: number): () => void;
}

export const systemClock: Clock = {
  now: () => new Date(),
  schedule(fn, ms) {
    const timer = setTimeout(fn, ms);
    // Pending retries must not keep a stopping process alive.
    timer.unref();
    return () => clearTimeout(timer);
  },
};
