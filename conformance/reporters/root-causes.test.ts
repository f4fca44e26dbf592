// A cause shared by many cases is named once, with its cases under it; passing cases show their
// source and notes only with --verbose.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server.js';
import { runConformance } from '../run.js';
import { selectCases } from '../select.js';
import { ALL_CASES } from '../cases/index.js';
import { startMutatingProxy } from '../test-support/mutating-proxy.js';
import { editObject } from '../test-support/wrong-target.js';
import type { Verdict } from '../types.js';
import { consoleReport } from './console.js';
import { causeKey, rootCauses } from './root-causes.js';

const verdict = (id: string, status: Verdict['status'], reason?: string): Verdict => ({
  id,
  area: 'save',
  title: id,
  source: 'spec/README.md C7',
  status,
  durationMs: 1,
  ...(reason === undefined ? {} : { reason }),
});

describe('root causes', () => {
  it('groups reasons that differ only in ids, numbers and receiver paths', () => {
    expect(causeKey('no delivery reached /0a1b2c3d/deliveries.arrives within 3 s')).toBe(
      causeKey('no delivery reached /ffffffff/deliveries.headers/other within 10 s'),
    );
    const causes = rootCauses([
      verdict('a.one', 'error', 'create answered 200 without a WebhookId (webhook 1)'),
      verdict('a.two', 'error', 'create answered 200 without a WebhookId (webhook 22)'),
      verdict('a.three', 'failed', 'create answered 200 without a WebhookId (webhook 3)'),
      verdict('a.four', 'failed', 'something else'),
      verdict('a.five', 'passed'),
    ]);
    expect(causes).toEqual([
      {
        reason: 'create answered 200 without a WebhookId (webhook N)',
        ids: ['a.one', 'a.two', 'a.three'],
      },
    ]);
  });

  it('keeps status pairs apart and heads each group with what holds for all its members', () => {
    const status = (id: string, got: number): Verdict => ({
      ...verdict(id, 'failed', `GET /x: expected status 200, got ${got}`),
      cause: `expected status 200, got ${got}`,
    });
    const causes = rootCauses([
      status('a.one', 405),
      status('a.two', 404),
      status('a.three', 405),
      status('a.four', 405),
      status('a.five', 404),
      status('a.six', 404),
    ]);
    expect(causes).toEqual([
      { reason: 'expected status 200, got 405', ids: ['a.one', 'a.three', 'a.four'] },
      { reason: 'expected status 200, got 404', ids: ['a.two', 'a.five', 'a.six'] },
    ]);
  });

  it('shows passing sources and notes only when verbose', () => {
    const passed = { ...verdict('a.ok', 'passed'), notes: ['waited a quiet window of 250 ms'] };
    expect(consoleReport([passed])).not.toContain('source:');
    const verbose = consoleReport([passed], { verbose: true });
    expect(verbose).toContain('source: spec/README.md C7');
    expect(verbose).toContain('waited a quiet window of 250 ms');
  });
});

describe('a target whose create answers without a WebhookId', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer({ port: 0, host: '127.0.0.1', db: ':memory:', auth: 'on' });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('is reported as one root cause over the cases it broke', async () => {
    const proxy = await startMutatingProxy(server.url, {
      response: (res, req) =>
        req.method === 'POST' && req.url === '/api/v1/Webhook' && res.status === 200
          ? editObject(res, (b) => delete b.WebhookId)
          : res,
    });
    try {
      const ids = ['operations.get', 'operations.put', 'operations.patch', 'operations.delete'];
      const result = await runConformance({
        target: proxy.url,
        credentials: { user: 'tje0', password: 'Tje0' },
        cases: selectCases(ALL_CASES, { only: ids }).selected,
        handleSignals: false,
      });
      const report = consoleReport(result.verdicts);
      const cause = 'POST /api/v1/Webhook answered 200 without a WebhookId';
      expect(report.split(cause)).toHaveLength(2);
      expect(report).toMatch(/Root cause 1: .*without a WebhookId\n {2}4 cases: operations\.get/);
      expect(report.match(/see root cause 1 above/g)).toHaveLength(4);
    } finally {
      await proxy.close();
    }
  });
});
