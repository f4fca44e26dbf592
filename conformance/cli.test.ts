import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runConformanceCli } from './cli.js';
import { closedPort, startToyApiServer, type ToyApiServer } from './test-support/toy-api-server.js';
import { ALL_CASES } from './cases/index.js';
import type { CaseContext, ConformanceCase } from './types.js';

function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString('utf8');
      done();
    },
  });
  return { stream, text: () => text };
}

const make = (id: string, mutates: boolean, run: (ctx: CaseContext) => Promise<void>) =>
  ({
    id,
    area: 'operations',
    title: id,
    source: 'test',
    given: '',
    when: '',
    then: '',
    tags: ['fake'],
    mutates,
    run,
  }) satisfies ConformanceCase;

const PASSING = [
  make('operations.reads', false, async (ctx) => {
    ctx.expectStatus(await ctx.request('GET', '/api/v1/Webhook/default'), 200);
  }),
  make('operations.creates', true, async (ctx) => void (await ctx.createWebhook())),
];
const SLOW = { ...make('operations.slow', false, async () => undefined), slow: true };
const FAILING = [make('operations.wrong', false, async (ctx) => ctx.fail('on purpose'))];

async function cli(argv: string[], cases: readonly ConformanceCase[] = PASSING) {
  const out = sink();
  const err = sink();
  const code = await runConformanceCli(argv, {
    stdout: out.stream,
    stderr: err.stream,
    env: {},
    cases,
  });
  return { code, stdout: out.text(), stderr: err.text() };
}

describe('conformance CLI usage', () => {
  it('prints help and exits 0', async () => {
    const { code, stdout } = await cli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: so-webhook-mock conformance --target <url>');
    expect(stdout).toContain('Exit codes: 0');
  });

  it.each([
    [[], '--target <url> is required'],
    [['--target'], 'argument missing'],
    [['--bogus', '--target', 'http://x'], "Unknown option '--bogus'"],
    [['--target', 'ftp://x'], 'must be an http: or https: URL'],
    [['--target', 'not a url'], 'is not a URL'],
    [['--target', 'http://x', '--timeout', 'soon'], '--timeout must be a positive number'],
    [['--target', 'http://x', '--delivery-timeout', '0'], '--delivery-timeout must be'],
    [['--target', 'http://x', '--reporter', 'tap'], 'unknown reporter tap'],
    [['--target', 'http://x', '--receiver-port', '70000'], '--receiver-port must be'],
    [['--target', 'http://x', '--password', 'p'], '--password needs --user'],
    [['--target', 'http://x', '--only', 'nothing.*'], 'no case matches nothing.*'],
    [
      ['--target', 'http://x', '--read-only', '--only', 'operations.creates'],
      'leaves no case to run',
    ],
    [['--target', 'http://x', '--time-scale', '0'], '--time-scale must be a number above 0'],
    [['--target', 'http://x', '--seed=1.5'], '--seed must be a whole number'],
    [['--target', 'http://x', '--fuzz', 'lots'], '--fuzz must be a number of requests'],
    [['--target', 'http://x', '--only', 'operations.slow'], 'slow cases run only with --slow'],
  ])('exits 2 for %j', async (argv, message) => {
    const { code, stderr } = await cli(argv, [...PASSING, SLOW]);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('prints the behaviour matrix and its coverage figure without a target', async () => {
    const { code, stdout } = await cli(['--matrix'], ALL_CASES);
    expect(code).toBe(0);
    expect(stdout).toContain('`PATCH /api/v1/Webhook/{id}`');
    expect(stdout).toMatch(/\d+ rules, \d+ cells: \d+ checked by a case .* 0 empty\n$/);
  });

  it('lists the slow cases too, marked slow', async () => {
    const { code, stdout } = await cli(['--list'], [...PASSING, SLOW]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/operations\.slow\n.*\n.*read-only, slow, fake/);
  });

  it('lists the selected cases without a target', async () => {
    const { code, stdout } = await cli(['--list', '--read-only']);
    expect(code).toBe(0);
    expect(stdout).toContain('operations.reads');
    expect(stdout).not.toContain('operations.creates');
  });

  it('exits 2 with a clear message when the target cannot be reached', async () => {
    const port = await closedPort();
    const { code, stderr, stdout } = await cli(['--target', `http://127.0.0.1:${port}`]);
    expect(code).toBe(2);
    expect(stderr).toContain(`cannot reach http://127.0.0.1:${port}`);
    expect(stderr).toContain('ECONNREFUSED');
    expect(stdout).toBe('');
  });
});

describe('conformance CLI runs', () => {
  let target: ToyApiServer;
  let dir: string;
  beforeEach(async () => {
    target = await startToyApiServer();
    dir = await mkdtemp(join(tmpdir(), 'soconf-'));
  });
  afterEach(async () => {
    await target.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('exits 0 when every case passes and prints the console report', async () => {
    const { code, stdout, stderr } = await cli(['--target', `${target.url}/api/v1/`]);
    expect(code).toBe(0);
    expect(stderr).toContain(`--target should be the root before /api/v1; using ${target.url}`);
    expect(stdout).toContain('✓ operations.reads');
    expect(stdout).toContain('2 passed, 0 failed');
    expect(target.webhooks.size).toBe(0);
  });

  it('exits 1 when a case fails', async () => {
    const { code, stdout } = await cli(['--target', target.url], FAILING);
    expect(code).toBe(1);
    expect(stdout).toContain('failed: on purpose');
  });

  it('writes each reporter to <out>.<ext> and prints the summary', async () => {
    const out = join(dir, 'report');
    const { code, stdout, stderr } = await cli([
      '--target',
      target.url,
      '--reporter',
      'json,junit',
      '--out',
      out,
    ]);
    expect(code).toBe(0);
    expect(stdout).toBe('2 passed, 0 failed, 0 errors, 0 skipped — 2 cases\n');
    expect(stderr).toContain(`wrote ${out}.json`);
    const report = JSON.parse(await readFile(`${out}.json`, 'utf8')) as {
      summary: { passed: number };
    };
    expect(report.summary.passed).toBe(2);
    expect(await readFile(`${out}.xml`, 'utf8')).toContain('<testsuites');
  });

  it('writes into a directory as conformance.<ext>', async () => {
    const { code } = await cli([
      '--target',
      target.url,
      '--reporter',
      'console',
      '--reporter',
      'junit',
      '--out',
      `${dir}/`,
    ]);
    expect(code).toBe(0);
    expect(await readFile(join(dir, 'conformance.txt'), 'utf8')).toContain('2 passed');
    expect(await readFile(join(dir, 'conformance.xml'), 'utf8')).toContain('operations.reads');
  });
});
