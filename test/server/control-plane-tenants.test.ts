// The control plane sees every tenant: each admin route takes `?tenant=CustNNNN` (an unknown
// tenant is a 404, never the default tenant's data), a reset restores exactly the fixture
// (its ids included) for that tenant alone and clears its deliveries and inbox records, and
// the inbox names the tenant whose webhook signed a delivery even when tenants share ids.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboxRecord } from '../../src/inbox/inbox.js';
import { waitFor } from '../../src/library/wait.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { BASIC } from '../support/spawn-server.js';

let server: RunningServer;

beforeEach(async () => {
  server = await startServer({ port: 0, host: '127.0.0.1', db: ':memory:', timeScale: 0.001 });
});

afterEach(async () => {
  await server?.close();
});

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${server.url}${path}`, {
    ...init,
    headers: { authorization: BASIC, 'content-type': 'application/json', ...init.headers },
  });

const admin = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, init);

async function saveHook(prefix: string, name: string, inbox: string): Promise<number> {
  const answer = await api(`${prefix}/api/v1/Webhook`, {
    method: 'POST',
    body: JSON.stringify({
      Name: name,
      Events: ['contact.created'],
      TargetUrl: `${server.url}/__inbox/${inbox}`,
      Secret: 'shared-secret-of-both-tenants',
    }),
  });
  expect(answer.status).toBe(200);
  return ((await answer.json()) as { WebhookId: number }).WebhookId;
}

async function ids(prefix = ''): Promise<number[]> {
  const answer = await api(`${prefix}/api/v1/Webhook`);
  const list = (await answer.json()) as Array<{ WebhookId: number }>;
  return list.map((w) => w.WebhookId);
}

describe('admin routes scoped by ?tenant=', () => {
  it('answers an unknown tenant with a 404 error body, never the default data', async () => {
    for (const path of [
      '/__admin/deliveries?tenant=Cust404',
      '/__admin/signals?tenant=Cust404',
      '/__admin/outbox?tenant=Cust404',
      '/__admin/deliveries/1?tenant=Cust404',
      '/__admin/deliveries?tenant=nobody',
    ]) {
      const answer = await admin(path);
      expect(answer.status, path).toBe(404);
      expect(await answer.json(), path).toMatchObject({ Error: true });
    }
    const reset = await admin('/__admin/reset?tenant=Cust404', { method: 'POST' });
    expect(reset.status).toBe(404);
  });

  it("lists a tenant's deliveries and signals, each delivery naming its tenant", async () => {
    const id = await saveHook('/Cust1', 'tenant hook', 'one');
    const signal = await api('/Cust1/api/v1/Webhook/contact.created/7', {
      method: 'POST',
      body: '{}',
    });
    expect(signal.status).toBe(204);
    const tenant = (await (await admin('/__admin/deliveries?tenant=cust1')).json()) as Array<{
      WebhookId: number;
      Tenant: string;
    }>;
    expect(tenant.some((d) => d.WebhookId === id)).toBe(true);
    expect(new Set(tenant.map((d) => d.Tenant))).toEqual(new Set(['Cust1']));
    const fallback = (await (await admin('/__admin/deliveries')).json()) as Array<{
      Tenant: string;
    }>;
    expect(fallback.every((d) => d.Tenant === 'Default')).toBe(true);
    const tenants = (await (await admin('/__admin/tenants')).json()) as Array<{ Tenant: string }>;
    expect(tenants.map((t) => t.Tenant)).toEqual(['Default', 'Cust1']);
    const signals = (await (await admin('/__admin/signals?tenant=Cust1')).json()) as unknown[];
    expect(signals).toHaveLength(1);
    expect(await (await admin('/__admin/signals')).json()).toEqual([]);
  });

  it('names the signing tenant in the inbox when two tenants share a webhook id and secret', async () => {
    const defaultId = await saveHook('', 'default hook', 'shared');
    const tenantId = await saveHook('/Cust2', 'tenant hook', 'shared');
    expect(tenantId).toBe(defaultId);
    await api('/Cust2/api/v1/Webhook/contact.created/9', { method: 'POST', body: '{}' });
    const delivered = await waitFor(
      'inbox record',
      (r: InboxRecord) => r.Event === 'contact.created',
      () => server.inbox.list('shared'),
      (on) => server.inbox.subscribe(on),
    );
    expect(delivered).toMatchObject({ Tenant: 'Cust2', WebhookId: tenantId });
    const scoped = (await (await admin('/__admin/inbox/shared?tenant=Cust2')).json()) as Array<{
      Tenant: string;
    }>;
    expect(scoped.length).toBeGreaterThan(0);
    expect(scoped.every((r) => r.Tenant === 'Cust2')).toBe(true);
    const cleared = await admin('/__admin/inbox?tenant=Cust2', { method: 'DELETE' });
    expect(cleared.status).toBe(204);
    expect(server.inbox.list('shared').some((r) => r.Tenant === 'Cust2')).toBe(false);
    expect(server.inbox.list('shared').some((r) => r.Tenant === 'Default')).toBe(true);
    expect((await admin('/__admin/inbox?tenant=Cust404', { method: 'DELETE' })).status).toBe(404);
  });
});

describe('POST /__admin/reset', () => {
  it("restores the fixture's ids and continues the sequence as a fresh load does", async () => {
    const fresh = await ids();
    expect(fresh.slice(0, 3)).toEqual([1, 2, 3]);
    await saveHook('', 'extra', 'x');
    await api('/api/v1/Webhook/1', { method: 'DELETE' });
    const reset = await admin('/__admin/reset', { method: 'POST' });
    expect(reset.status).toBe(200);
    expect(await ids()).toEqual(fresh);
    expect(await saveHook('', 'after', 'x')).toBe(fresh.length + 1);
  });

  it("clears that tenant's deliveries and inbox records and leaves the others alone", async () => {
    await saveHook('', 'default hook', 'both');
    await saveHook('/Cust3', 'tenant hook', 'both');
    await api('/Cust3/api/v1/Webhook/contact.created/1', { method: 'POST', body: '{}' });
    await api('/api/v1/Webhook/contact.created/1', { method: 'POST', body: '{}' });
    await server.dispatcher.idle();
    const tenant = await server.tenants.get('Cust3');
    await tenant.dispatcher.idle();
    const reset = await admin('/__admin/reset?tenant=Cust3', { method: 'POST' });
    expect(reset.status).toBe(200);
    expect(await reset.json()).toMatchObject({ tenant: 'Cust3', fixture: 'default' });
    expect(await (await admin('/__admin/deliveries?tenant=Cust3')).json()).toEqual([]);
    expect(server.inbox.list('both').some((r) => r.Tenant === 'Cust3')).toBe(false);
    expect(server.inbox.list('both').some((r) => r.Tenant === 'Default')).toBe(true);
    expect(
      ((await (await admin('/__admin/deliveries')).json()) as unknown[]).length,
    ).toBeGreaterThan(0);
    expect(await ids('/Cust3')).toEqual(await ids('/Cust4'));
  });

  it('loads the fixture a JSON body names', async () => {
    const reset = await admin('/__admin/reset', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fixture: 'empty' }),
    });
    expect(reset.status).toBe(200);
    expect(await reset.json()).toMatchObject({ fixture: 'empty', webhooks: 0 });
    expect(await ids()).toEqual([]);
  });

  it.each([
    ['an unknown fixture', '{"fixture":"no-such-fixture"}'],
    ['a malformed body', '{"fixture":'],
    ['a body that is not an object', '["empty"]'],
    ['a fixture that is not a string', '{"fixture":7}'],
    ['an unknown field', '{"fixtur":"empty"}'],
  ])('refuses %s with a 400 and keeps the store', async (_, body) => {
    const before = await ids();
    const reset = await admin('/__admin/reset', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(reset.status).toBe(400);
    expect(await reset.json()).toMatchObject({ Error: true });
    expect(await ids()).toEqual(before);
  });
});
