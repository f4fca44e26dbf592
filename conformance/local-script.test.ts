// `npm run conformance` (scripts/conformance-local.ts): a fresh mock, the suite, a readable
// report on stdout, JSON and JUnit files that validate, the suite's exit code, and a stopped
// mock. A few cases stand in for the whole suite here; self-test.test.ts runs all of them.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conformanceLocal, localArgs } from '../scripts/conformance-local.js';
import { junitProblems } from './test-support/junit-check.js';
import { sink } from './test-support/sink.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// One case per kind of credential and a delivery, so every flag the script adds is exercised.
const ONLY = ['--only', 'operations.get-default,auth.*-accepted,deliveries.signature'];

async function local(argv: string[]) {
  const out = sink();
  const err = sink();
  const code = await conformanceLocal(argv, { stdout: out.stream, stderr: err.stream, env: {} });
  return { code, stdout: out.text(), stderr: err.text() };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'soconf-local-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run conformance', () => {
  it('passes against a fresh mock and writes reports that validate', async () => {
    const run = await local([...ONLY, '--reporter', 'json,junit', '--out', `${dir}/`]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/checking a fresh so-webhook-mock at http:\/\/127\.0\.0\.1:\d+/);
    expect(run.stdout).toContain('✓ auth.soticket-accepted');
    expect(run.stdout).toContain('✓ auth.bearer-accepted');
    expect(run.stdout).toMatch(/5 passed, 0 failed, 0 errors, 0 skipped — 5 cases/);

    const schema = JSON.parse(
      await readFile(new URL('./report.schema.json', import.meta.url), 'utf8'),
    ) as object;
    const validate = new Ajv2020({ allErrors: true, validateFormats: false }).compile(schema);
    const report: unknown = JSON.parse(await readFile(join(dir, 'conformance.json'), 'utf8'));
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report).toMatchObject({ summary: { total: 5, passed: 5 }, interrupted: false });

    const junit = await readFile(join(dir, 'conformance.xml'), 'utf8');
    expect(junitProblems(junit)).toEqual([]);
    expect(junit).toContain('tests="5" failures="0" errors="0"');
    expect(await readFile(join(dir, 'conformance.txt'), 'utf8')).toContain('5 passed');
  });

  it('shows the console report beside file reporters, and leaves other choices alone', () => {
    expect(localArgs(['--reporter', 'junit', '--out', 'r/'])).toEqual([
      ...['--reporter', 'junit', '--out', 'r/', '--reporter', 'console'],
    ]);
    expect(localArgs(['--reporter=json', '--out=r'])).toContain('console');
    expect(localArgs(['--reporter', 'json'])).toEqual(['--reporter', 'json']);
    const both = ['--reporter', 'console,junit', '--out', 'r'];
    expect(localArgs(both)).toEqual(both);
    expect(localArgs(['--out', 'r'])).toEqual(['--out', 'r']);
  });

  it('refuses --target: another server is checked with so-webhook-mock conformance', async () => {
    const run = await local(['--target', 'http://127.0.0.1:9']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('so-webhook-mock conformance --target <url>');
  });

  it('runs as a script and exits with the suite code', () => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/conformance-local.ts', '--only', 'operations.get-default'],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('1 passed, 0 failed, 0 errors, 0 skipped — 1 case');
  }, 60_000);
});
