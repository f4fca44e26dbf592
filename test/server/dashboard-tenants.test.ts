// The dashboard shows any tenant: a picker lists the default tenant and the open ones,
// `/?tenant=Cust12345` renders that tenant's webhooks, deliveries, inbox records and API
// calls, its live feed follows that tenant only, and an unknown tenant is a 404.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server.js';
import { BASIC } from '../support/spawn-server.js';
import { sseReader } from '../support/web-test-kit.js';

let server: RunningServer;

beforeEach(async () => {
  server = await startServer({ port: 0, host: '127.0.0.1', db: ':memory:', verifyTargets: false });
});

afterEach(async () => {
  await server?.close();
});

async function saveIn(prefix: string, name: string): Promise<void> {
  const answer = await fetch(`${server.url}${prefix}/api/v1/Webhook`, {
    method: 'POST',
    headers: { authorization: BASIC, 'content-type': 'application/json' },
    body: JSON.stringify({ Name: name, Events: ['a.b'], TargetUrl: 'https://example.com/h' }),
  });
  expect(answer.status).toBe(200);
}

describe('dashboard per tenant', () => {
  it("renders the tenant's own data and API calls, with a picker of every tenant", async () => {
    await saveIn('/Cust61', 'Only in Cust61');
    await saveIn('', 'Only in the default tenant');
    const page = await (await fetch(`${server.url}/?tenant=cust61`)).text();
    expect(page).toContain('Only in Cust61');
    expect(page).not.toContain('Only in the default tenant');
    expect(page).toContain('<option value="Cust61" selected="">');
    expect(page).toContain('data-api="/Cust61/api/v1"');
    expect(page).toMatch(/id="request-list"[\s\S]*\/Cust61\/api\/v1\/Webhook/);
    const home = await (await fetch(`${server.url}/`)).text();
    expect(home).toContain('Only in the default tenant');
    expect(home).not.toContain('Only in Cust61');
    expect(home).toContain('<option value="Cust61">');
    const unknown = await fetch(`${server.url}/?tenant=Cust62`);
    expect(unknown.status).toBe(404);
  });

  it("streams the tenant's changes and calls, not the default tenant's", async () => {
    await saveIn('/Cust63', 'first');
    const stream = await fetch(`${server.url}/__admin/events?tenant=Cust63`);
    expect(stream.status).toBe(200);
    const events = sseReader(stream.body as ReadableStream<Uint8Array>);
    const joined = await events.next(4);
    expect(joined.map((e) => e.event)).toEqual([
      'webhooks',
      'deliveries',
      'inbox-records',
      'requests',
    ]);
    expect(joined[0]?.data).toContain('first');
    await saveIn('', 'default only');
    await saveIn('/Cust63', 'second');
    const next = await events.next(2);
    expect(next.map((e) => e.event).sort()).toEqual(['request', 'webhook']);
    expect(next.find((e) => e.event === 'webhook')?.data).toContain('second');
    expect(next.find((e) => e.event === 'request')?.data).toContain('/Cust63/api/v1/Webhook');
    await events.cancel();
  });
});
