// Runs each benchmarked server as a child process bound to 127.0.0.1, and kills
// whatever is still running when the bench ends, fails or is interrupted.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { firstAnswer, type Probe } from './probe.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const HOST = '127.0.0.1';
const LISTENING = /listening on (http:\/\/127\.0\.0\.1:\d+)/;
const STARTUP_MS = 30_000;

export interface Target {
  name: string;
  url: string;
  pid: number;
  /** Resident and peak resident memory of the server process, in KiB (Linux /proc). */
  memory(): Promise<{ rssKb: number; hwmKb: number } | undefined>;
  stop(): Promise<void>;
}

export interface Launch {
  name: string;
  /** Arguments to `node` (a script and its flags). */
  args: string[];
  /** Where the server answers; required for servers that do not print their URL. */
  port?: number;
  /** The request that proves the server is ready (default: the URL announced on stdout). */
  probe?: Probe;
}

const running = new Set<ChildProcess>();
const cleanups: Array<() => void> = [];

/** Runs `fn` (synchronous) when the bench exits or is interrupted, e.g. to remove temp files. */
export function onExit(fn: () => void): void {
  cleanups.push(fn);
}

/** Kills every child still running and runs the exit hooks; synchronous, so exit handlers may. */
export function killAll(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
  for (const fn of cleanups.splice(0)) fn();
}

export function installCleanup(): void {
  process.once('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killAll();
      process.exit(130);
    });
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function readMemory(pid: number) {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1]);
    return { rssKb: kb('VmRSS'), hwmKb: kb('VmHWM') };
  } catch {
    return undefined; // not Linux, or the process is gone
  }
}

/** Linux's USER_HZ: /proc reports CPU times in these ticks (100 on every mainstream build). */
const TICKS_PER_SECOND = 100;

/** CPU time (user + system, all threads) the process has used, in ms; undefined off Linux. */
export async function cpuMs(pid: number): Promise<number | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised name: state is field 3, utime 14 and stime 15 (proc(5)).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / TICKS_PER_SECOND : undefined;
  } catch {
    return undefined;
  }
}

function announcedUrl(child: ChildProcess, name: string, output: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} did not start:\n${output()}`)),
      STARTUP_MS,
    );
    const onData = () => {
      const match = LISTENING.exec(output());
      if (!match?.[1]) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before it listened:\n${output()}`));
    });
  });
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        running.delete(child);
        return resolve();
      }
      const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.once('exit', () => {
        clearTimeout(kill);
        running.delete(child);
        resolve();
      });
      child.kill('SIGTERM');
    });
}

/** Spawns `node <args>` and resolves once it answers; the child is killed on any failure. */
export async function launch(spec: Launch): Promise<Target> {
  const child = spawn(process.execPath, spec.args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let log = '';
  // Keep only the tail: Prism logs every request and the pipe must never fill up.
  const keep = (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4096));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const stop = stopper(child);
  try {
    const url = spec.port
      ? `http://${HOST}:${spec.port}`
      : await announcedUrl(child, spec.name, () => log);
    if (spec.probe) await firstAnswer(url, spec.probe, STARTUP_MS);
    const pid = child.pid ?? 0;
    return { name: spec.name, url, pid, memory: () => readMemory(pid), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
