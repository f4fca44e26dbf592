// A local HTTP listener standing in for a webhook's TargetUrl. It keeps every delivery with its
// raw body bytes (the signature covers those exact bytes, docs/sources.md §3c) and answers 200, the
// only answer the docs call success (docs/sources.md §3d, C18), unless a case asks otherwise.
import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { listenLocal } from '../src/platform/local-listener.js';
import { expectedSignature } from './signature.js';

export interface Delivery {
  method: string;
  /** URL path without the query string. */
  path: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  raw: Buffer;
  /** The parsed JSON body; undefined when it is not JSON. */
  body: unknown;
  /** Set when a secret was registered for the path's prefix. */
  signature?: SignatureVerdict;
  /** The `test` ping sent when a webhook is saved or tested (X-Hook-Test: true). */
  isTest: boolean;
  /** The status the receiver answered with. */
  answered: number;
  /** When it arrived, in ms of `performance.now()`: for the spacing of retries. */
  receivedAt: number;
}

/**
 * A status, or a status with the body (`OK` by default) and extra headers to answer with, and
 * what the answer waits for (`after`): the delivery is announced at once, the answer only then.
 */
export type Answer =
  | number
  | {
      status: number;
      body?: string;
      /** An array goes out as one header line per value, in order. */
      headers?: Record<string, string | string[]>;
      after?: Promise<unknown>;
    };

export type Responder = (delivery: Delivery) => Answer;

export type SignatureVerdict =
  { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'mismatch'; expected: string };

// 32 bytes of HMAC-SHA256 are always 44 standard Base64 characters ending in one '='
// (docs/sources.md §3c): a hex digest or a `sha256=` prefix is a different format, not a wrong key.
const BASE64_HMAC_SHA256 = /^[A-Za-z0-9+/]{43}=$/;

/**
 * Compares the header with the suite's own computation (signature.ts), then names what is wrong
 * so a report can say more than "no".
 */
export function checkSignature(
  secret: string,
  rawBody: Uint8Array,
  header: string | undefined,
): SignatureVerdict {
  const expected = expectedSignature(secret, rawBody);
  if (header === expected) return { ok: true };
  if (header === undefined || header === '') return { ok: false, reason: 'missing', expected };
  const reason = BASE64_HMAC_SHA256.test(header) ? 'mismatch' : 'malformed';
  return { ok: false, reason, expected };
}

/**
 * Body bytes the receiver keeps over all deliveries (each is cut at 1 MiB by the listener): a
 * target that floods it loses its oldest deliveries instead of growing the runner's memory
 * (256 × 1 MiB once grew it by ~300 MiB). An honest run keeps a few hundred kilobytes.
 */
export const MAX_KEPT_BYTES = 64 * 1024 * 1024;

export interface ReceiverOptions {
  host?: string;
  port?: number;
  /** Body bytes kept over all deliveries; MAX_KEPT_BYTES by default. */
  maxKeptBytes?: number;
  /** The URL the target should use, when it differs from http://host:port (e.g. a tunnel). */
  publicUrl?: string;
}

export interface Receiver {
  /** Base URL, no trailing slash; append a path per webhook. */
  readonly url: string;
  deliveries(pathPrefix?: string): Delivery[];
  /** Resolves with the first matching delivery, or undefined after `timeoutMs`. */
  waitFor(
    match: (d: Delivery) => boolean,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<Delivery | undefined>;
  /** Answers deliveries under `pathPrefix` with the responder's status instead of 200. */
  respond(pathPrefix: string, responder: Responder): void;
  /** Checks the signature of deliveries under `pathPrefix` against `secret`. */
  expectSecret(pathPrefix: string, secret: string): void;
  close(): Promise<void>;
}

function lowerHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function isTestPing(headers: Record<string, string>, body: unknown): boolean {
  if (headers['x-hook-test']?.toLowerCase() === 'true') return true;
  return typeof body === 'object' && body !== null && 'Event' in body && body.Event === 'test';
}

function toDelivery(req: IncomingMessage, raw: Buffer): Delivery {
  const headers = lowerHeaders(req);
  const body = parseJson(raw);
  return {
    method: req.method ?? 'GET',
    path: new URL(req.url ?? '/', 'http://receiver').pathname,
    headers,
    raw,
    body,
    isTest: isTestPing(headers, body),
    answered: 200,
    receivedAt: performance.now(),
  };
}

const longestPrefix = <T>(map: Map<string, T>, path: string): T | undefined =>
  [...map.entries()]
    .filter(([prefix]) => path.startsWith(prefix))
    .sort(([a], [b]) => b.length - a.length)[0]?.[1];

export async function startReceiver(options: ReceiverOptions = {}): Promise<Receiver> {
  const host = options.host ?? '127.0.0.1';
  const received: Delivery[] = [];
  const maxKept = options.maxKeptBytes ?? MAX_KEPT_BYTES;
  let kept = 0;
  const events = new EventEmitter();
  const responders = new Map<string, Responder>();
  const secrets = new Map<string, string>();

  const listener = await listenLocal(
    (req, res, raw) => {
      const delivery = toDelivery(req, raw);
      const secret = longestPrefix(secrets, delivery.path);
      if (secret !== undefined) {
        const header = delivery.headers['x-superoffice-signature'];
        delivery.signature = checkSignature(secret, delivery.raw, header);
      }
      const answer = longestPrefix(responders, delivery.path)?.(delivery) ?? 200;
      const {
        status,
        body = 'OK',
        headers = {},
        after,
      } = typeof answer === 'number' ? { status: answer } : answer;
      delivery.answered = status;
      received.push(delivery);
      kept += delivery.raw.length;
      // Oldest first; the newest stays, so a waiting case still sees what just arrived.
      while (kept > maxKept && received.length > 1) kept -= received.shift()?.raw.length ?? 0;
      const reply = () =>
        res.writeHead(status, { ...headers, 'content-type': 'text/plain' }).end(body);
      if (after === undefined) reply();
      events.emit('delivery', delivery);
      // A rejected `after` still answers: the target must not wait for the case's error.
      if (after !== undefined) void after.then(reply, reply);
    },
    { host, port: options.port ?? 0 },
  );
  const url = (options.publicUrl ?? listener.url).replace(/\/+$/, '');

  return {
    url,
    deliveries: (prefix = '') => received.filter((d) => d.path.startsWith(prefix)),
    waitFor: (match, timeoutMs, signal) => waitFor(received, events, match, timeoutMs, signal),
    respond: (prefix, responder) => void responders.set(prefix, responder),
    expectSecret: (prefix, secret) => void secrets.set(prefix, secret),
    close: () => listener.close(),
  };
}

function waitFor(
  received: readonly Delivery[],
  events: EventEmitter,
  match: (d: Delivery) => boolean,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<Delivery | undefined> {
  const already = received.find(match);
  if (already) return Promise.resolve(already);
  return new Promise((resolve) => {
    const finish = (found: Delivery | undefined): void => {
      clearTimeout(timer);
      events.off('delivery', onDelivery);
      signal?.removeEventListener('abort', onAbort);
      resolve(found);
    };
    const onDelivery = (d: Delivery): void => {
      if (match(d)) finish(d);
    };
    const onAbort = (): void => finish(undefined);
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    events.on('delivery', onDelivery);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
