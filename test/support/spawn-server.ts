// The CLI as a child process, run from source through tsx, for the tests that need a real
// process: signals, exit codes, start-up failures and kill -9. Every child is tracked so that
// `killSpawned()` in afterEach leaves nothing running whatever the test did.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'src', 'cli.ts');
// The child runs in a temp dir, where a bare `--import tsx` would not resolve: pass the loader
// that tsx's package exports, by URL, resolved from this project.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** Basic credentials of the default fixture's user (fixtures/default.json). */
export const BASIC = `Basic ${Buffer.from('tje0:Tje0').toString('base64')}`;
/** How many webhooks the default fixture seeds; they take the first ids. */
export const DEFAULT_FIXTURE_WEBHOOKS = (
  JSON.parse(readFileSync(join(ROOT, 'fixtures', 'default.json'), 'utf8')) as {
    webhooks: unknown[];
  }
).webhooks.length;

const LISTENING = /so-webhook-mock listening on (http:\/\/127\.0\.0\.1:(\d+))\r?\n/;

/** How a child ended, with everything it wrote. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliProcess {
  child: ChildProcess;
  /** Settles when the process has exited and its output is closed. */
  exited: Promise<CliResult>;
  stdout(): string;
  stderr(): string;
}

export interface SpawnOptions {
  cwd: string;
  /** Added to the environment; SO_WEBHOOK_MOCK_* of the test runner are never inherited. */
  env?: Record<string, string>;
}

const live = new Set<CliProcess>();

function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('SO_WEBHOOK_MOCK_')) env[key] = value;
  }
  return { ...env, ...extra };
}

/** Starts `so-webhook-mock <args>` from source; nothing is awaited. */
export function startCli(args: readonly string[], options: SpawnOptions): CliProcess {
  const child = spawn(process.execPath, ['--import', TSX, CLI, ...args], {
    cwd: options.cwd,
    env: childEnv(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<CliResult>((resolve) => {
    // 'close' (not 'exit'): the output streams have ended, so nothing written is missed.
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.once('error', (error) =>
      resolve({ code: null, signal: null, stdout, stderr: `${stderr}${error.message}` }),
    );
  });
  const running: CliProcess = { child, exited, stdout: () => stdout, stderr: () => stderr };
  live.add(running);
  void exited.then(() => live.delete(running));
  return running;
}

function bounded<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Runs the CLI to completion; a child still running after `timeoutMs` is killed and rejected. */
export async function runCli(
  args: readonly string[],
  options: SpawnOptions & { timeoutMs?: number },
): Promise<CliResult> {
  const running = startCli(args, options);
  const timeoutMs = options.timeoutMs ?? 20_000;
  return bounded(running.exited, timeoutMs, () => {
    running.child.kill('SIGKILL');
    return new Error(
      `so-webhook-mock ${args.join(' ')} still running after ${timeoutMs} ms; ` +
        `stdout: ${running.stdout()} stderr: ${running.stderr()}`,
    );
  });
}

export interface ServerProcess extends CliProcess {
  url: string;
  port: number;
  /** Sends `signal` and waits (bounded) for the exit. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<CliResult>;
}

/** Resolves once the CLI prints its listening line, with the URL it names. */
function listeningUrl(running: CliProcess): Promise<{ url: string; port: number }> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = LISTENING.exec(running.stdout());
      if (!match) return;
      running.child.stdout?.off('data', check);
      resolve({ url: match[1]!, port: Number(match[2]) });
    };
    running.child.stdout?.on('data', check);
    void running.exited.then((result) =>
      reject(
        new Error(
          `so-webhook-mock exited (code ${result.code}, signal ${result.signal}) before ` +
            `listening; stderr: ${result.stderr}`,
        ),
      ),
    );
  });
}

/**
 * Starts `so-webhook-mock serve <args>` and waits at most `timeoutMs` for its listening line.
 * The caller passes --port (or SO_WEBHOOK_MOCK_PORT) itself.
 */
export async function spawnServer(
  args: readonly string[],
  options: SpawnOptions & { timeoutMs?: number },
): Promise<ServerProcess> {
  const running = startCli(['serve', ...args], options);
  const timeoutMs = options.timeoutMs ?? 20_000;
  const { url, port } = await bounded(listeningUrl(running), timeoutMs, () => {
    running.child.kill('SIGKILL');
    return new Error(
      `so-webhook-mock serve ${args.join(' ')} printed no listening line within ` +
        `${timeoutMs} ms; stderr: ${running.stderr()}`,
    );
  });
  const stop = (signal: NodeJS.Signals = 'SIGTERM', stopMs = 10_000) => {
    running.child.kill(signal);
    return bounded(running.exited, stopMs, () => {
      running.child.kill('SIGKILL');
      return new Error(`so-webhook-mock did not exit within ${stopMs} ms of ${signal}`);
    });
  };
  return { ...running, url, port, stop };
}

/** For afterEach: SIGKILLs every child still running and waits for each to be gone. */
export async function killSpawned(): Promise<void> {
  const running = [...live];
  for (const each of running) each.child.kill('SIGKILL');
  await Promise.all(running.map((each) => each.exited));
}

/** A fresh temp dir and its removal. */
export async function tempDir(prefix: string): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `so-webhook-mock-${prefix}-`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
