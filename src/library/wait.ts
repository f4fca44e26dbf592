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

/** `1 delivery`, `2 deliveries`, `0 inbox records`. */
export function counted(count: number, noun: string): string {
  if (count === 1) return `${count} ${noun}`;
  return `${count} ${/[^aeiou]y$/.test(noun) ? `${noun.slice(0, -1)}ie` : noun}s`;
}

/** How many records to describe in a timeout message, newest last. */
const SHOWN = 5;

/** What was waited for, and what was there instead: the fields the match names, per record. */
export function describeMiss<T extends object>(
  what: string,
  match: Match<T>,
  seen: readonly T[],
  timeout: number,
): string {
  const wanted = typeof match === 'function' ? 'the predicate' : JSON.stringify(match);
  const head = `No ${what} matched ${wanted} within ${timeout} ms; ${counted(seen.length, what)} seen`;
  if (typeof match === 'function' || seen.length === 0) return `${head}.`;
  const keys = Object.keys(match);
  const shown = seen.slice(-SHOWN).map((record) => {
    const fields = record as Record<string, unknown>;
    return JSON.stringify(Object.fromEntries(keys.map((key) => [key, fields[key]])));
  });
  const more = seen.length > SHOWN ? `, the last ${SHOWN}` : '';
  return `${head}${more}: ${shown.join(', ')}.`;
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
      const seen = current();
      done(() => reject(new Error(describeMiss(what, match, seen, timeout))));
    }, timeout);
  });
}
