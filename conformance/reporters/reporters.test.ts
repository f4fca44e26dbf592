import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Verdict } from '../types.js';
import { consoleReport } from './console.js';
import { jsonReport } from './json.js';
import { escapeXml, junitReport } from './junit.js';

const evidence = {
  request: {
    method: 'PATCH',
    url: 'http://127.0.0.1:3000/api/v1/Webhook/7',
    headers: { authorization: 'Basic ***', 'content-type': 'application/json' },
    body: '[{"op":"test","path":"/State","value":"Stopped"}]',
  },
  response: {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: '{"WebhookId":7,"Name":"<&> \u0000 \'quoted\'"}',
  },
};

const VERDICTS: Verdict[] = [
  {
    id: 'patch.replace',
    area: 'patch',
    title: 'JSON Patch replace',
    source: 'seeds/004_c05cf042a57efd1d.txt',
    status: 'passed',
    durationMs: 12,
  },
  {
    id: 'patch.test-failure-409',
    area: 'patch',
    title: 'A failing test operation is 409 <&>',
    source: 'seeds/004_c05cf042a57efd1d.txt',
    status: 'failed',
    durationMs: 30,
    reason: 'expected status 409, got 200 "quoted" & <tagged>',
    evidence,
  },
  {
    id: 'auth.ticket-accepted',
    area: 'auth',
    title: 'SOTicket accepted',
    source: 'reference §6',
    status: 'skipped',
    durationMs: 0,
    reason: 'no --ticket given',
  },
  {
    id: 'auth.missing-401',
    area: 'auth',
    title: 'no Authorization',
    source: 'spec C3',
    status: 'error',
    durationMs: 10_000,
    reason: 'GET /api/v1/Webhook/default: no answer within 10 s',
    evidence: { request: evidence.request },
  },
];

const META = {
  target: 'http://127.0.0.1:3000',
  runId: 'abcd1234',
  startedAt: '2026-01-02T03:04:05.678Z',
  durationMs: 10_042,
};

describe('console reporter', () => {
  const text = consoleReport(VERDICTS, { meta: META });

  it('groups by area in order of appearance with a mark per case', () => {
    expect(text.indexOf('patch\n')).toBeLessThan(text.indexOf('auth\n'));
    expect(text).toContain('  ✓ patch.replace  JSON Patch replace (12 ms)');
    expect(text).toContain('  ✗ patch.test-failure-409');
    expect(text).toContain('  - auth.ticket-accepted');
    expect(text).toContain('  ! auth.missing-401');
  });

  it('gives one line of reason, the source and the exchange for a failure', () => {
    expect(text).toContain('failed: expected status 409, got 200');
    expect(text).toContain('source: seeds/004_c05cf042a57efd1d.txt');
    expect(text).toContain('> PATCH http://127.0.0.1:3000/api/v1/Webhook/7');
    expect(text).toContain('< 200');
    expect(text).toContain('< {"WebhookId":7');
    expect(text).toContain('< (no answer)');
  });

  it('ends with a summary and has no colour unless asked', () => {
    expect(text.trimEnd().split('\n').at(-1)).toBe(
      '1 passed, 1 failed, 1 errors, 1 skipped — 4 cases in 10.0 s',
    );
    expect(text).not.toContain('\u001b[');
    expect(consoleReport(VERDICTS, { color: true })).toContain('\u001b[31m');
  });
});

describe('json reporter', () => {
  const schema = JSON.parse(
    readFileSync(new URL('../report.schema.json', import.meta.url), 'utf8'),
  ) as object;
  const ajv = new Ajv2020({ allErrors: true, validateFormats: false });
  const validate = ajv.compile(schema);

  it('writes a report that matches report.schema.json', () => {
    const report: unknown = JSON.parse(jsonReport(VERDICTS, META));
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report).toMatchObject({
      format: 'so-webhook-mock/conformance-report@1',
      summary: { total: 4, passed: 1, failed: 1, error: 1, skipped: 1 },
    });
  });

  it('is valid without run facts, and the schema rejects a wrong verdict', () => {
    expect(validate(JSON.parse(jsonReport([])))).toBe(true);
    const wrong = JSON.parse(jsonReport(VERDICTS)) as { verdicts: Record<string, unknown>[] };
    wrong.verdicts[0] = { ...wrong.verdicts[0], status: 'maybe' };
    expect(validate(wrong)).toBe(false);
  });
});

describe('junit reporter', () => {
  const xml = junitReport(VERDICTS, META);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name) => ['testsuite', 'testcase'].includes(name),
  });

  it('is well-formed XML even with markup and control characters in the evidence', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).not.toContain('\u0000');
  });

  it('has one testsuite per area and one testcase per verdict', () => {
    type Case = {
      name: string;
      classname: string;
      time: string;
      failure?: { message: string; '#text': string };
      skipped?: unknown;
      error?: unknown;
    };
    type Suite = {
      name: string;
      tests: string;
      failures: string;
      errors: string;
      skipped: string;
      testcase: Case[];
    };
    const doc = parser.parse(xml) as { testsuites: { tests: string; testsuite: Suite[] } };
    expect(doc.testsuites.tests).toBe('4');
    const [patch, auth] = doc.testsuites.testsuite;
    expect(patch).toMatchObject({ name: 'patch', tests: '2', failures: '1', errors: '0' });
    expect(auth).toMatchObject({ name: 'auth', tests: '2', skipped: '1', errors: '1' });
    const failed = patch?.testcase[1];
    expect(failed?.classname).toBe('patch');
    expect(failed?.name).toBe('patch.test-failure-409: A failing test operation is 409 <&>');
    expect(failed?.time).toBe('0.030');
    expect(failed?.failure?.message).toBe('expected status 409, got 200 "quoted" & <tagged>');
    expect(failed?.failure?.['#text']).toContain('> PATCH http://127.0.0.1:3000/api/v1/Webhook/7');
    expect(auth?.testcase[0]?.skipped).toBeDefined();
    expect(auth?.testcase[1]?.error).toBeDefined();
  });

  it('escapes the five XML specials', () => {
    expect(escapeXml(`<a href="x">&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;',
    );
  });
});
