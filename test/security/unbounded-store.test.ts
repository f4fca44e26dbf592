// Finding: nothing limited how much a client could store: any number of webhooks, and a 1 MiB
// `Properties` saved fine; 60 000 unknown JSON keys produced an error answer 12 times the
// request's size. Now the store limits of src/platform/limits.ts refuse more in the
// SuperOffice error shape with nothing half-stored, and error answers are bounded.
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_ERROR_MESSAGE } from '../../src/http/api-error.js';
import { createMockApp, type MockApp, type MockAppOptions } from '../../src/library/mock-app.js';
import { DEFAULT_LIMITS } from '../../src/platform/limits.js';
import { BASIC } from '../support/test-app.js';

let app: MockApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function mock(options: MockAppOptions = {}): Promise<MockApp> {
  app = await createMockApp({ verifyTargets: false, ...options });
  return app;
}

const json = { authorization: BASIC, 'content-type': 'application/json' };
const hook = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    Name: 'limits',
    Events: ['contact.created'],
    TargetUrl: 'https://receiver.example/hook',
    ...extra,
  });
const create = (m: MockApp, body = hook()) =>
  m.request('/api/v1/Webhook', { method: 'POST', headers: json, body });
const count = async (m: MockApp, prefix = '') => {
  const list = await m.request(`${prefix}/api/v1/Webhook`, { headers: { authorization: BASIC } });
  return ((await list.json()) as unknown[]).length;
};
/** How many webhooks the start-up fixture holds. */
async function fixtureCount(): Promise<number> {
  const fresh = await createMockApp({ verifyTargets: false });
  try {
    return await count(fresh);
  } finally {
    await fresh.close();
  }
}

describe('bytes per webhook', () => {
  const big = { Properties: { blob: 'x'.repeat(DEFAULT_LIMITS.maxWebhookBytes) } };

  it('a create larger than a webhook may be is a 413 and stores nothing', async () => {
    const m = await mock();
    const before = await count(m);
    const answer = await create(m, hook(big));
    expect(answer.status).toBe(413);
    expect(await answer.json()).toMatchObject({
      Error: true,
      ErrorType: 'PayloadTooLargeException',
    });
    expect(await count(m)).toBe(before);
  });

  it('so is a PATCH or an Agent save that grows one past it; the webhook stays as it was', async () => {
    const m = await mock();
    const before = await (await m.request('/api/v1/Webhook/1', { headers: json })).text();
    const patched = await m.request('/api/v1/Webhook/1', {
      method: 'PATCH',
      headers: json,
      body: JSON.stringify([{ op: 'add', path: '/Properties', value: big.Properties }]),
    });
    expect(patched.status).toBe(413);
    const saved = await m.request('/api/v1/Agents/Webhook/SaveWebhook', {
      method: 'POST',
      headers: json,
      body: hook({ WebhookId: 1, ...big }),
    });
    expect(saved.status).toBe(413);
    expect(await (await m.request('/api/v1/Webhook/1', { headers: json })).text()).toBe(before);
  });
});

describe('webhooks per tenant', () => {
  it('one more than the limit is a 400; a delete makes room again', async () => {
    const m = await mock({ limits: { maxWebhooksPerTenant: (await fixtureCount()) + 2 } });
    expect((await create(m)).status).toBe(200);
    expect((await create(m)).status).toBe(200);
    const refused = await create(m);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ Error: true, ErrorType: 'ArgumentException' });
    const full = await count(m);
    const agent = await m.request('/api/v1/Agents/Webhook/SaveWebhook', {
      method: 'POST',
      headers: json,
      body: hook({ WebhookId: 0 }),
    });
    expect(agent.status).toBe(400);
    expect(await count(m)).toBe(full);
    await m.request('/api/v1/Webhook/1', { method: 'DELETE', headers: json });
    expect((await create(m)).status).toBe(200);
  });

  it('counts per tenant: a full tenant does not stop another', async () => {
    const m = await mock({ limits: { maxWebhooksPerTenant: await fixtureCount() } });
    expect((await create(m)).status).toBe(400);
    const tenant = await m.request('/Cust7001/api/v1/Webhook/1', {
      method: 'DELETE',
      headers: json,
    });
    expect(tenant.status).toBe(204);
    const created = await m.request('/Cust7001/api/v1/Webhook', {
      method: 'POST',
      headers: json,
      body: hook(),
    });
    expect(created.status).toBe(200);
  });
});

describe('tenants per process', () => {
  it('a tenant beyond the limit is a 4xx in the error shape; open ones keep working', async () => {
    const m = await mock({ limits: { maxTenants: 1 } });
    expect((await m.request('/Cust1/api/v1/Webhook', { headers: json })).status).toBe(200);
    const refused = await m.request('/Cust2/api/v1/Webhook', { headers: json });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    expect(await refused.json()).toMatchObject({ ErrorType: 'SoTenantLimitException' });
    expect((await m.request('/Cust1/api/v1/Webhook', { headers: json })).status).toBe(200);
  });
});

describe('error answers', () => {
  const keys = Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`k${i}`, 1]));

  it.each(['application/json', 'application/xml'])(
    'stay small for 60 000 unknown keys (%s)',
    async (accept) => {
      const m = await mock();
      const body = hook(keys);
      const answer = await m.request('/api/v1/Webhook', {
        method: 'POST',
        headers: { ...json, accept },
        body,
      });
      expect(answer.status).toBe(400);
      const text = await answer.text();
      expect(text.length).toBeLessThan(2 * MAX_ERROR_MESSAGE + 1024);
      expect(text.length).toBeLessThan(body.length / 50);
    },
  );
});
