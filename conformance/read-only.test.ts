// `--read-only` sends no request that changes anything: a recording proxy in front of the mock
// sees every request of such a run through the CLI, and each must be a GET or one of the agent
// POSTs that only read. The run is exactly the cases marked `mutates: false`, and the target's
// data is unchanged afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/server.js';
import { ALL_CASES } from './cases/index.js';
import { runConformanceCli } from './cli.js';
import { runsReadOnly } from './select.js';
import type { JsonReport } from './reporters/json.js';
import { startMutatingProxy, type Exchange } from './test-support/mutating-proxy.js';
import { sink } from './test-support/sink.js';
import { targetState } from './test-support/target-state.js';

// POSTs that read: the agent getters (docs/sources.md §1b A1, A4, A5, A8) and TestWebhook on both
// surfaces (§1a R8, §1b A6). TestWebhook saves nothing (test.saves-nothing checks that) — its
// one effect is a POST to the TargetUrl in its body, which is checked below to be the suite's
// own receiver or an unresolvable .invalid host. SignalEvent (it fires deliveries), SaveWebhook,
// DeleteWebhook, POST /Webhook, POST /Webhook/{event}/{key}, PUT, PATCH and DELETE all change
// something and are refused.
const READING_POSTS = [
  /^\/api\/v1\/agents\/webhook\/(createdefaultwebhook|getwebhook|getallwebhooks|getlasterror|testwebhook)$/i,
  /^\/api\/v1\/webhook\/test$/i,
];
const TEST_WEBHOOK = /\/(testwebhook|webhook\/test)$/i;

const pathOf = (url: string) => new URL(url, 'http://proxy').pathname;

function changesNothing(req: Exchange): boolean {
  if (req.method === 'GET') return true;
  return req.method === 'POST' && READING_POSTS.some((p) => p.test(pathOf(req.url)));
}

/** Where a TestWebhook request would send its `test` ping. */
function pingedUrl(req: Exchange): string {
  const body = JSON.parse(req.body) as { TargetUrl?: string; Webhook?: { TargetUrl?: string } };
  return body.Webhook?.TargetUrl ?? body.TargetUrl ?? '';
}

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0, host: '127.0.0.1', db: ':memory:', auth: 'on' });
});
afterAll(async () => {
  await server?.close();
});

async function readOnlyRun(target: string) {
  const out = sink();
  const err = sink();
  const code = await runConformanceCli(
    [
      ...['--target', target, '--read-only', '--reporter', 'json'],
      ...['--user', 'tje0', '--password', 'Tje0'],
      ...['--ticket', '7T:mock-ticket-tje0', '--token', '8A:mock-token-tje0'],
    ],
    { stdout: out.stream, stderr: err.stream, env: {} },
  );
  return { code, stderr: err.text(), report: JSON.parse(out.text()) as JsonReport };
}

describe('--read-only', () => {
  it('sends only requests that change nothing, and runs exactly the read-only cases', async () => {
    const recorded: Exchange[] = [];
    const proxy = await startMutatingProxy(server.url, {
      request: (req) => {
        recorded.push(req);
        return req;
      },
    });
    const before = await targetState(server);
    let run: Awaited<ReturnType<typeof readOnlyRun>>;
    try {
      run = await readOnlyRun(proxy.url);
    } finally {
      await proxy.close();
    }
    const readOnlyIds = ALL_CASES.filter(runsReadOnly).map((c) => c.id);
    expect(run.report.verdicts.map((v) => v.id)).toEqual(readOnlyIds);
    expect(run.report.summary.passed, run.stderr).toBe(readOnlyIds.length);
    expect(run.code).toBe(0);

    expect(recorded.length).toBeGreaterThan(readOnlyIds.length);
    const mutating = recorded.filter((r) => !changesNothing(r)).map((r) => `${r.method} ${r.url}`);
    expect(mutating).toEqual([]);
    const pinged = recorded.filter((r) => TEST_WEBHOOK.test(pathOf(r.url))).map(pingedUrl);
    expect(pinged.length).toBeGreaterThan(0);
    const elsewhere = pinged.filter(
      (url) =>
        !/^http:\/\/127\.0\.0\.1:\d+\//.test(url) && !new URL(url).hostname.endsWith('.invalid'),
    );
    expect(elsewhere).toEqual([]);
    expect(await targetState(server)).toEqual(before);
  });

  it('the check itself refuses what mutates', () => {
    const req = (method: string, url: string): Exchange => ({ method, url, headers: {}, body: '' });
    const refused = [
      req('POST', '/api/v1/Webhook'),
      req('POST', '/api/v1/Webhook/contact.created/5'),
      req('PUT', '/api/v1/Webhook/5'),
      req('PATCH', '/api/v1/Webhook/5'),
      req('DELETE', '/api/v1/Webhook/5'),
      req('POST', '/api/v1/Agents/Webhook/SignalEvent'),
      req('POST', '/api/v1/Agents/Webhook/SaveWebhook'),
      req('POST', '/api/v1/Agents/Webhook/DeleteWebhook?WebhookId=5'),
    ];
    expect(refused.filter(changesNothing)).toEqual([]);
    const allowed = [
      req('GET', '/api/v1/Webhook?$select=Name'),
      req('POST', '/api/v1/Agents/Webhook/GetWebhook?webhookId=5'),
      req('POST', '/api/v1/Webhook/Test'),
    ];
    expect(allowed.every(changesNothing)).toBe(true);
  });
});
