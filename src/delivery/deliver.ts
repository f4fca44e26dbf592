// The one module in src/delivery that does network I/O: a single signed POST to a TargetUrl.
// It never throws; every outcome is a value the retry policy classifies (docs/sources.md §3d).
import { request as httpRequest, STATUS_CODES, type Agent, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { lookup as dnsLookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface DeliveryRequest {
  url: string;
  headers: Record<string, string>;
  /** Sent as its UTF-8 bytes, exactly the bytes the signature covers. */
  body: string;
  /** Whole-exchange limit: connect, send, status and body. The reference documents none (§3d). */
  timeoutMs: number;
  /** Refuses a resolved address with a reason (self-target.ts), checked as the socket connects. */
  refuseAddress?: (address: string) => string | undefined;
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
import { createConnectionPool, type ConnectionPool, type PoolLimits } from './connection-pool.js';

export const MAX_RESPONSE_BODY_BYTES = DEFAULT_LIMITS.keptResponseBytes;

function targetUrl(url: string): URL | string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `invalid URL '${url}'`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return `unsupported URL scheme '${parsed.protocol}'`;
  }
  return parsed;
}

/** Node 20 dials every address of a name (happy eyeballs); the AggregateError has no message. */
function errorText(error: unknown): string {
  if (error instanceof AggregateError && error.message === '') {
    return error.errors.map(errorText).join('; ');
  }
  return error instanceof Error ? error.message : String(error);
}

function headerRecord(raw: readonly string[]): Record<string, string> {
  const byLower = new Map<string, [string, string]>();
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string;
    const value = raw[i + 1] as string;
    const seen = byLower.get(name.toLowerCase());
    byLower.set(name.toLowerCase(), seen ? [seen[0], `${seen[1]}, ${value}`] : [name, value]);
  }
  return Object.fromEntries(byLower.values());
}

/** Collects up to 4 KiB, then stops reading: a large or endless body cannot hold the attempt. */
function readBody(response: IncomingMessage, done: (body: string) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  const finish = (): void => done(Buffer.concat(chunks).toString('utf8'));
  response.on('data', (chunk: Buffer) => {
    chunks.push(chunk.subarray(0, MAX_RESPONSE_BODY_BYTES - size));
    size = Math.min(MAX_RESPONSE_BODY_BYTES, size + chunk.length);
    if (size === MAX_RESPONSE_BODY_BYTES) {
      response.destroy();
      finish();
    }
  });
  response.on('end', finish);
}

/** A `Deliver` over its own connection pool; `close` ends the pool's idle connections. */
export interface DeliveryClient {
  deliver: Deliver;
  close(): void;
}

/** The pool's bounds from the mock's limits: one socket per attempt that may be in flight. */
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

export function createDeliveryClient(limits: PoolLimits): DeliveryClient {
  const pool = createConnectionPool(limits);
  return { deliver: (request) => post(pool, request), close: () => pool.close() };
}

const defaultClient = createDeliveryClient(poolLimits(DEFAULT_LIMITS));

/**
 * POSTs once over the default pool; redirects are not followed (a 3xx is recorded and is a
 * failure). Its idle connections do not keep a process alive.
 */
export const deliver: Deliver = defaultClient.deliver;

function post(pool: ConnectionPool, request: DeliveryRequest): Promise<DeliveryAttemptResult> {
  const started = performance.now();
  const url = targetUrl(request.url);
  if (typeof url === 'string') return Promise.resolve({ ok: false, error: url, latencyMs: 0 });
  return new Promise((resolve) => {
    const attempt: Attempt = {
      settled: false,
      settle: (result) => {
        if (attempt.settled) return;
        attempt.settled = true;
        clearTimeout(timer);
        resolve({ ...result, latencyMs: Math.round(performance.now() - started) });
      },
    };
    // Armed before sending, so a synchronous refusal inside send() can already clear it.
    const timer = setTimeout(() => {
      attempt.settle({ ok: false, error: `timeout after ${request.timeoutMs} ms` });
      attempt.request?.destroy();
    }, request.timeoutMs);
    send(url, request, attempt, pool.agentFor(url.protocol));
  });
}

/** dns.lookup that fails with the refusal when any address the name resolves to is refused. */
function refusingLookup(refuse: (address: string) => string | undefined): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      const refused = addresses.map((a) => refuse(a.address)).find((r) => r !== undefined);
      if (refused !== undefined) return callback(new Error(refused), '');
      if (options.all === true) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(new Error(`${hostname} has no address`), '');
      return callback(null, first.address, first.family);
    });
  };
}

type Settle = (result: Omit<DeliveryAttemptResult, 'latencyMs'>) => void;

/** One attempt: settled once, by the answer, an error or the timer, whichever comes first. */
interface Attempt {
  settled: boolean;
  settle: Settle;
  /** The request on the wire, which the timer destroys. */
  request?: { destroy(): void };
}

/**
 * Errors of a pooled connection the receiver closed while it idled: the request never reached
 * it, so the attempt is sent again, once, on a new connection, as it always was before pooling.
 */
const STALE_CONNECTION = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

function send(url: URL, request: DeliveryRequest, attempt: Attempt, agent: Agent | false): void {
  const bytes = Buffer.from(request.body, 'utf8');
  const headers: Record<string, string> = {};
  for (const name of Object.keys(request.headers)) {
    if (name.toLowerCase() !== 'content-length') headers[name] = request.headers[name] as string;
  }
  headers['Content-Length'] = String(bytes.byteLength);
  const { settle } = attempt;
  try {
    const open = url.protocol === 'https:' ? httpsRequest : httpRequest;
    // A new connection looks its name up through the refusal; a pooled one is checked below.
    const lookup = request.refuseAddress ? refusingLookup(request.refuseAddress) : undefined;
    const options = { method: 'POST', headers, agent, ...(lookup ? { lookup } : {}) };
    let answered = false;
    const outgoing = open(url, options, (response) => {
      answered = true;
      const status = response.statusCode ?? 0;
      readBody(response, (body) =>
        settle({
          ok: status === 200,
          status,
          statusText: response.statusMessage ?? '',
          responseHeaders: headerRecord(response.rawHeaders),
          responseBody: body,
        }),
      );
      response.on('error', (error) => settle({ ok: false, status, error: errorText(error) }));
    });
    attempt.request = outgoing;
    const refuse = request.refuseAddress;
    if (refuse) {
      // A pooled socket was checked for the request it was opened for; the refusal may differ
      // for this one (another path of the same origin), so its address is checked again before
      // a byte is written: 'socket' is emitted before the request is flushed to it.
      outgoing.on('socket', (socket) => {
        if (!outgoing.reusedSocket) return;
        const refused = refuse(socket.remoteAddress ?? '');
        if (refused === undefined) return;
        settle({ ok: false, error: refused });
        outgoing.destroy();
      });
    }
    outgoing.on('error', (error) => {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (!attempt.settled && !answered && outgoing.reusedSocket && STALE_CONNECTION.has(code)) {
        return send(url, request, attempt, false);
      }
      return settle({ ok: false, error: errorText(error) });
    });
    outgoing.end(bytes);
  } catch (error) {
    // Synchronous refusals, e.g. a custom header value with a line break (ERR_INVALID_CHAR).
    settle({ ok: false, error: errorText(error) });
  }
}

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
