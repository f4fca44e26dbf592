// Sends fuzzed requests with raw node:http (it sends any bytes, including invalid UTF-8 and
// latin1 header values, which fetch would refuse or repair) and checks the properties every
// answer must have, whatever the input.
import { XMLParser } from 'fast-xml-parser';
import { request } from 'node:http';
import { expect } from 'vitest';
import { parsePrefer, wantsMock } from '../../src/http/prefer.js';
import { DEFAULT_LIMITS } from '../../src/platform/limits.js';
import type { RunningServer } from '../../src/server.js';
import { LIVE_ID } from './fuzz-request-parts.js';
import type { FuzzRequest } from './fuzz-operations.js';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One request on a fresh connection; rejects if the connection fails (bounded: 20 s). */
export function send(port: number, req: FuzzRequest): Promise<RawResponse> {
  // Node's client frames a GET or DELETE body only when told its length; unframed bytes would
  // reach the server as a second, malformed request.
  const headers = req.body
    ? { ...req.headers, 'content-length': String(req.body.length) }
    : req.headers;
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: '127.0.0.1',
        port,
        method: req.method,
        path: req.path,
        headers,
        agent: false,
        timeout: 20_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error('no answer within 20 s')));
    outgoing.on('error', reject);
    outgoing.end(req.body);
  });
}

const ERROR_KEYS = ['Error', 'ErrorMessage', 'ErrorSource', 'ErrorType', 'Message'];

/** `<Error><Error>true</Error><ErrorType>…</ErrorType>…</Error>` as the JSON error body. */
function xmlErrorBody(text: string): Record<string, unknown> {
  const parsed = new XMLParser({ parseTagValue: false, ignoreAttributes: true }).parse(text) as {
    Error?: Record<string, unknown>;
  };
  const members = { ...parsed.Error };
  if (members.Error === 'true') members.Error = true;
  return members;
}

/**
 * The SuperOffice error body. The server's own errors carry exactly these keys, the message
 * twice (spec/README.md C1); a response mocked from the spec (`Prefer: code=`) may be any of
 * its documented examples, which need only one of the two message keys (spec Error schema).
 */
export function expectErrorBody(response: RawResponse, what: string, mocked = false): void {
  // The representation the request negotiated (spec/README.md C12, C23): JSON or XML.
  const type = String(response.headers['content-type']);
  expect(type, what).toMatch(/^(application|text)\/(json|xml);/);
  const text = response.body.toString('utf8');
  const body = type.includes('xml')
    ? xmlErrorBody(text)
    : (JSON.parse(text) as Record<string, unknown>);
  expect(body.Error, what).toBe(true);
  expect(typeof body.ErrorType, what).toBe('string');
  if (mocked) {
    expect(typeof (body.Message ?? body.ErrorMessage), what).toBe('string');
    return;
  }
  expect(Object.keys(body).sort(), what).toEqual(ERROR_KEYS);
  expect(typeof body.Message, what).toBe('string');
  expect(body.ErrorMessage, what).toBe(body.Message);
}

/** Whether the request asks for a response mocked from the spec instead of the real one. */
function asksForMock(req: FuzzRequest): boolean {
  try {
    return wantsMock(parsePrefer(req.headers.prefer));
  } catch {
    return false;
  }
}

/** Bytes of the request line and headers, which Node limits to maxHeaderBytes (431 beyond). */
function headBytes(req: FuzzRequest): number {
  const lines = Object.entries(req.headers).map(([name, value]) => `${name}: ${value}\r\n`);
  return Buffer.byteLength(`${req.method} ${req.path} HTTP/1.1\r\n${lines.join('')}`, 'latin1');
}

/** What a rejected request must leave untouched: the webhooks and the signal log. */
export function snapshot(server: RunningServer): string {
  const signals = server.store.signals();
  return JSON.stringify([server.store.list(), signals.length, signals.at(-1)?.EventId]);
}

const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype).sort();

export function expectNoPollution(what: string): void {
  expect(({} as Record<string, unknown>).polluted, what).toBeUndefined();
  expect(([] as unknown as Record<string, unknown>).polluted, what).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort(), what).toEqual(PROTOTYPE_NAMES);
}

const SIGNALS = /\/(Agents\/Webhook\/SignalEvent|Webhook\/[^/]+\/[^/]+)$/i;

/** Sends one request and checks every property; the failure message names the request. */
export async function checkOne(
  server: RunningServer,
  generated: FuzzRequest,
): Promise<RawResponse> {
  await server.dispatcher.idle();
  const live = server.store.list();
  const path = generated.path.replace(LIVE_ID, (_, k: string) =>
    String(live[Number(k)]?.WebhookId ?? 424242),
  );
  const req = { ...generated, path };
  const before = snapshot(server);
  const response = await send(server.port, req);
  const what = `${req.method} ${req.path.slice(0, 200)} → ${response.status} ${response.body.toString('utf8').slice(0, 300)}`;
  if (response.status >= 500) {
    // The one documented 5xx: SignalEvent's queue-full 503.
    expect(response.status, what).toBe(503);
    expect(SIGNALS.test(req.path.split('?')[0] ?? ''), what).toBe(true);
  }
  const head = headBytes(req);
  // Node refuses an over-long head itself (src/platform/limits.ts maxHeaderBytes), without our body.
  if (head > DEFAULT_LIMITS.maxHeaderBytes) expect(response.status, what).toBe(431);
  if (response.status === 431) {
    expect(head, what).toBeGreaterThan(DEFAULT_LIMITS.maxHeaderBytes - 512);
    return response;
  }
  if (response.status >= 400) {
    expectErrorBody(response, what, asksForMock(req));
    await server.dispatcher.idle();
    expect(snapshot(server), `store changed by a rejected request: ${what}`).toBe(before);
  }
  expectNoPollution(what);
  return response;
}

/** The server still answers a plain request. */
export async function expectHealthy(server: RunningServer, authorization: string): Promise<void> {
  const response = await send(server.port, {
    method: 'GET',
    path: '/api/v1/Webhook/default',
    headers: { authorization },
    body: undefined,
  });
  expect(response.status).toBe(200);
  JSON.parse(response.body.toString('utf8'));
}
