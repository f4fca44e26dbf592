// Chaos for people testing clients (WireMock's faults, Prism's long-asked-for delays): a global
// latency range, `Prefer: delay=<ms>` per request, and `Prefer: fault=reset|empty|garbage`,
// which break the connection itself so a client sees what a dying server looks like.
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import type { Context } from 'hono';
import { ApiError } from './api-error.js';
import type { Fault } from './prefer.js';
import { preferencesOf } from './request-preferences.js';

export interface ChaosOptions {
  latency?: { min: number; max: number } | undefined;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function socketOf(c: Context): Socket | undefined {
  const env: unknown = c.env;
  if (typeof env !== 'object' || env === null || !('incoming' in env)) return undefined;
  const incoming = (env as { incoming?: { socket?: Socket } }).incoming;
  return incoming?.socket;
}

function breakConnection(socket: Socket, fault: Fault): void {
  if (fault === 'reset') {
    // RST instead of FIN: the client sees ECONNRESET.
    socket.resetAndDestroy();
  } else if (fault === 'empty') {
    socket.end();
  } else {
    socket.end(randomBytes(256));
  }
}

/**
 * Sleeps for the latency and `Prefer: delay=`, then breaks the connection if a fault is asked
 * for (the answer is then that dead response). The app calls it only once a request has
 * authenticated: a stranger must not be able to hold a socket open or reset connections.
 */
export function chaos(options: ChaosOptions) {
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  return async (c: Context): Promise<Response | undefined> => {
    const preferences = preferencesOf(c);
    const { latency } = options;
    const base = latency ? latency.min + Math.floor(random() * (latency.max - latency.min + 1)) : 0;
    const delay = base + (preferences.delay ?? 0);
    if (delay > 0) await sleep(delay);
    if (preferences.fault) {
      const socket = socketOf(c);
      if (!socket) {
        throw new ApiError('BAD_REQUEST', 'Prefer fault= needs a real connection to break.');
      }
      breakConnection(socket, preferences.fault);
      // Nothing more can be sent on this connection; the adapter's write is discarded.
      return c.body(null, 500);
    }
    return undefined;
  };
}
