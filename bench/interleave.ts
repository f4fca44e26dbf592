// Round r of every server before round r + 1 of any: load from other processes on the machine
// then falls on all servers alike, so the ratios hold even when absolute numbers drift.
import {
  LOAD_DEFAULTS,
  measureRound,
  medianOf,
  warmUp,
  type LoadSpec,
  type Measurement,
} from './load.js';
import type { Target } from './process.js';

/** A request shape without the server it goes to. */
export type Request = Omit<LoadSpec, 'url' | 'pid'>;

export interface Contestant<K extends string> {
  target: Target;
  requests: Partial<Record<K, Request>>;
}

/** The median round of each (key, contestant) that has a request for the key, key by key. */
export async function interleave<K extends string>(
  keys: readonly K[],
  contestants: readonly Contestant<K>[],
  roundSec = LOAD_DEFAULTS.roundSec,
): Promise<Array<Partial<Record<K, Measurement>>>> {
  const results = contestants.map(() => ({}) as Partial<Record<K, Measurement>>);
  for (const key of keys) {
    const rounds = contestants.map(() => [] as Measurement[]);
    for (let r = 0; r < LOAD_DEFAULTS.rounds; r++) {
      for (const [i, { target, requests }] of contestants.entries()) {
        const request = requests[key];
        if (!request) continue;
        const spec = { url: target.url, pid: target.pid, roundSec, ...request };
        if (r === 0) await warmUp({ ...spec, warmupSec: 0.25 });
        rounds[i]?.push(await measureRound(spec));
      }
    }
    for (const [i, measured] of rounds.entries()) {
      const result = results[i];
      if (result && measured.length > 0) result[key] = medianOf(measured);
    }
  }
  return results;
}
