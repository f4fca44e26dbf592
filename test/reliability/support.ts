// Shared pieces of the reliability tests: the CLI as a child process, a fixture whose webhooks
// cannot reach the network, loopback receivers, a seeded PRNG, and authenticated calls.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { FIXTURES_DIR } from '../../src/paths.js';
import { listenLocal } from '../../src/platform/local-listener.js';

// The seeded PRNG the conformance fuzzer uses, so a failing seed replays the same way in both.
export { seededRandom } from '../../conformance/fuzz/generate.js';

/** The default fixture's Basic credentials (fixtures/default.json). */
export const BASIC = `Basic ${Buffer.from('tje0:Tje0').toString('base64')}`;

/** A fixture with the default users and no webhooks: nothing a test does can leave 127.0.0.1. */
export function writeQuietFixture(dir: string): string {
  const data = JSON.parse(readFileSync(`${FIXTURES_DIR}default.json`, 'utf8')) as {
    users: unknown;
    contextIdentifier: string;
  };
  const file = join(dir, 'quiet-fixture.json');
  const fixture = { contextIdentifier: data.contextIdentifier, users: data.users, webhooks: [] };
  writeFileSync(file, JSON.stringify(fixture));
  return file;
}

export interface Child {
  url: string;
  process: ChildProcess;
  /** Resolves with the exit code or signal once the process has gone. */
  exited: Promise<number | NodeJS.Signals | null>;
  stderr(): string;
}

const LISTENING = /so-webhook-mock listening on (http:\/\/127\.0\.0\.1:\d+)/;

/** Starts `so-webhook-mock serve` on port 0; waits at most `waitMs` for its listening line. */
export function spawnServer(args: readonly string[], waitMs = 25_000): Promise<Child> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli.ts', 'serve', '--port', '0', ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no listening line within ${waitMs} ms; stderr: ${err}`));
    }, waitMs);
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${String(how)}) before listening; stderr: ${err}`));
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = LISTENING.exec(out);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve({ url: match[1], process: child, exited, stderr: () => err });
    });
  });
}

export interface Receiver {
  url: string;
  /** Requests seen so far. */
  count(): number;
  close(): Promise<void>;
}

/** A 127.0.0.1 listener; `handle` decides how to (not) answer each request. */
export async function startReceiver(
  handle: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<Receiver> {
  let seen = 0;
  const listener = await listenLocal((request, response) => {
    seen++;
    handle(request, response);
  });
  return {
    url: `${listener.url}/hook`,
    count: () => seen,
    close: () => listener.close(),
  };
}

/** A seed from RELIABILITY_SEED when set (to repeat a failure), else a fresh one. */
export const chooseSeed = (): number =>
  Number(process.env.RELIABILITY_SEED ?? Math.floor(Math.random() * 2 ** 31));

export interface Answer {
  status: number;
  body: unknown;
}

/** An authenticated JSON call; rejects when the connection fails (no answer). */
export async function call(
  base: string,
  path: string,
  init: { method?: string; body?: unknown; type?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { authorization: BASIC, ...init.headers };
  if (init.body !== undefined) headers['content-type'] = init.type ?? 'application/json';
  const response = await fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}
