// Every command of README.md and docs/*.md runs verbatim, each document against its own fresh
// `so-webhook-mock serve` (what `npm start` runs) with nothing else listening:
// - a curl command gets the answer its text promises (curl reads the status it prints from a
//   curlrc, so the commands themselves are not changed), and a signal ends as a verified
//   delivery in the built-in inbox;
// - a `so-webhook-mock …`, `npx so-webhook-mock …`, `npm start` or `npm run …` command exits 0;
//   one that serves until stopped prints that it is ready and stops on Ctrl+C.
// A command that cannot run here is named below with the reason, or names a server or secret
// only the reader has (`<url>`, `…`, `"$SO_TOKEN"`). When port 3000 is taken on this machine, a
// document's server takes a free port and its commands' 127.0.0.1:3000 is pointed at it;
// commands that serve get SO_WEBHOOK_MOCK_PORT=0, so they never take the document's port.
import { readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killSpawned, spawnServer, tempDir, type ServerProcess } from '../support/spawn-server.js';
import {
  curlExpectation,
  docCommands,
  hasPlaceholder,
  readyLine,
  type DocCommand,
} from './examples.js';
import { runShell, writeShims, type ShellRun } from './shell.js';

const ROOT = new URL('../../', import.meta.url);
const DOCUMENTS = [
  'README.md',
  ...readdirSync(new URL('docs/', ROOT))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`),
];
const read = (file: string) => readFileSync(new URL(file, ROOT), 'utf8');
const NPM_START_URL = 'http://127.0.0.1:3000';

/** Commands that cannot run inside a test, by how they start, with the reason. */
const NOT_RUN_HERE: Record<string, string> = {
  'npm ci && npm start':
    'installs packages; .ci/run runs it on a clean checkout and checks what `npm start` serves',
  'npm test': 'the test suite this test belongs to',
  'npm run check': 'typecheck, lint and the test suite this test belongs to; .ci/run runs it',
  'npm run generate': 'rewrites src/generated/ in the checkout; .ci/run runs it as its drift check',
  'npm run bench -- --baseline':
    'minutes of both cores; bench/*.test.ts test its parts and bench/README.md is its output',
  'npm run bench -- --only':
    'minutes of both cores; bench/*.test.ts test its parts (--only included)',
  'npx so-webhook-mock conformance --target http://127.0.0.1:3000 --time-scale 0.01':
    'needs a mock started with --time-scale 0.01; `npm run conformance` runs the suite against one',
  'node receiver.mjs':
    "starts the reader's receiver; test/readme/check-receiver-docs.test.ts runs it with the check",
  'npx so-webhook-mock check-receiver --url http://127.0.0.1:4000/webhook':
    'needs the receiver of docs/check-receiver.md listening; check-receiver-docs.test.ts runs both',
};

/** What the signals of a document leave in the built-in inbox: [inbox, event]. */
const DELIVERED: Record<string, Array<[string, string]>> = {
  'README.md': [['my-app', 'contact.created']],
  'docs/api.md': [['mine', 'contact.created']],
  'docs/deliveries.md': [['tickets', 'ticket.created']],
};

type Plan =
  { kind: 'curl' } | { kind: 'program'; ready?: RegExp } | { kind: 'not run'; reason: string };

const PROGRAM = /^(so-webhook-mock|npx so-webhook-mock|npm start|npm run \S+)(\s|$)/;

function plan(command: string): Plan | undefined {
  if (command.startsWith('curl ')) return { kind: 'curl' };
  const excuse = Object.entries(NOT_RUN_HERE).find(([start]) => command.startsWith(start));
  if (excuse) return { kind: 'not run', reason: excuse[1] };
  if (hasPlaceholder(command)) return { kind: 'not run', reason: "names the reader's own server" };
  if (!PROGRAM.test(command)) return undefined;
  const ready = readyLine(command);
  return ready ? { kind: 'program', ready } : { kind: 'program' };
}

let temp: Awaited<ReturnType<typeof tempDir>>;
let env: Record<string, string>;

beforeAll(async () => {
  temp = await tempDir('readme');
  await writeFile(
    join(temp.dir, '.curlrc'),
    'silent\nshow-error\nmax-time = 30\nwrite-out = "\\n%{http_code}"\n',
  );
  const bin = await writeShims(temp.dir);
  env = {
    PATH: `${bin}:${process.env.PATH ?? ''}`,
    CURL_HOME: temp.dir,
    HOME: temp.dir,
    NO_COLOR: '1',
    SO_WEBHOOK_MOCK_PORT: '0',
  };
}, 60_000);

afterAll(async () => {
  await killSpawned();
  await temp?.remove();
});

async function serve(cwd: string): Promise<ServerProcess> {
  try {
    return await spawnServer([], { cwd });
  } catch (error) {
    if (!/already in use/.test(String(error))) throw error;
    return spawnServer(['--port', '0'], { cwd });
  }
}

/** Programs that do not talk to the document's server run once, however many documents show them. */
const programRuns = new Map<string, Promise<ShellRun>>();

function runProgram(command: string, url: string, ready?: RegExp): Promise<ShellRun> {
  const script = command.replaceAll(NPM_START_URL, url);
  const shared = !command.includes(NPM_START_URL);
  const cached = shared ? programRuns.get(command) : undefined;
  if (cached) return cached;
  const run = runShell(script, {
    cwd: temp.dir,
    env,
    timeoutMs: 120_000,
    ...(ready ? { stopWhen: ready } : {}),
  });
  if (shared) programRuns.set(command, run);
  return run;
}

async function runCurl(example: DocCommand, url: string): Promise<string | undefined> {
  const script = [...example.setup, example.command].join('\n').replaceAll(NPM_START_URL, url);
  const run = await runShell(script, { cwd: temp.dir, env, timeoutMs: 40_000 });
  const cut = run.stdout.lastIndexOf('\n');
  const status = Number(run.stdout.slice(cut + 1));
  const body = run.stdout.slice(0, cut);
  const expected = curlExpectation(example.command);
  const ok =
    'transportError' in expected
      ? run.code !== 0 && status === 0
      : expected.status === '2xx'
        ? run.code === 0 && status >= 200 && status < 300
        : run.code === 0 && status === expected.status;
  return ok ? undefined : `→ exit ${run.code}, ${status}: ${body}${run.stderr}`;
}

describe('the documents', () => {
  it('are README.md and every docs/*.md, with the commands a reader copies', () => {
    expect(DOCUMENTS).toEqual(expect.arrayContaining(['README.md', 'docs/api.md']));
    expect(docCommands(read('README.md')).length).toBeGreaterThan(10);
    const all = DOCUMENTS.flatMap((file) => docCommands(read(file)));
    expect(all.filter(({ command }) => plan(command)?.kind === 'curl').length).toBeGreaterThan(25);
    expect(all.filter(({ command }) => plan(command)?.kind === 'program').length).toBeGreaterThan(
      10,
    );
  });

  it('hold no command this test does not know how to run or why it cannot', () => {
    const unknown = DOCUMENTS.flatMap((file) =>
      docCommands(read(file))
        .filter(({ command }) => plan(command) === undefined)
        .map(({ command }) => `${file}: ${command}`),
    );
    expect(unknown).toEqual([]);
  });

  it('name every command that is not run here, and no other', () => {
    const all = DOCUMENTS.flatMap((file) => docCommands(read(file)).map((c) => c.command));
    for (const start of Object.keys(NOT_RUN_HERE)) {
      expect(
        all.some((command) => command.startsWith(start)),
        start,
      ).toBe(true);
    }
  });
});

describe.each(DOCUMENTS)('%s', (file) => {
  const commands = docCommands(read(file));
  let server: ServerProcess;

  beforeAll(async () => {
    server = await serve(temp.dir);
  }, 60_000);
  afterAll(async () => {
    await server?.stop('SIGTERM');
  });

  it('every command runs and gets what its text promises, in order', async () => {
    const outcomes: string[] = [];
    const wrong: string[] = [];
    for (const example of commands) {
      const what = plan(example.command);
      if (what?.kind === 'curl') {
        const problem = await runCurl(example, server.url);
        if (problem) wrong.push(`${example.command}\n  ${problem}`);
      } else if (what?.kind === 'program') {
        const run = await runProgram(example.command, server.url, what.ready);
        const stopped = what.ready ? what.ready.test(run.stdout + run.stderr) : true;
        // A command that serves until stopped was sent SIGINT once ready: ending by that signal
        // (as the Node 24 runner of the sources can) is the stop asked for, not a failure.
        const endedAsAsked =
          what.ready !== undefined && run.code === null && run.signal === 'SIGINT';
        if ((run.code !== 0 && !endedAsAsked) || !stopped) {
          wrong.push(
            `${example.command}\n  → exit ${run.code} ${run.signal ?? ''}\n${run.stdout}${run.stderr}`,
          );
        }
      }
      outcomes.push(`${what?.kind ?? '?'}: ${example.command}`);
    }
    expect(wrong, outcomes.join('\n')).toEqual([]);
  }, 600_000);

  it.runIf(file in DELIVERED)('ends with verified deliveries in the built-in inbox', async () => {
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
    for (const [name, event] of DELIVERED[file] ?? []) {
      expect(await verified(name, event), `${name}: ${event}`).toBe(true);
    }
  });
});

describe('README.md', () => {
  const readme = read('README.md');
  /** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
  const anchor = (heading: string) =>
    heading
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, '')
      .replaceAll(' ', '-');

  it('is short enough to navigate, with a contents list that reaches every section', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(400);
    const sections = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1] ?? '');
    expect(sections[0]).toBe('Contents');
    const contents = /^## Contents\n([\s\S]*?)\n## /m.exec(readme)?.[1] ?? '';
    for (const section of sections.slice(1)) {
      expect(contents, section).toContain(`(#${anchor(section)})`);
    }
    // The three users' paths come right after the quick start.
    expect(sections.slice(1, 5).map((s) => s.split(':')[0])).toEqual([
      'Quick start',
      'For frontend developers',
      'For QA and CI',
      'For demo givers',
    ]);
  });

  it('links every document under docs/, and each link resolves', () => {
    for (const file of DOCUMENTS.filter((f) => f.startsWith('docs/'))) {
      expect(readme, file).toContain(`](${file})`);
    }
    const links = [...readme.matchAll(/\]\(((?:docs|bench)\/[^)#]+)/g)].map((m) => m[1] ?? '');
    for (const link of links) expect(() => read(link), link).not.toThrow();
  });
});

describe('docs/library.md', () => {
  it('holds test/package/library-api.test.ts, word for word', () => {
    const test = read('test/package/library-api.test.ts');
    expect(read('docs/library.md')).toContain(`\`\`\`ts\n${test}\`\`\``);
  });
});
