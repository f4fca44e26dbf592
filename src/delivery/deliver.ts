// The one module in src/delivery that does network I/O: a single signed POST to a TargetUrl.
// It never throws; every outcome is a value the retry policy classifies (reference §3d).
import { request as httpRequest, STATUS_CODES, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { lookup as dnsLookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface DeliveryRequest {
  url: string;
  headers: Record<string, string>;
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

/** POSTs once; redirects are not followed (a 3xx is recorded and is a failure). */
export function deliver(request: DeliveryRequest): Promise<DeliveryAttemptResult> {
  const started = performance.now();
  const url = targetUrl(request.url);
  if (typeof url === 'string') return Promise.resolve({ ok: false, error: url, latencyMs: 0 });
  return new Promise((resolve) => {
    let settled = false;
    const inFlight: { request?: { destroy(): void } } = {};
    const settle: Settle = (result) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, latencyMs: Math.round(performance.now() - started) });
    };
    // Armed before sending, so a synchronous refusal inside send() can already clear it.
    const timer = setTimeout(() => {
      settle({ ok: false, error: `timeout after ${request.timeoutMs} ms` });
      inFlight.request?.destroy();
    }, request.timeoutMs);
    inFlight.request = send(url, request, settle);
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

function send(url: URL, request: DeliveryRequest, settle: Settle): { destroy(): void } | undefined {
  const headers: Record<string, string> = Object.fromEntries(
    Object.entries(request.headers).filter(([name]) => name.toLowerCase() !== 'content-length'),
  );
  headers['Content-Length'] = String(Buffer.byteLength(request.body, 'utf8'));
  try {
    const open = url.protocol === 'https:' ? httpsRequest : httpRequest;
    // agent: false → one connection per attempt, closed afterwards; nothing pooled lingers.
    const lookup = request.refuseAddress ? refusingLookup(request.refuseAddress) : undefined;
    const options = { method: 'POST', headers, agent: false, ...(lookup ? { lookup } : {}) };
    const outgoing = open(url, options, (response) => {
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
    outgoing.on('error', (error) => settle({ ok: false, error: errorText(error) }));
    outgoing.end(request.body);
    return outgoing;
  } catch (error) {
    // Synchronous refusals, e.g. a custom header value with a line break (ERR_INVALID_CHAR).
    settle({ ok: false, error: errorText(error) });
    return undefined;
  }
}

/**
 * The LastError / WebhookResult.Message text, "headers and body of response" (reference §2, §2b):
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
