// A webhook target for tests: a node:http listener on 127.0.0.1 (any free port) that records
// every request with its raw body bytes (the signature covers exactly those, docs/sources.md §3c)
// and answers each path as scripted: a sequence of statuses, a hang, or a dropped socket.
import { EventEmitter } from 'node:events';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { listenLocal } from '../../src/platform/local-listener.js';

export interface Received {
  method: string;
  /** URL path without the query string. */
  path: string;
  /** Node's lower-cased header names. */
  headers: IncomingHttpHeaders;
  raw: Buffer;
  /** The raw body decoded as UTF-8. */
  text: string;
  /** The status answered; undefined for a hang or a dropped socket. */
  answered: number | undefined;
}

/** A status (body "ok"), a status with a body, never answering, or dropping the connection. */
export type Answer = number | { status: number; body?: string } | 'hang' | 'destroy';

export interface Receiver {
  /** http://127.0.0.1:<port> without a trailing slash. */
  readonly url: string;
  readonly port: number;
  /** The requests received, oldest first; only those for `path` when given. */
  requests(path?: string): Received[];
  /** Answers requests to `path` with `answers` in turn; the last one repeats. Default 200. */
  script(path: string, answers: readonly Answer[]): void;
  /** Resolves once `count` requests (for `path`, when given) have arrived; rejects after `ms`. */
  waitFor(count: number, path?: string, ms?: number): Promise<Received[]>;
  close(): Promise<void>;
}

function answerWith(answer: Answer, req: IncomingMessage, res: ServerResponse): number | undefined {
  if (answer === 'hang') return undefined;
  if (answer === 'destroy') {
    req.socket.destroy();
    return undefined;
  }
  const { status, body } = typeof answer === 'number' ? { status: answer, body: 'ok' } : answer;
  res.writeHead(status, { 'Content-Type': 'text/plain' }).end(body ?? '');
  return status;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const scripts = new Map<string, { answers: readonly Answer[]; next: number }>();
  const events = new EventEmitter();
  const nextAnswer = (path: string): Answer => {
    const script = scripts.get(path);
    if (!script || script.answers.length === 0) return 200;
    const answer = script.answers[Math.min(script.next, script.answers.length - 1)] as Answer;
    script.next += 1;
    return answer;
  };
  const listener = await listenLocal((req, res, raw) => {
    const path = new URL(req.url ?? '/', 'http://receiver').pathname;
    const base = { method: req.method ?? '', path, headers: req.headers, raw };
    const answered = answerWith(nextAnswer(path), req, res);
    received.push({ ...base, text: raw.toString('utf8'), answered });
    events.emit('request');
  });
  const requests = (path?: string) =>
    path === undefined ? [...received] : received.filter((r) => r.path === path);

  return {
    url: listener.url,
    port: listener.port,
    requests,
    script(path, answers) {
      scripts.set(path, { answers, next: 0 });
    },
    waitFor(count, path, ms = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (requests(path).length < count) return;
          clearTimeout(timer);
          events.off('request', check);
          resolve(requests(path));
        };
        const timer = setTimeout(() => {
          events.off('request', check);
          reject(new Error(`receiver: ${requests(path).length} of ${count} requests to ${path}`));
        }, ms);
        events.on('request', check);
        check();
      });
    },
    close: () => listener.close(),
  };
}

/** A port that was free a moment ago and now has no listener: connecting is refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
