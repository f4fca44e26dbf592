// The suite judges a tenant's address (`https://sod.superoffice.com/Cust12345`) as it judges a
// root: every case passes against one of the mock's tenants, and a gateway that serves a tenant's
// path from a single-tenant server (links without the prefix, deliveries naming another
// customer) is caught by the two cases that know what a tenant's answers carry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/server.js';
import { ALL_CASES } from './cases/index.js';
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

let server: RunningServer;
beforeAll(async () => {
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

const run = (target: string, cases = ALL_CASES.filter((c) => !c.slow)) =>
  runConformance({
    target,
    credentials: CREDENTIALS,
    cases,
    handleSignals: false,
    timeScale: 0.01,
    strict: true,
    seed: 1,
  });

describe('a tenant as the target', () => {
  it('passes every case against the mock at /Cust12345', async () => {
    const result = await run(`${server.url}/${TENANT}`);
    const notPassed = result.verdicts.filter(
      (v) => v.status !== 'passed' && v.status !== 'skipped',
    );
    expect(notPassed.map((v) => `${v.id}: ${v.reason ?? ''}`)).toEqual([]);
    const passed = new Set(result.verdicts.filter((v) => v.status === 'passed').map((v) => v.id));
    for (const id of TENANT_CASES) expect(passed).toContain(id);
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
