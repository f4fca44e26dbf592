// docs/check-receiver.md and README's "Check your receiver" run as a reader runs them: the
// receiver saved as receiver.mjs and started with the docs' command, then each
// `npx so-webhook-mock check-receiver …` line verbatim (npx resolving to this checkout's CLI,
// as it does in an install), and the vectors script against the package's exports. When port
// 4000 is taken on this machine, the examples are pointed at a free port instead.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const DOCS = readFileSync(join(ROOT, 'docs/check-receiver.md'), 'utf8');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

const blocks = (text: string, lang: string): string[] =>
  [...text.matchAll(new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\``, 'gm'))].map(
    (m) => m[1] ?? '',
  );
const section = (text: string, heading: string): string =>
  text.slice(text.indexOf(heading)).split(/\n## /)[0] ?? '';

const [RECEIVER = '', VECTORS = ''] = blocks(DOCS, 'js');
const [START = '', CHECK = ''] = blocks(DOCS, 'sh').map((b) => b.trim());
const README_CHECK = (blocks(section(README, '## Check your receiver'), 'sh')[0] ?? '').trim();

let dir: string;
let port = 4000;
let receiver: ChildProcess | undefined;
const onPort = (text: string): string => text.replaceAll('4000', String(port));

function portFree(wanted: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(wanted, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

async function accepting(wanted: number, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(wanted, '127.0.0.1', () => resolve(socket.end() !== undefined));
      socket.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`nothing listens on ${wanted}`);
}

async function startReceiver(code: string): Promise<void> {
  await writeFile(join(dir, 'receiver.mjs'), onPort(code));
  receiver = spawn('bash', ['-c', START], { cwd: dir, detached: true, stdio: 'ignore' });
  await accepting(port, 10_000);
}

function stopReceiver(): void {
  if (receiver?.pid) process.kill(-receiver.pid, 'SIGTERM');
  receiver = undefined;
}

async function shell(command: string): Promise<{ code: number; stdout: string }> {
  return run('bash', ['-c', onPort(command)], {
    cwd: dir,
    env: { ...process.env, PATH: `${join(dir, 'bin')}:${process.env.PATH ?? ''}` },
    timeout: 60_000,
  }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code?: number; stdout?: string }) => ({
      code: error.code ?? -1,
      stdout: error.stdout ?? '',
    }),
  );
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'check-receiver-docs-'));
  if (!(await portFree(4000))) port = await freePort();
  // `npx so-webhook-mock` as an install resolves it, here to this checkout's CLI from source.
  await mkdir(join(dir, 'bin'));
  const npx = join(dir, 'bin', 'npx');
  await writeFile(
    npx,
    `#!/bin/sh\n[ "$1" = so-webhook-mock ] || exit 127\nshift\nexec "${process.execPath}" --import "${TSX}" "${join(ROOT, 'src/cli.ts')}" "$@"\n`,
  );
  await chmod(npx, 0o755);
  await mkdir(join(dir, 'node_modules'));
  await symlink(ROOT, join(dir, 'node_modules', 'so-webhook-mock'), 'dir');
}, 30_000);

afterAll(async () => {
  stopReceiver();
  await rm(dir, { recursive: true, force: true });
});

describe('docs/check-receiver.md', () => {
  it('has the receiver, its start command and the check', () => {
    expect(RECEIVER).toMatch(/createServer/);
    expect(RECEIVER.split('\n').length).toBeLessThanOrEqual(25);
    expect(START).toBe('node receiver.mjs');
    expect(CHECK).toMatch(/^npx so-webhook-mock check-receiver --url http:\/\/127\.0\.0\.1:4000\//);
    expect(README_CHECK).toBe(CHECK);
  });

  it('the receiver passes every case, from the docs and from the README', async () => {
    await startReceiver(RECEIVER);
    try {
      for (const command of [CHECK, README_CHECK]) {
        const result = await shell(command);
        expect(result.stdout).toMatch(/\d+ passed, 0 failed, 0 errors, 0 skipped/);
        expect(result.code).toBe(0);
      }
    } finally {
      stopReceiver();
    }
  }, 90_000);

  it('re-serialising before hashing, as the docs say, fails the raw-bytes cases', async () => {
    const wrong = RECEIVER.replace('.update(body)', '.update(JSON.stringify(JSON.parse(body)))');
    expect(wrong).not.toBe(RECEIVER);
    await startReceiver(wrong);
    try {
      const result = await shell(CHECK);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/✗ receiver\.raw-bytes\.escaped-slash/);
    } finally {
      stopReceiver();
    }
  }, 90_000);

  it("the vectors example agrees with every vector through the package's exports", async () => {
    await writeFile(join(dir, 'vectors.mjs'), VECTORS);
    const { stdout } = await run(process.execPath, ['vectors.mjs'], { cwd: dir });
    expect(stdout).toMatch(/^all \d+ vectors agree/);
  });
});
