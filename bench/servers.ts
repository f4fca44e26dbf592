// The four servers the bench compares: ours (the built CLI), Prism's own mock of the same
// contract, json-server over the same fixture, and bare Hono answering constant bodies.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort, launch, ROOT, type Target } from './process.js';
import type { Probe } from './probe.js';

/** The project whose dist/ is measured; BENCH_OURS points at another checkout (e.g. a baseline). */
export const OURS_ROOT = process.env.BENCH_OURS ?? ROOT;

/** A checkout of this project whose built CLI the bench starts, under the name it reports. */
export interface Build {
  name: string;
  root: string;
}
export const OURS: Build = { name: 'ours', root: OURS_ROOT };
const cliOf = (build: Build) => join(build.root, 'dist', 'src', 'cli.js');
const SPEC = join(ROOT, 'spec', 'webhook.openapi.yaml');

/** The fixture's user tje0/Tje0 (fixtures/default.json). */
export const AUTH = { authorization: `Basic ${Buffer.from('tje0:Tje0').toString('base64')}` };
export const GET_HOOK_1: Probe = { method: 'GET', path: '/api/v1/Webhook/1', headers: AUTH };

export interface BuildResult {
  ok: boolean;
  /** The compiler's first complaints when it failed but still emitted. */
  errors: string[];
}

/** Compiles dist/ so the bench measures the current source; a failed build that still
 * emitted is measured with a warning, since other work in progress may be the cause. */
export function buildOurs(build: Build = OURS): BuildResult {
  const tsc = join(build.root, 'node_modules', 'typescript', 'bin', 'tsc');
  const run = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: build.root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  const errors = `${run.stdout ?? ''}${run.stderr ?? ''}`
    .split('\n')
    .filter((line) => line.includes('error'))
    .slice(0, 10);
  if (!existsSync(cliOf(build)))
    throw new Error(`build produced no ${cliOf(build)}:\n${errors.join('\n')}`);
  return { ok: run.status === 0, errors };
}

/** Ours on a temp store; with `port` the bench knows the URL before the server announces it. */
export function startOurs(
  db: string,
  extra: string[] = [],
  port?: number,
  build: Build = OURS,
): Promise<Target> {
  // BENCH_CPU_PROF=<dir>: each of our servers writes a V8 CPU profile there when it stops.
  const profile = process.env.BENCH_CPU_PROF;
  return launch({
    name: build.name,
    args: [
      ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []),
      cliOf(build),
      'serve',
      '--port',
      String(port ?? 0),
      '--db',
      db,
      '--no-verify-targets',
      ...extra,
    ],
    ...(port === undefined ? {} : { port }),
    probe: GET_HOOK_1,
  });
}

export async function startPrism(port?: number): Promise<Target> {
  port ??= await freePort();
  const prism = join(ROOT, 'node_modules', '.bin', 'prism');
  return launch({
    name: 'prism',
    args: [prism, 'mock', SPEC, '-h', '127.0.0.1', '-p', String(port)],
    port,
    probe: GET_HOOK_1,
  });
}

/** json-server 1.0 beta (lowdb-backed, stateful) over `file`, run through its own CLI. */
export async function startJsonServer(file: string): Promise<Target> {
  const port = await freePort();
  const cli = join(ROOT, 'node_modules', 'json-server', 'lib', 'bin.js');
  const loopback = join(ROOT, 'bench', 'launchers', 'loopback.mjs');
  return launch({
    name: 'json-server',
    args: ['--import', loopback, cli, '-h', '127.0.0.1', '-p', String(port), file],
    port,
    probe: { method: 'GET', path: '/webhooks/1' },
  });
}

export interface ConstantRoute {
  method: string;
  /** Hono's pattern; with `bodies`, its `:id` segment picks the body. */
  path: string;
  status: number;
  body: string;
  /** Per-id bodies for a `:id` route (an unknown id is a 404). */
  bodies?: Record<string, string>;
}

/** A path the route answers: a `:id` route's first id. */
function probePath(route: ConstantRoute | undefined): string {
  if (!route) return '/';
  const id = Object.keys(route.bodies ?? {})[0];
  return id === undefined ? route.path : route.path.replace(':id', id);
}

export async function startBareHono(
  dir: string,
  routes: ConstantRoute[],
  label = 'routes',
): Promise<Target> {
  const file = join(dir, `bare-hono-${label}.json`);
  await writeFile(file, JSON.stringify(routes));
  return launch({
    name: 'bare Hono',
    args: [join(ROOT, 'bench', 'launchers', 'bare-hono.mjs'), file],
    probe: { method: 'GET', path: probePath(routes[0]) },
  });
}
