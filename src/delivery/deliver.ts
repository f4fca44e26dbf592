// Where src/delivery does network I/O: a single signed POST to a TargetUrl, resolved and pinned
// by pinned-route.ts, sent over connection-pool.ts and read by exchange.ts. It never throws;
// every outcome is a value the retry policy classifies (docs/sources.md §3d).
import { STATUS_CODES, validateHeaderName, validateHeaderValue } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface DeliveryRequest {
  url: string;
  headers: Record<string, string>;
  /** Sent as its UTF-8 bytes, exactly the bytes the signature covers. */
  body: string;
  /** Whole-exchange limit: connect, send, status and body. The reference documents none (§3d). */
  timeoutMs: number;
  /** Refuses a resolved address with a reason (self-target.ts); the connection is pinned to it. */
  refuseAddress?: (address: string) => string | undefined;
  /** Who sends it (the tenant): lanes take turns for a receiver's connections. */
  lane?: string;
}

export interface DeliveryAttemptResult {
  /** The target answered 200, the only success (spec/README.md C18). */
  ok: boolean;
  status?: number;
  /** The reason phrase the target sent. */
  statusText?: string;
  /** Names as the target cased them; repeated headers joined with ', '. */
  responseHeaders?: Record<string, string>;
  /** The first 4 KiB of the body, decoded as UTF-8; the rest is not read. */
  responseBody?: string;
  error?: string;
  latencyMs: number;
}

export type Deliver = (request: DeliveryRequest) => Promise<DeliveryAttemptResult>;

import { DEFAULT_LIMITS } from '../platform/limits.js';
import { ConnectionPool, type Lease, type PoolLimits } from './connection-pool.js';
import { Exchange, type Outcome } from './exchange.js';
import { errorText, routesFor, type Route } from './pinned-route.js';
import { parseTarget } from './target-urls.js';

export { MAX_RESPONSE_BODY_BYTES } from './exchange.js';

function targetUrl(url: string): URL | string {
  const parsed = parseTarget(url);
  if (!parsed) return `invalid URL '${url}'`;
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return `unsupported URL scheme '${parsed.protocol}'`;
  }
  return parsed;
}

/** The headers as undici takes them (name, value, …), or why one cannot be sent. */
function headerList(headers: Record<string, string>): string[] | string {
  const list: string[] = [];
  try {
    for (const name of Object.keys(headers)) {
      const lower = name.toLowerCase();
      // undici counts the body's bytes itself; Host is the target's, set from the URL.
      if (lower === 'content-length' || lower === 'host') continue;
      const value = headers[name] as string;
      validateHeaderName(name);
      validateHeaderValue(name, value);
      list.push(name, value);
    }
  } catch (error) {
    return errorText(error);
  }
  return list;
}

/** The poolLimits from the mock's limits: one connection per attempt that may be in flight. */
export function poolLimits(limits: {
  concurrency: number;
  idleDeliverySockets: number;
  idleDeliverySocketMs: number;
}): PoolLimits {
  return {
    socketsPerOrigin: limits.concurrency,
    idleSockets: limits.idleDeliverySockets,
    idleMs: limits.idleDeliverySocketMs,
  };
}

/** Connections that failed before a byte was sent: the next address of the name is tried. */
const CONNECT_FAILED = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);

type Result = Omit<DeliveryAttemptResult, 'latencyMs'>;

/** One attempt: settled once, by the answer, an error or the deadline, whichever comes first. */
class Attempt {
  settled = false;
  exchange: Exchange | undefined;
  readonly #timer: NodeJS.Timeout;
  readonly #resolve: (result: Result) => void;

  constructor(timeoutMs: number, resolve: (result: Result) => void) {
    this.#resolve = resolve;
    this.#timer = setTimeout(() => {
      this.settle({ ok: false, error: `timeout after ${timeoutMs} ms` });
      this.exchange?.cancel(new Error('attempt timed out'));
    }, timeoutMs);
  }

  settle(result: Result): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.#timer);
    this.#resolve(result);
  }
}

/** A `Deliver` over its own connection pool; `close` ends the pool's idle connections. */
export class DeliveryClient {
  readonly #pool: ConnectionPool;

  constructor(limits: PoolLimits) {
    this.#pool = new ConnectionPool(limits);
  }

  /** POSTs once; redirects are not followed (a 3xx is recorded and is a failure). */
  readonly deliver: Deliver = (request) => {
    const started = performance.now();
    const url = targetUrl(request.url);
    if (typeof url === 'string') return Promise.resolve({ ok: false, error: url, latencyMs: 0 });
    return new Promise((resolve) => {
      const attempt = new Attempt(request.timeoutMs, (result) =>
        resolve({ ...result, latencyMs: Math.round(performance.now() - started) }),
      );
      const headers = headerList(request.headers);
      // A header Node would refuse (a line break in a value) fails the attempt, never the caller.
      if (typeof headers === 'string') return attempt.settle({ ok: false, error: headers });
      void this.#send(url, headers, request, attempt);
    });
  };

  close(): void {
    this.#pool.close();
  }

  async #send(url: URL, headers: string[], request: DeliveryRequest, attempt: Attempt) {
    const routes = await routesFor(url, request.refuseAddress);
    if (attempt.settled) return;
    if (typeof routes === 'string') return attempt.settle({ ok: false, error: routes });
    const failed: string[] = [];
    for (const route of routes) {
      let outcome = await this.#exchange(route, url, headers, request, attempt);
      // A kept-alive connection the receiver closed while it idled: the request never reached
      // it, so it is sent again, once, as a request on a fresh connection would have been.
      if ('error' in outcome && outcome.reusedConnection && !attempt.settled) {
        outcome = await this.#exchange(route, url, headers, request, attempt);
      }
      if ('answer' in outcome) {
        const { status, statusText, headers: responseHeaders, body } = outcome.answer;
        return attempt.settle({
          ok: status === 200,
          status,
          statusText,
          responseHeaders,
          responseBody: body,
        });
      }
      const code = (outcome.error as NodeJS.ErrnoException).code ?? '';
      failed.push(describeError(outcome.error));
      if (outcome.answered || !CONNECT_FAILED.has(code)) break;
    }
    attempt.settle({ ok: false, error: failed.join('; ') });
  }

  #exchange(
    route: Route,
    url: URL,
    headers: string[],
    request: DeliveryRequest,
    attempt: Attempt,
  ): Promise<Outcome> {
    return new Promise((resolve) => {
      this.#pool.lease(route.origin, request.lane ?? '', ({ dispatcher, release }: Lease) => {
        const exchange = new Exchange((outcome) => {
          release();
          resolve(outcome);
        });
        attempt.exchange = exchange;
        if (attempt.settled) exchange.cancel(new Error('attempt timed out'));
        const path = url.pathname + url.search;
        const sent = route.host ? ['Host', route.host, ...headers] : headers;
        dispatcher.dispatch(
          { origin: route.origin, path, method: 'POST', headers: sent, body: request.body },
          exchange,
        );
      });
    });
  }
}

/** undici's name for a connection the receiver closed is Node's "socket hang up". */
function describeError(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'UND_ERR_SOCKET') return `socket hang up (${error.message})`;
  return errorText(error);
}

const defaultClient = new DeliveryClient(poolLimits(DEFAULT_LIMITS));

/** POSTs once over the default pool. Its idle connections do not keep a process alive. */
export const deliver: Deliver = defaultClient.deliver;

/**
 * The LastError / WebhookResult.Message text, "headers and body of response" (docs/sources.md §2, §2b):
 * the status line, header lines and body of an HTTP answer, or the error text.
 */
export function describeAttempt(result: DeliveryAttemptResult): string {
  if (result.error !== undefined) return result.error;
  if (result.status === undefined) return 'no response';
  const reason = result.statusText || STATUS_CODES[result.status] || '';
  const lines = [`HTTP/1.1 ${result.status} ${reason}`.trimEnd()];
  for (const [name, value] of Object.entries(result.responseHeaders ?? {})) {
    lines.push(`${name}: ${value}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n${result.responseBody ?? ''}`;
}
