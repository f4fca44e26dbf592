// Every curl example in README.md runs verbatim against a fresh `so-webhook-mock serve` (what
// `npm start` runs) with nothing else listening: each gets the answer its text promises, and a
// signal ends as a verified delivery in the built-in inbox. curl reads the status it prints
// from a curlrc, so the commands themselves are not changed. When port 3000 is taken on this
// machine, the server takes a free port and the commands' 127.0.0.1:3000 is pointed at it.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killSpawned, spawnServer, tempDir, type ServerProcess } from '../support/spawn-server.js';
import { curlExamples, type CurlExample } from './examples.js';

const run = promisify(execFile);
const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const EXAMPLES = curlExamples(README);
const NPM_START_URL = 'http://127.0.0.1:3000';

let server: ServerProcess;
let temp: Awaited<ReturnType<typeof tempDir>>;

async function serve(cwd: string): Promise<ServerProcess> {
  try {
    return await spawnServer([], { cwd });
  } catch (error) {
    if (!/already in use/.test(String(error))) throw error;
    return spawnServer(['--port', '0'], { cwd });
  }
}

beforeAll(async () => {
  temp = await tempDir('readme');
  await writeFile(
    join(temp.dir, '.curlrc'),
    'silent\nshow-error\nmax-time = 30\nwrite-out = "\\n%{http_code}"\n',
  );
  server = await serve(temp.dir);
}, 60_000);

afterAll(async () => {
  await killSpawned();
  await temp?.remove();
});

interface CurlRun {
  code: number;
  body: string;
  status: number;
}

async function runExample(example: CurlExample): Promise<CurlRun> {
  const script = [...example.setup, example.command]
    .join('\n')
    .replaceAll(NPM_START_URL, server.url);
  const result = await run('bash', ['-c', script], {
    env: { PATH: process.env.PATH, CURL_HOME: temp.dir, HOME: temp.dir },
    timeout: 40_000,
  }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code?: number; stdout?: string }) => ({
      code: error.code ?? -1,
      stdout: error.stdout ?? '',
    }),
  );
  const cut = result.stdout.lastIndexOf('\n');
  return {
    code: result.code,
    body: result.stdout.slice(0, cut),
    status: Number(result.stdout.slice(cut + 1)),
  };
}

describe('README curl examples', () => {
  it('finds the examples', () => {
    expect(EXAMPLES.length).toBeGreaterThan(20);
  });

  it('each gets the answer its text promises, in README order', async () => {
    const outcomes: string[] = [];
    const wrong: string[] = [];
    for (const example of EXAMPLES) {
      const got = await runExample(example);
      const ok =
        'transportError' in example.expect
          ? got.code !== 0 && got.status === 0
          : example.expect.status === '2xx'
            ? got.code === 0 && got.status >= 200 && got.status < 300
            : got.code === 0 && got.status === example.expect.status;
      outcomes.push(`${got.status} ${example.command}`);
      if (!ok) wrong.push(`${example.command}\n  → exit ${got.code}, ${got.status}: ${got.body}`);
    }
    expect(wrong, outcomes.join('\n')).toEqual([]);
  }, 120_000);

  it('ends with verified deliveries in the built-in inbox', async () => {
    const inbox = await fetch(`${server.url}/__admin/inbox`);
    const names = (await inbox.json()) as Array<{ Inbox: string; Records: number }>;
    expect(names.map((n) => n.Inbox)).toEqual(expect.arrayContaining(['tickets', 'mine']));
    // Deliveries are asynchronous; poll, bounded, until the signalled events have arrived.
    const verified = async (name: string, event: string) => {
      for (let attempt = 0; attempt < 100; attempt++) {
        const records = (await (await fetch(`${server.url}/__inbox/${name}`)).json()) as Array<{
          Event: string | null;
          Signature: string;
        }>;
        if (records.some((r) => r.Event === event && r.Signature === 'verified')) return true;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return false;
    };
    expect(await verified('tickets', 'ticket.created')).toBe(true);
    expect(await verified('mine', 'contact.created')).toBe(true);
  });
});

describe('README library example', () => {
  it('is test/package/library-api.test.ts, word for word', () => {
    const test = readFileSync(new URL('../package/library-api.test.ts', import.meta.url), 'utf8');
    expect(README).toContain(`\`\`\`ts\n${test}\`\`\``);
  });
});
