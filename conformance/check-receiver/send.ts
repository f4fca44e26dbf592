// One POST to the receiver, as the real server's delivery sends it: header names cased exactly
// as given (the casing cases depend on it, so node:http rather than fetch, which lower-cases
// them), the body as the exact bytes, and a per-attempt timeout. An answer that comes after the
// timeout is still waited for a little (the grace), so the answer-time case can say how late it
// was while the other cases still judge what the receiver answered. Never throws.
import { request as httpRequest, type Agent, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { lookup as dnsLookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Evidence } from '../types.js';

export interface Post {
  url: URL;
  /** Names as they go on the wire; Content-Length is added. */
  headers: ReadonlyArray<readonly [string, string]>;
  body: Buffer;
}

export interface SendLimits {
  timeoutMs: number;
  graceMs: number;
  agent: Agent | false;
  /** Refuses a resolved address with a reason (a check run by the mock must not reach the mock). */
  refuseAddress?: (address: string) => string | undefined;
}

export interface Exchange {
  status?: number;
  /** The first 4 KiB of the answer's body. */
  body?: string;
  /** Transport failure: refused, reset, not HTTP, or no answer within timeout + grace. */
  error?: string;
  /** Error code of a transport failure (ECONNREFUSED, HPE_INVALID_CONSTANT, TIMEOUT…). */
  code?: string;
  latencyMs: number;
  evidence: Evidence;
}

const KEPT_BODY = 4096;
const accepted = (e: Exchange): boolean =>
  e.status !== undefined && e.status >= 200 && e.status < 300;
export { accepted };

/** The URL as a report shows it: a password in it reaches the receiver, never a report. */
export function redacted(url: URL): string {
  if (url.password === '') return url.toString();
  const shown = new URL(url);
  shown.password = 'REDACTED';
  return shown.toString();
}

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

function errorText(error: unknown): string {
  if (error instanceof AggregateError && error.message === '') {
    return error.errors.map(errorText).join('; ');
  }
  return error instanceof Error ? error.message : String(error);
}

function evidenceOf(post: Post, status?: number, body?: string, headers?: string[]): Evidence {
  const request = {
    method: 'POST',
    url: redacted(post.url),
    headers: Object.fromEntries(post.headers.map(([n, v]) => [n.toLowerCase(), v])),
    body: post.body.toString('utf8'),
  };
  if (status === undefined) return { request };
  const answered: Record<string, string> = {};
  for (let i = 0; i + 1 < (headers ?? []).length; i += 2) {
    answered[(headers?.[i] ?? '').toLowerCase()] = headers?.[i + 1] ?? '';
  }
  return { request, response: { status, headers: answered, body: body ?? '' } };
}

function readBody(response: IncomingMessage, done: (body: string) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  response.on('data', (chunk: Buffer) => {
    if (size < KEPT_BODY) chunks.push(chunk.subarray(0, KEPT_BODY - size));
    size += chunk.length;
  });
  response.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
  response.on('error', () => done(Buffer.concat(chunks).toString('utf8')));
}

export function send(post: Post, limits: SendLimits): Promise<Exchange> {
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<Exchange, 'latencyMs' | 'evidence'>, headers?: string[]) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const evidence = evidenceOf(post, result.status, result.body, headers);
      resolve({ ...result, latencyMs: Math.round(performance.now() - started), evidence });
    };
    const wait = limits.timeoutMs + limits.graceMs;
    const timer = setTimeout(() => {
      finish({ error: `no answer within ${wait / 1000} s`, code: 'TIMEOUT' });
      outgoing?.destroy();
    }, wait);
    const headers: Record<string, string> = Object.fromEntries(post.headers);
    headers['Content-Length'] = String(post.body.byteLength);
    const open = post.url.protocol === 'https:' ? httpsRequest : httpRequest;
    const lookup = limits.refuseAddress ? refusingLookup(limits.refuseAddress) : undefined;
    let outgoing: ReturnType<typeof httpRequest> | undefined;
    try {
      outgoing = open(
        post.url,
        { method: 'POST', headers, agent: limits.agent, ...(lookup ? { lookup } : {}) },
        (response) => {
          const status = response.statusCode ?? 0;
          readBody(response, (body) => finish({ status, body }, response.rawHeaders));
        },
      );
    } catch (error) {
      finish({ error: errorText(error), code: 'INVALID' });
      return;
    }
    outgoing.on('error', (error) => {
      finish({ error: errorText(error), code: (error as NodeJS.ErrnoException).code ?? 'ERROR' });
    });
    outgoing.end(post.body);
  });
}
