// The demo's own webhook receiver on 127.0.0.1: answers each path with the status the
// scenario sets (200 until told otherwise), verifies X-SuperOffice-Signature with the path's
// Secret exactly as a real receiver would (docs/sources.md §3c), and hands every arrival to waiters.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SIGNATURE_HEADER, verifySignature } from '../delivery/signature.js';
import { listenLocal } from '../platform/local-listener.js';
import { headerValue, type ArrivalView } from './printer.js';

export interface Arrival extends ArrivalView {
  /** The raw bytes as received: what the signature covers. */
  raw: Buffer;
}

export interface Receiver {
  url: string;
  arrivals: readonly Arrival[];
  /** Answers `path` with these statuses in turn; the last one stays. */
  answer(path: string, ...statuses: number[]): void;
  /** Every path answers 200 again. */
  recover(): void;
  /** The Secret deliveries on `path` are signed with. */
  expectSecret(path: string, secret: string): void;
  /** The next arrival not taken yet that `match`es; rejects after `timeoutMs`. */
  take(what: string, match: (arrival: Arrival) => boolean): Promise<Arrival>;
  close(): Promise<void>;
}

interface Waiter {
  match: (arrival: Arrival) => boolean;
  resolve: (arrival: Arrival) => void;
}

const BODIES: Record<number, string> = {
  200: 'OK',
  410: 'This receiver has been retired.',
  500: '{"error":"receiver is down (demo)"}',
};

/** Header names as the sender cased them, for the audience to read. */
function headersOf(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    headers[request.rawHeaders[i] as string] = request.rawHeaders[i + 1] as string;
  }
  return headers;
}

export async function startReceiver(
  onArrival: (arrival: Arrival) => void,
  timeoutMs = 10_000,
): Promise<Receiver> {
  const plans = new Map<string, number[]>();
  const secrets = new Map<string, string>();
  const arrivals: Arrival[] = [];
  const taken = new WeakSet<Arrival>();
  let waiters: Waiter[] = [];

  function statusFor(path: string): number {
    const plan = plans.get(path) ?? [200];
    return (plan.length > 1 ? plan.shift() : plan[0]) ?? 200;
  }

  function record(request: IncomingMessage, response: ServerResponse, raw: Buffer): void {
    const path = request.url ?? '/';
    const headers = headersOf(request);
    const secret = secrets.get(path);
    const signed = headerValue(headers, SIGNATURE_HEADER);
    const signature: Arrival['signature'] =
      secret === undefined ? 'unchecked' : signed === undefined ? 'unsigned' : 'invalid';
    const arrival: Arrival = {
      path,
      headers,
      body: raw.toString('utf8'),
      raw,
      status: 0,
      signature,
    };
    if (secret !== undefined && verifySignature(secret, raw, signed)) arrival.signature = 'valid';
    arrival.status = statusFor(path);
    arrivals.push(arrival);
    onArrival(arrival);
    response.writeHead(arrival.status, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end(BODIES[arrival.status] ?? '');
    const waiter = waiters.find((w) => w.match(arrival));
    if (!waiter) return;
    taken.add(arrival);
    waiters = waiters.filter((w) => w !== waiter);
    waiter.resolve(arrival);
  }

  const listener = await listenLocal(record);

  return {
    url: listener.url,
    arrivals,
    answer: (path, ...statuses) => plans.set(path, statuses.length > 0 ? statuses : [200]),
    recover: () => plans.clear(),
    expectSecret: (path, secret) => secrets.set(path, secret),
    take(what, match) {
      const ready = arrivals.find((a) => !taken.has(a) && match(a));
      if (ready) {
        taken.add(ready);
        return Promise.resolve(ready);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== waiter);
          reject(new Error(`no ${what} reached the receiver within ${timeoutMs} ms`));
        }, timeoutMs);
        const waiter: Waiter = {
          match,
          resolve: (arrival) => {
            clearTimeout(timer);
            resolve(arrival);
          },
        };
        waiters.push(waiter);
      });
    },
    close: () => listener.close(),
  };
}
