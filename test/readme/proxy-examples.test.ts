// The proxy's examples — the README's "Against a real tenant" section and every ```shell block
// of docs/proxy.md — run as a reader runs them, against a fresh mock on port 3000: each
// `so-webhook-mock serve|proxy` line is started with exactly its arguments and waited for, each
// curl line runs verbatim and must get a 2xx, and what a block started is stopped with Ctrl-C
// (SIGINT) at its end and must exit 0 — for the proxy, "the upstream broke no rule". Ports
// the text names are pointed at free ones when taken, as the README test does for 3000.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import {
  killSpawned,
  spawnServer,
  startCli,
  tempDir,
  type CliProcess,
} from '../support/spawn-server.js';
import { freePort } from '../support/free-port.js';

const run = promisify(execFile);
const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const BLOCK = /^```shell\n([\s\S]*?)^```/gm;

function blocks(markdown: string): string[][] {
  return [...markdown.matchAll(BLOCK)].map(([, body]) =>
    (body ?? '')
      .replace(/\\\n\s*/g, '')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== ''),
  );
}

/** Every port the text names, each pointed at a free one (3000 at the mock's). */
async function portMap(text: string, mockPort: number): Promise<Map<string, string>> {
  const ports = new Map<string, string>([['3000', String(mockPort)]]);
  for (const [, port] of text.matchAll(/(?:127\.0\.0\.1:|--port )(\d+)/g)) {
    if (port !== undefined && !ports.has(port)) ports.set(port, String(await freePort()));
  }
  return ports;
}

const remap = (line: string, ports: Map<string, string>) =>
  line.replace(
    /(127\.0\.0\.1:|--port )(\d+)/g,
    (_, prefix: string, port: string) => `${prefix}${ports.get(port) ?? port}`,
  );

function waitForListening(cli: CliProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line: ${cli.stderr()}`)), 30_000);
    const check = () => {
      if (!/listening on/.test(cli.stdout())) return;
      clearTimeout(timer);
      resolve();
    };
    cli.child.stdout?.on('data', check);
    check();
    void cli.exited.then((r) =>
      reject(new Error(`exited ${r.code} before listening: ${r.stderr}`)),
    );
  });
}

async function runDocument(name: string, markdown: string): Promise<void> {
  const temp = await tempDir('proxy-docs');
  try {
    await writeFile(
      join(temp.dir, '.curlrc'),
      'silent\nshow-error\nmax-time = 30\nwrite-out = "\\n%{http_code}"\n',
    );
    const mock = await spawnServer(['--port', '0', '--db', ':memory:'], { cwd: temp.dir });
    const all = blocks(markdown);
    expect(all.length, name).toBeGreaterThan(0);
    const ports = await portMap(all.flat().join('\n'), mock.port);
    for (const block of all) {
      const started: CliProcess[] = [];
      for (const text of block) {
        const line = remap(text, ports);
        const cli = /^(?:npx )?so-webhook-mock (.*)$/.exec(line);
        if (cli) {
          const child = startCli((cli[1] as string).split(/\s+/), { cwd: temp.dir });
          started.push(child);
          await waitForListening(child);
        } else if (line.startsWith('curl ')) {
          const result = await run('bash', ['-c', line], {
            cwd: temp.dir,
            env: { PATH: process.env.PATH, CURL_HOME: temp.dir, HOME: temp.dir },
            timeout: 40_000,
          });
          const status = Number(result.stdout.slice(result.stdout.lastIndexOf('\n') + 1));
          expect(status, `${name}: ${text}\n${result.stdout}`).toBeGreaterThanOrEqual(200);
          expect(status, `${name}: ${text}\n${result.stdout}`).toBeLessThan(300);
        } else {
          throw new Error(`${name}: a line the examples cannot run: ${text}`);
        }
      }
      for (const child of started) {
        child.child.kill('SIGINT');
        const result = await child.exited;
        expect(result.code, `${name}: ${result.stdout}\n${result.stderr}`).toBe(0);
      }
    }
    await mock.stop();
  } finally {
    await temp.remove();
  }
}

afterEach(async () => {
  await killSpawned();
});

describe('the proxy examples', () => {
  it("README's section runs verbatim", async () => {
    const readme = read('README.md');
    await runDocument('README.md', readme.slice(readme.indexOf('## Against a real tenant')));
  }, 120_000);

  it('docs/proxy.md runs verbatim: a recording, served as a fixture and replayed', async () => {
    await runDocument('docs/proxy.md', read('docs/proxy.md'));
  }, 120_000);
});
