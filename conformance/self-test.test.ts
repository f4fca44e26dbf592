// The whole suite against a fresh in-process so-webhook-mock: every verdict must pass, and the
// webhooks the server held before the run must be exactly as they were.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../src/server.js';
import { ALL_CASES } from './cases/index.js';
import { basicAuthorization } from './credentials.js';
import { runConformance } from './run.js';
import type { Credentials } from './types.js';

const CREDENTIALS: Credentials = {
  user: 'tje0',
  password: 'Tje0',
  ticket: '7T:mock-ticket-tje0',
  token: '8A:mock-token-tje0',
};

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  // Retry delays a hundred times shorter: no case waits for a retry, but none should be slow
  // because of one either.
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    db: ':memory:',
    auth: 'on',
    timeScale: 0.01,
  });
});
afterAll(async () => {
  await server?.close();
});

async function allWebhooks(): Promise<unknown> {
  const res = await fetch(`${server.url}/api/v1/Webhook`, {
    headers: { authorization: basicAuthorization('tje0', 'Tje0'), accept: 'application/json' },
  });
  return res.json();
}

describe('conformance self-test', () => {
  it('passes every case against a fresh server and leaves its webhooks as they were', async () => {
    const before = await allWebhooks();
    const result = await runConformance({
      target: server.url,
      credentials: CREDENTIALS,
      cases: ALL_CASES,
      receiver: { host: '127.0.0.1', port: 0 },
      handleSignals: false,
      timeScale: 0.01,
    });
    const failing = result.verdicts
      .filter((v) => v.status !== 'passed')
      .map((v) => `${v.id} [${v.status}]: ${v.reason ?? ''}`);
    expect(failing, failing.join('\n')).toEqual([]);
    expect(result.verdicts).toHaveLength(ALL_CASES.length);
    expect(result.cleanup.failed).toEqual([]);
    expect(await allWebhooks()).toEqual(before);
  }, 120_000);
});
