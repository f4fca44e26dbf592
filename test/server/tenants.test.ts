// SuperOffice Online addresses a customer as https://<host>/Cust12345/api/v1/… (docs/sources.md §0.3).
// The official client, configured with such a base URL, works against the mock, and each tenant
// has its own store: what one tenant saves, another never sees, and a tenant's deliveries name
// it in ContextIdentifier.
import { request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import type * as WebApiSdk from '@superoffice/webapi' with { 'resolution-mode': 'require' };
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../src/library/wait.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { BASIC, tempDir } from '../support/spawn-server.js';

const sdk = createRequire(import.meta.url)('@superoffice/webapi') as typeof WebApiSdk;
const { WebApi, WebhookState } = sdk;

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ port: 0, host: '127.0.0.1', db: ':memory:' });
});

afterAll(async () => {
  await server?.close();
});

/** A WebhookAgent for the Online-style base URL of `tenant`. */
function agentFor(tenant: string) {
  const api = new WebApi(`${server.url}/${tenant}/api/`);
  api.authenticateWithPassword('tje0', 'Tje0');
  return api.getWebhookAgent();
}

async function names(tenant: string): Promise<string[]> {
  const all = await agentFor(tenant).getAllWebhooksAsync('', '', WebhookState.Unknown);
  return all.map((w) => w.name ?? '');
}

describe('tenants under /<CustNNNN>/api/ with the official client', () => {
  it('keeps two tenants disjoint, each seeded from the fixture, and apart from the default', async () => {
    const seeded = await names('Cust10001');
    expect(seeded).toContain('Ticket System Integration');

    for (const [tenant, name] of [
      ['Cust10001', 'Only in 10001'],
      ['Cust20002', 'Only in 20002'],
    ] as const) {
      const agent = agentFor(tenant);
      const blank = await agent.createDefaultWebhookAsync();
      blank.name = name;
      blank.events = ['contact.created'];
      blank.targetUrl = `${server.url}/__inbox/${tenant.toLowerCase()}`;
      blank.secret = `secret-${tenant}`;
      const saved = await agent.saveWebhookAsync(blank);
      expect(saved.webhookId).toBe(seeded.length + 1); // ids are per tenant
    }

    expect(await names('Cust10001')).toContain('Only in 10001');
    expect(await names('Cust10001')).not.toContain('Only in 20002');
    expect(await names('Cust20002')).toContain('Only in 20002');
    expect(await names('Cust20002')).not.toContain('Only in 10001');
    const plain = await fetch(`${server.url}/api/v1/Webhook`, {
      headers: { authorization: BASIC },
    });
    const defaults = (await plain.json()) as Array<{ Name: string }>;
    expect(defaults.map((w) => w.Name)).not.toContain('Only in 10001');
    expect(defaults.map((w) => w.Name)).not.toContain('Only in 20002');
  });

  it("names the tenant in a delivery's ContextIdentifier, signed with that tenant's secret", async () => {
    await agentFor('Cust20002').signalEventAsync('contact.created', 42, { name: 'Acme' });
    const record = await waitFor(
      'inbox record',
      (r) => r.Inbox === 'cust20002' && r.Event === 'contact.created',
      () => server.inbox.list(),
      (on) => server.inbox.subscribe(on),
    );
    expect(JSON.parse(record.Body)).toMatchObject({
      ContextIdentifier: 'Cust20002',
      PrimaryKey: 42,
    });
    expect(record).toMatchObject({ Signature: 'verified', Tenant: 'Cust20002' });
    expect(server.inbox.list('cust10001').some((r) => r.Event === 'contact.created')).toBe(false);
  });

  it('writes _Links under the tenant, matches the prefix in any case, and asks credentials first', async () => {
    const response = await fetch(`${server.url}/cust10001/api/v1/Webhook/1`, {
      headers: { authorization: BASIC },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { _Links: { Self: string } };
    expect(body._Links.Self).toBe(`${server.url}/Cust10001/api/v1/Webhook/1`);

    const anonymous = await fetch(`${server.url}/Cust30003/api/v1/Webhook`);
    expect(anonymous.status).toBe(401);
    expect(server.tenants.has('Cust30003')).toBe(false);
    const notTenant = await fetch(`${server.url}/Acme1/api/v1/Webhook`, {
      headers: { authorization: BASIC },
    });
    expect(notTenant.status).toBe(404);
  });
});

describe('tenant stores', () => {
  it('keeps each tenant in its own file beside --db, and finds it again after a restart', async () => {
    const temp = await tempDir('tenants');
    const db = join(temp.dir, 'webhooks.json');
    const save = (url: string) =>
      fetch(`${url}/Cust7/api/v1/Webhook`, {
        method: 'POST',
        headers: { authorization: BASIC, 'content-type': 'application/json' },
        body: JSON.stringify({ Name: 'Kept', Events: ['a.b'], TargetUrl: 'https://x.example' }),
      });
    try {
      const first = await startServer({ port: 0, db, verifyTargets: false });
      expect((await save(first.url)).status).toBe(200);
      await first.close();
      expect(existsSync(join(temp.dir, 'webhooks.Cust7.json'))).toBe(true);

      const second = await startServer({ port: 0, db });
      try {
        const list = await fetch(`${second.url}/Cust7/api/v1/Webhook?nameFilter=Kept`, {
          headers: { authorization: BASIC },
        });
        expect(((await list.json()) as unknown[]).length).toBe(1);
        const plain = await fetch(`${second.url}/api/v1/Webhook?nameFilter=Kept`, {
          headers: { authorization: BASIC },
        });
        expect(await plain.json()).toEqual([]);
      } finally {
        await second.close();
      }
    } finally {
      await temp.remove();
    }
  });

  it('opens at most limits.maxTenants tenants; beyond, 400 in the error shape', async () => {
    const small = await startServer({ port: 0, db: ':memory:', limits: { maxTenants: 1 } });
    try {
      const get = (tenant: string) =>
        fetch(`${small.url}/${tenant}/api/v1/Webhook`, { headers: { authorization: BASIC } });
      expect((await get('Cust1')).status).toBe(200);
      const refused = await get('Cust2');
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({
        Error: true,
        ErrorType: 'SoTenantLimitException',
      });
      expect((await get('Cust1')).status).toBe(200);
    } finally {
      await small.close();
    }
  });

  it("reads a tenant's body as the default app does: chunked, whole, malformed or too large", async () => {
    const small = await startServer({ port: 0, db: ':memory:', limits: { maxBodyBytes: 4096 } });
    /** A POST whose body goes out in chunks with no Content-Length, as a streaming client's. */
    const chunked = (path: string, parts: string[]) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest(`${small.url}${path}`, {
          method: 'POST',
          headers: { authorization: BASIC, 'content-type': 'application/json' },
        });
        req.on('response', (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        for (const part of parts) req.write(part);
        req.end();
      });
    const count = async () => {
      const all = await fetch(`${small.url}/Cust7/api/v1/Webhook`, {
        headers: { authorization: BASIC },
      });
      return ((await all.json()) as unknown[]).length;
    };
    try {
      const before = await count();
      const hook = JSON.stringify({
        Name: 'Chunked',
        Events: ['contact.created'],
        TargetUrl: `${small.url}/__inbox/chunked`,
        Type: 'webhook',
      });
      const saved = await chunked('/Cust7/api/v1/Webhook', [hook.slice(0, 10), hook.slice(10)]);
      expect(saved.status, saved.body).toBe(200);
      expect(JSON.parse(saved.body)).toMatchObject({ Name: 'Chunked' });
      expect(await count()).toBe(before + 1);

      const malformed = await chunked('/Cust7/api/v1/Webhook', ['{"Name": ', '"x"']);
      expect(malformed.status).toBe(400);
      expect(JSON.parse(malformed.body)).toMatchObject({ Error: true });
      const large = await chunked('/Cust7/api/v1/Webhook', ['{"Name": "', 'x'.repeat(5000), '"}']);
      expect(large.status).toBe(413);
      expect(JSON.parse(large.body)).toMatchObject({ Error: true });
      expect(await count()).toBe(before + 1);
    } finally {
      await small.close();
    }
  });
});
