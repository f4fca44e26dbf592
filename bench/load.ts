// Drives one request shape at a server with autocannon: a discarded warm-up, then a few
// measured rounds of fixed connections; the median round is reported, so one round disturbed by
// another process on the machine does not decide the result. The server's own CPU time per
// request is measured too: unlike req/s it hardly moves when other processes share the CPUs.
import autocannon from 'autocannon';
import { cpuMs } from './process.js';

export interface LoadSpec {
  url: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Picks the path of each request (e.g. round-robin ids); `path` is the first. */
  nextPath?: () => string;
  /** The server process, whose CPU time is read around each round (Linux). */
  pid?: number;
  connections?: number;
  /** Length of each measured round. */
  roundSec?: number;
  rounds?: number;
  warmupSec?: number;
  /**
   * Count requests instead of timing a round: each round sends as many as the warm-up's latency
   * says fit in `roundSec`, at least one per connection and at most this many. For writes, which
   * can be slower than a round or grow the store.
   */
  maxAmount?: number;
  /** Warm up with this many requests instead of for `warmupSec` (writes that grow the store). */
  warmupAmount?: number;
}

export interface Measurement {
  /** Answered requests per second over the measured round. */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  requests: number;
  /** Answers that were not 2xx, and connection errors/timeouts: both should be 0. */
  non2xx: number;
  errors: number;
  /** Average response bytes (headers included) per request. */
  bytesPerRequest: number;
  /**
   * Server CPU time (user + system) per answered request, in µs, over all measured rounds (the
   * clock ticks in 10 ms steps, so more requests give a finer figure); null when unreadable.
   */
  cpuUsPerRequest: number | null;
  /** Server CPU time over the round(s), in ms. */
  cpuMs: number | null;
  /** req/s of every measured round, in order. */
  rounds: number[];
}

export const LOAD_DEFAULTS = { connections: 10, roundSec: 1.5, rounds: 3, warmupSec: 1 };

type Limit = { duration: number } | { amount: number };

/**
 * One autocannon run, timed from start to its last response: autocannon itself only notices the
 * end at its next sample tick, which would stretch a short counted round.
 */
function run(options: autocannon.Options): Promise<{ result: autocannon.Result; seconds: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let last = started;
    const instance = autocannon({ ...options, sampleInt: 100 }, (error, result) =>
      error ? reject(error as Error) : resolve({ result, seconds: (last - started) / 1000 }),
    );
    instance.on('response', () => {
      last = performance.now();
    });
  });
}

async function round(spec: LoadSpec, limit: Limit): Promise<Measurement> {
  const { nextPath } = spec;
  const cpuBefore = spec.pid ? await cpuMs(spec.pid) : undefined;
  const { result, seconds } = await run({
    url: spec.url,
    connections: spec.connections ?? LOAD_DEFAULTS.connections,
    ...limit,
    requests: [
      {
        method: spec.method as autocannon.Request['method'],
        path: spec.path,
        headers: spec.headers ?? {},
        ...(spec.body === undefined ? {} : { body: spec.body }),
        ...(nextPath ? { setupRequest: (request) => ({ ...request, path: nextPath() }) } : {}),
      },
    ],
  });
  const cpuAfter = spec.pid ? await cpuMs(spec.pid) : undefined;
  const answered = result.requests.total;
  const cpu = cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : null;
  return {
    rps: seconds > 0 ? answered / seconds : 0,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    meanMs: result.latency.mean,
    requests: answered,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    bytesPerRequest: answered > 0 ? result.throughput.total / answered : 0,
    cpuUsPerRequest: cpu !== null && answered > 0 ? (cpu * 1000) / answered : null,
    cpuMs: cpu,
    rounds: [],
  };
}

const connectionsOf = (spec: LoadSpec) => spec.connections ?? LOAD_DEFAULTS.connections;

/**
 * Loads the server without recording, so the JIT and caches are warm before measuring: for
 * `warmupSec`, or for `warmupAmount` requests where a timed warm-up would grow the store.
 */
export async function warmUp(spec: LoadSpec): Promise<Measurement | undefined> {
  if (spec.warmupAmount !== undefined) return round(spec, { amount: spec.warmupAmount });
  const warmupSec = spec.warmupSec ?? LOAD_DEFAULTS.warmupSec;
  return warmupSec > 0 ? round(spec, { duration: warmupSec }) : undefined;
}

/** How long one measured round is: a duration, or a count sized by the warm-up's latency. */
function limitFor(spec: LoadSpec, warm: Measurement | undefined): Limit {
  const roundMs = (spec.roundSec ?? LOAD_DEFAULTS.roundSec) * 1000;
  if (spec.maxAmount === undefined) return { duration: roundMs / 1000 };
  const connections = connectionsOf(spec);
  // The median, not the mean: the warm-up's first requests are the slowest. A warm-up that got
  // no answer at all says a request takes a round or longer.
  const latencyMs = warm && warm.requests > 0 ? Math.max(warm.p50Ms, 1) : roundMs;
  const fit = Math.ceil((roundMs / latencyMs) * connections);
  return { amount: Math.max(connections, Math.min(spec.maxAmount, fit)) };
}

export async function measureRound(spec: LoadSpec): Promise<Measurement> {
  return round(spec, limitFor(spec, undefined));
}

const sum = (values: number[]) => values.reduce((total, v) => total + v, 0);

/**
 * The median round by req/s and latency, with every round's req/s, the failures of all rounds,
 * and CPU per request over all rounds together.
 */
export function medianOf(results: readonly Measurement[]): Measurement {
  const median = [...results].sort((a, b) => a.rps - b.rps)[Math.floor(results.length / 2)];
  if (!median) throw new Error('no measured round');
  const cpu = results.every((r) => r.cpuMs !== null) ? sum(results.map((r) => r.cpuMs ?? 0)) : null;
  const requests = sum(results.map((r) => r.requests));
  return {
    ...median,
    non2xx: sum(results.map((r) => r.non2xx)),
    errors: sum(results.map((r) => r.errors)),
    cpuUsPerRequest: cpu !== null && requests > 0 ? (cpu * 1000) / requests : null,
    cpuMs: cpu,
    rounds: results.map((r) => r.rps),
  };
}

export async function measure(spec: LoadSpec): Promise<Measurement> {
  const limit = limitFor(spec, await warmUp(spec));
  const results: Measurement[] = [];
  for (let i = 0; i < (spec.rounds ?? LOAD_DEFAULTS.rounds); i++) {
    results.push(await round(spec, limit));
  }
  return medianOf(results);
}
