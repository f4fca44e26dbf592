// A reader's shell for the documents' commands: `so-webhook-mock`, `npx so-webhook-mock` and
// `npm start` / `npm run <script>` resolve to this checkout's sources (as they do in a
// checkout, without npx's and npm's seconds of start-up), every other program is the system's.
// A command runs in bash with a fresh temp dir as its working directory.
import { spawn } from 'node:child_process';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export interface ShellRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const quote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/** A package.json script as this shell runs it, or undefined when it cannot. */
function translate(script: string): string | undefined {
  const cli = /^node bin\/so-webhook-mock\.js(?= |$)/;
  if (cli.test(script)) return script.replace(cli, 'so-webhook-mock');
  const tsx = /^tsx (\S+)/.exec(script);
  if (tsx)
    return `node --import ${quote(TSX)} ${quote(join(ROOT, tsx[1] ?? ''))}${script.slice(tsx[0].length)}`;
  return undefined;
}

/** Writes the three programs into `dir`/bin and returns that directory. */
export async function writeShims(dir: string): Promise<string> {
  const bin = join(dir, 'bin');
  await mkdir(bin, { recursive: true });
  const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const cases = Object.entries(manifest.scripts).flatMap(([name, script]) => {
    const command = translate(script);
    return command ? [`  ${name}) exec ${command} "$@" ;;`] : [];
  });
  const shims: Record<string, string> = {
    'so-webhook-mock': `exec node --import ${quote(TSX)} ${quote(join(ROOT, 'src', 'cli.ts'))} "$@"`,
    npx: [
      '[ "$1" = so-webhook-mock ] || { echo "npx $1: the documents run this package only" >&2; exit 127; }',
      'shift',
      'exec so-webhook-mock "$@"',
    ].join('\n'),
    npm: [
      'case "$1" in start) name=start; shift ;; run) name=$2; shift 2 ;; *) name="" ;; esac',
      '[ "$1" = "--" ] && shift',
      'case "$name" in',
      ...cases,
      '  *) echo "npm: only npm start and npm run <script> run here" >&2; exit 127 ;;',
      'esac',
    ].join('\n'),
  };
  for (const [name, body] of Object.entries(shims)) {
    await writeFile(join(bin, name), `#!/bin/sh\n${body}\n`);
    await chmod(join(bin, name), 0o755);
  }
  return bin;
}

export interface ShellOptions {
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  /** For a command that serves until stopped: SIGINT once its output matches. */
  stopWhen?: RegExp;
}

/** Runs `script` in bash, in its own process group, so a stop reaches every process of it. */
export function runShell(script: string, options: ShellOptions): Promise<ShellRun> {
  const child = spawn('bash', ['-c', script], {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let stopping = false;
  const group = (signal: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  const seen = () => {
    if (stopping || !options.stopWhen?.test(stdout + stderr)) return;
    stopping = true;
    group('SIGINT');
  };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => ((stdout += chunk), seen()));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => ((stderr += chunk), seen()));
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      stderr += `\n(still running after ${options.timeoutMs} ms: killed)`;
      group('SIGKILL');
    }, options.timeoutMs);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
