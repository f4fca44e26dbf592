// Waiting, bounded, for a record to appear in a log that tells its listeners of new entries.
// The library's deliveries.waitFor and inbox.waitFor are both this.

/** An object whose listed fields must equal the record's, or a predicate. */
export type Match<T> = Partial<T> | ((record: T) => boolean);

export interface WaitOptions {
  /** Milliseconds before the wait fails (default 5000). */
  timeout?: number;
}

export const DEFAULT_WAIT_MS = 5000;

export function matches<T extends object>(match: Match<T>, record: T): boolean {
  if (typeof match === 'function') return match(record);
  return Object.entries(match).every(
    ([key, value]) => (record as Record<string, unknown>)[key] === value,
  );
}

/**
 * Resolves with the first record `current()` holds that matches, looking again each time
 * `subscribe` reports a change; rejects after the timeout with what was there instead.
 */
export function waitFor<T extends object>(
  what: string,
  match: Match<T>,
  current: () => readonly T[],
  subscribe: (onChange: () => void) => () => void,
  { timeout = DEFAULT_WAIT_MS }: WaitOptions = {},
): Promise<T> {
  return new Promise((resolve, reject) => {
    const found = () => current().find((record) => matches(match, record));
    const now = found();
    if (now) {
      resolve(now);
      return;
    }
    const done = (settle: () => void) => {
      clearTimeout(timer);
      unsubscribe();
      settle();
    };
    const unsubscribe = subscribe(() => {
      const record = found();
      if (record) done(() => resolve(record));
    });
    const timer = setTimeout(() => {
      const seen = current().length;
      done(() =>
        reject(new Error(`No ${what} matched within ${timeout} ms (${seen} ${what}s seen).`)),
      );
    }, timeout);
  });
}
