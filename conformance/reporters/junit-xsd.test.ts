// The JUnit report validates against conformance/junit.xsd (the subset of Jenkins' junit-10.xsd
// it uses): structurally with fast-xml-parser everywhere, and with the JDK's real XSD validator
// where `java` is installed. Both must also reject reports that are wrong, or they prove nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { JUNIT_XSD, junitProblems } from '../test-support/junit-check.js';
import type { Verdict } from '../types.js';
import { junitReport } from './junit.js';

const evidence = {
  request: { method: 'PATCH', url: 'http://127.0.0.1:3000/api/v1/Webhook/7', headers: {} },
  response: { status: 200, headers: {}, body: '{"Name":"<b>\u0000 & ]]>"}' },
};
const verdict = (id: string, status: Verdict['status'], reason?: string): Verdict => ({
  id,
  area: id.startsWith('auth') ? 'auth' : 'patch',
  title: `${id} <&> "title"`,
  source: 'reference §5',
  status,
  durationMs: 1234,
  ...(reason ? { reason, evidence } : {}),
});
const VERDICTS: Verdict[] = [
  verdict('patch.replace', 'passed'),
  verdict('patch.test-failure-409', 'failed', 'expected status 409, got 200 "q" & <t>'),
  verdict('auth.basic-accepted', 'skipped', 'no --user/--password given'),
  verdict('auth.missing-401', 'error', 'GET /x: no answer within 10 s'),
];
const META = { target: 'http://127.0.0.1:3000', startedAt: '2025-01-02T03:04:05.678Z' };
const GOOD = junitReport(VERDICTS, META);

/** Reports that are wrong in one way each, and what the structural check must say. */
const BROKEN: [string, string, RegExp][] = [
  [
    'a testcase without a name',
    GOOD.replace(/(<testcase[^>]*?) name="[^"]*"/, '$1'),
    /name is missing/,
  ],
  [
    'a count that is not a number',
    GOOD.replace(/tests="4"/, 'tests="four"'),
    /"four" is not a count/,
  ],
  ['an undeclared element', GOOD.replace('</testsuites>', '<oops/></testsuites>'), /oops/],
  ['skipped on <testsuites>', GOOD.replace('<testsuites ', '<testsuites skipped="1" '), /skipped/],
  ['text inside a testsuite', GOOD.replace('</testsuite>', 'stray</testsuite>'), /text/],
  ['a count that disagrees', GOOD.replace(/failures="1"/, 'failures="0"'), /holds 1/],
];

describe('the JUnit report against conformance/junit.xsd', () => {
  it('passes the structural check, counts included', () => {
    expect(junitProblems(GOOD)).toEqual([]);
    expect(junitProblems(junitReport([], {}))).toEqual([]);
  });

  it.each(BROKEN)('the structural check rejects %s', (_what, xml, problem) => {
    expect(junitProblems(xml).join('\n')).toMatch(problem);
  });

  const java = spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0;
  const dir = mkdtempSync(join(tmpdir(), 'soconf-junit-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.skipIf(!java)(
    'a real XSD validator (the JDK) accepts it and rejects wrong ones',
    () => {
      const files = { good: GOOD, empty: junitReport([], {}), nameless: BROKEN[0]![1] };
      for (const [name, xml] of Object.entries(files)) writeFileSync(join(dir, `${name}.xml`), xml);
      const validator = fileURLToPath(new URL('../test-support/XsdValidate.java', import.meta.url));
      const args = [
        validator,
        fileURLToPath(JUNIT_XSD),
        ...Object.keys(files).map((n) => join(dir, `${n}.xml`)),
      ];
      const run = spawnSync('java', args, { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(1);
      const invalid = run.stderr.trim().split('\n');
      expect(invalid).toHaveLength(1);
      expect(invalid[0]).toMatch(/nameless\.xml:.*'name' must appear/);
    },
    60_000,
  );
});
