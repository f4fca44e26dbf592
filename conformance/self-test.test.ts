// The whole suite against a fresh in-process so-webhook-mock: every verdict must pass, and the
// webhooks the server held before the run must be exactly as they were. A tenant's address
// (`https://sod.superoffice.com/Cust12345`) is judged as a root is: every case passes against one
// of the mock's tenants, and a gateway that serves a tenant's path from a single-tenant server
// (links without the prefix, deliveries naming another customer) is caught by the two cases that
// know what a tenant's answers carry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../src/server.js';
import { ALL_CASES } from './cases/index.js';
import { basicAuthorization } from './credentials.js';
import { runConformance } from './run.js';
import { startMutatingProxy } from './test-support/mutating-proxy.js';
import type { Credentials } from './types.js';

const CREDENTIALS: Credentials = {
  user: 'tje0',
  password: 'Tje0',
  ticket: '7T:mock-ticket-tje0',
  token: '8A:mock-token-tje0',
};
const TENANT = 'Cust12345';
const TENANT_CASES = ['operations.links-self', 'deliveries.payload-shape'];

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

const run = (target: string, cases = ALL_CASES, strict = false) =>
  runConformance({
    target,
    credentials: CREDENTIALS,
    cases,
    strict,
    receiver: { host: '127.0.0.1', port: 0 },
    handleSignals: false,
    timeScale: 0.01,
  });

const notPassed = (result: Awaited<ReturnType<typeof run>>) =>
  result.verdicts
    .filter((v) => v.status !== 'passed')
    .map((v) => `${v.id} [${v.status}]: ${v.reason ?? ''}`);

describe('conformance self-test', () => {
  it('passes every case against a fresh server and leaves its webhooks as they were', async () => {
    const before = await allWebhooks();
    const result = await run(server.url);
    const failing = notPassed(result);
    expect(failing, failing.join('\n')).toEqual([]);
    expect(result.verdicts).toHaveLength(ALL_CASES.length);
    expect(result.cleanup.failed).toEqual([]);
    expect(await allWebhooks()).toEqual(before);
  }, 120_000);

  it('passes every case against a tenant of the server (/Cust12345)', async () => {
    const result = await run(`${server.url}/${TENANT}`);
    const failing = notPassed(result);
    expect(failing, failing.join('\n')).toEqual([]);
    expect(result.verdicts).toHaveLength(ALL_CASES.length);
  }, 120_000);

  it("catches a gateway that serves a tenant's path from a single-tenant server", async () => {
    const prefix = `/${TENANT}`;
    const proxy = await startMutatingProxy(server.url, {
      request: (req) => ({
        ...req,
        url: req.url.startsWith(prefix) ? req.url.slice(prefix.length) : req.url,
      }),
    });
    try {
      const result = await run(
        `${proxy.url}${prefix}`,
        ALL_CASES.filter((c) => TENANT_CASES.includes(c.id)),
        // links-self judges a choice of the contract (C15): a failure only under --strict.
        true,
      );
      const byId = new Map(result.verdicts.map((v) => [v.id, v]));
      expect(byId.get('operations.links-self')?.status).toBe('failed');
      expect(byId.get('operations.links-self')?.reason).toMatch(/_Links\.Self is .*, not at /);
      expect(byId.get('deliveries.payload-shape')?.status).toBe('failed');
      expect(byId.get('deliveries.payload-shape')?.reason).toMatch(/ContextIdentifier is /);
    } finally {
      await proxy.close();
    }
  }, 60_000);
});
