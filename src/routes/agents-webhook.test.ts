// The Agent (RPC) surface, POST /api/v1/Agents/Webhook/<Method> (docs/sources.md §1b, A1–A8),
// through app.request() on a memory store seeded from fixtures/default.json: 1 "Ticket System
// Integration" (Active), 2 "CRM sync" (Stopped), 3 "Sale won script" (crmscript).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultWebhook, type WebhookRecord } from '../domain/webhook.js';
import { answerStatus, createTestApp, errorOf, type TestApp } from '../../test/support/test-app.js';

const AGENT = '/api/v1/Agents/Webhook';
const NOW = '2026-03-01T12:00:00.000Z';
const NEW_HOOK = {
  Name: 'Sale feed',
  Events: ['sale.created'],
  TargetUrl: 'https://hooks.example.com/sales',
};

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => {
  expect(t.problems).toEqual([]);
});

const post = (method: string, body?: unknown) =>
  t.call(`${AGENT}/${method}`, { method: 'POST', ...(body === undefined ? {} : { body }) });

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

describe('CreateDefaultWebhook (A1)', () => {
  it('answers the documented defaults and stores nothing', async () => {
    const response = await post('CreateDefaultWebhook');
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual(defaultWebhook());
    expect(t.store.list()).toHaveLength(3);
  });
});

describe('SaveWebhook (A2)', () => {
  it('creates for WebhookId 0, without _Links, with server-set fields', async () => {
    const response = await post('SaveWebhook', { ...NEW_HOOK, WebhookId: 0 });
    expect(response.status).toBe(200);
    const saved = await json<WebhookRecord>(response);
    expect(saved).toMatchObject({ ...NEW_HOOK, WebhookId: 4, Registered: NOW, Updated: NOW });
    expect(saved).not.toHaveProperty('_Links');
    expect(saved.RegisteredAssociate?.AssociateId).toBe(5);
    expect(t.store.get(4)).toEqual(saved);
    expect(t.sent.map((r) => r.headers['X-Hook-Test'])).toEqual(['true']);
  });

  it('creates when WebhookId is left out', async () => {
    const saved = await json<WebhookRecord>(await post('SaveWebhook', NEW_HOOK));
    expect(saved.WebhookId).toBe(4);
    expect(t.store.list()).toHaveLength(4);
  });

  it('updates for an existing WebhookId, keeping Registered', async () => {
    await t.clock.advance(3_600_000);
    const response = await post('SaveWebhook', { ...NEW_HOOK, WebhookId: 2, State: 'Stopped' });
    expect(response.status).toBe(200);
    const saved = await json<WebhookRecord>(response);
    expect(saved).toMatchObject({ ...NEW_HOOK, WebhookId: 2, State: 'Stopped' });
    expect(saved.Registered).toBe(NOW);
    expect(saved.Updated).toBe('2026-03-01T13:00:00.000Z');
    expect(t.store.get(2)).toEqual(saved);
    expect(t.store.list()).toHaveLength(3);
  });

  it('binds a camelCase body with numeric enums (C11)', async () => {
    const body = { webhookId: 0, name: 'camel', targetUrl: 'https://a.example/x', state: 1 };
    const saved = await json<WebhookRecord>(await post('SaveWebhook', body));
    expect(saved).toMatchObject({ WebhookId: 4, Name: 'camel', State: 'Active' });
  });

  it('answers 404 for a WebhookId that does not exist, storing nothing (C7)', async () => {
    const before = structuredClone(t.store.list());
    const response = await post('SaveWebhook', { ...NEW_HOOK, WebhookId: 42 });
    expect(response.status).toBe(404);
    expect((await errorOf(response)).ErrorType).toBe('SoNotFoundException');
    expect(t.store.list()).toEqual(before);
    expect(t.sent).toEqual([]);
  });
});

describe('DeleteWebhook (A3)', () => {
  it('answers 204 and removes the webhook (?WebhookId= as the client sends it)', async () => {
    const response = await t.call(`${AGENT}/DeleteWebhook?WebhookId=2`, { method: 'POST' });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(t.store.get(2)).toBeUndefined();
    expect(t.store.list().map((w) => w.WebhookId)).toEqual([1, 3]);
  });

  it('binds the parameter name in any case', async () => {
    const response = await t.call(`${AGENT}/DeleteWebhook?webhookid=1`, { method: 'POST' });
    expect(response.status).toBe(204);
    expect(t.store.get(1)).toBeUndefined();
  });

  it('answers 204 for an unknown id and changes nothing (C5)', async () => {
    const before = structuredClone(t.store.list());
    const response = await t.call(`${AGENT}/DeleteWebhook?WebhookId=99`, { method: 'POST' });
    expect(response.status).toBe(204);
    expect(t.store.list()).toEqual(before);
  });

  it('answers 400 without a WebhookId', async () => {
    const response = await t.call(`${AGENT}/DeleteWebhook`, { method: 'POST' });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).ErrorType).toBe('ArgumentException');
    expect(t.store.list()).toHaveLength(3);
  });
});

describe('GetWebhook (A4)', () => {
  it.each(['webhookId', 'WebhookId'])('answers the webhook for ?%s=, without _Links', async (n) => {
    const response = await t.call(`${AGENT}/GetWebhook?${n}=1`, { method: 'POST' });
    expect(response.status).toBe(200);
    const found = await json<WebhookRecord>(response);
    expect(found).toEqual(t.store.get(1));
    expect(found).not.toHaveProperty('_Links');
  });

  it('answers 200 null for an unknown id (C4)', async () => {
    const response = await t.call(`${AGENT}/GetWebhook?webhookId=99`, { method: 'POST' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('null');
  });

  it('applies $select (C8)', async () => {
    const path = `${AGENT}/GetWebhook?webhookId=2&$select=Name,NotifyVia`;
    const found = await json<WebhookRecord>(await t.call(path, { method: 'POST' }));
    expect(found).toMatchObject({ WebhookId: 0, Name: 'CRM sync', NotifyVia: 'Email' });
    expect(found).toMatchObject({ State: 'Unknown', Type: null, Events: null, NotifyWhen: 'None' });
  });
});

describe('GetAllWebhooks (A5)', () => {
  const ids = async (body?: unknown) =>
    (await json<WebhookRecord[]>(await post('GetAllWebhooks', body))).map((w) => w.WebhookId);

  it('lists everything with empty filters', async () => {
    expect(await ids({})).toEqual([1, 2, 3]);
    expect(await ids({ NameFilter: null, EventFilter: null, StatusFilter: null })).toEqual([
      1, 2, 3,
    ]);
  });

  it('filters by NameFilter, EventFilter and StatusFilter, combined', async () => {
    expect(await ids({ NameFilter: 'ticket system INTEGRATION' })).toEqual([1]);
    // "Only return hooks with this name" (official client): a part of a name matches nothing.
    expect(await ids({ NameFilter: 'ticket' })).toEqual([]);
    expect(await ids({ EventFilter: 'contact.changed' })).toEqual([2]);
    expect(await ids({ StatusFilter: 'Active' })).toEqual([1, 3]);
    expect(await ids({ StatusFilter: 'Active', EventFilter: 'sale.sold' })).toEqual([3]);
    expect(await ids({ NameFilter: 'Ticket System Integration', StatusFilter: 'Stopped' })).toEqual(
      [],
    );
  });

  it('refuses a call without its request body, which the vendor marks required', async () => {
    const response = await post('GetAllWebhooks');
    expect(response.status).toBe(400);
    expect(await json(response)).toMatchObject({ ErrorType: 'ArgumentException' });
  });

  it('treats StatusFilter Unknown as no filter', async () => {
    expect(await ids({ StatusFilter: 'Unknown' })).toEqual([1, 2, 3]);
  });

  it('binds camelCase members and a numeric StatusFilter (C11)', async () => {
    expect(await ids({ statusFilter: 2 })).toEqual([2]);
    expect(await ids({ nameFilter: 'SALE WON SCRIPT', statusFilter: 'active' })).toEqual([3]);
  });

  it('applies $select to every item', async () => {
    const response = await t.call(`${AGENT}/GetAllWebhooks?$select=name`, {
      method: 'POST',
      body: {},
    });
    const list = await json<WebhookRecord[]>(response);
    expect(list.map((w) => w.Name)).toEqual([
      'Ticket System Integration',
      'CRM sync',
      'Sale won script',
    ]);
    expect(list.every((w) => w.TargetUrl === null && w.WebhookId === 0)).toBe(true);
  });
});

describe('TestWebhook (A6)', () => {
  it('tests the wrapped definition and stores nothing', async () => {
    const before = structuredClone(t.store.list());
    const response = await post('TestWebhook', { Webhook: NEW_HOOK });
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ Success: true });
    expect(t.sent).toHaveLength(1);
    expect(t.sent[0]).toMatchObject({ url: NEW_HOOK.TargetUrl });
    expect(t.sent[0]?.headers).toMatchObject({
      'X-Hook-Test': 'true',
      'X-SuperOffice-Event': 'test',
    });
    expect(t.store.list()).toEqual(before);
  });

  it('binds the camelCase wrapper the official client sends', async () => {
    const response = await post('TestWebhook', { webhook: { targetUrl: NEW_HOOK.TargetUrl } });
    expect(response.status).toBe(200);
    expect(t.sent[0]?.url).toBe(NEW_HOOK.TargetUrl);
  });

  it('reports a failing target in the body with 200', async () => {
    t.answer = answerStatus(404, 'no such hook');
    const result = await json<{ Success: boolean; Message: string }>(
      await post('TestWebhook', { Webhook: NEW_HOOK }),
    );
    expect(result.Success).toBe(false);
    expect(result.Message).toBe(
      'HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\n\r\nno such hook',
    );
  });

  it('answers success for a crmscript definition without calling anything', async () => {
    const body = { Webhook: { Type: 'crmscript', TargetUrl: 'SaleWonHandler' } };
    const result = await json<{ Success: boolean }>(await post('TestWebhook', body));
    expect(result.Success).toBe(true);
    expect(t.sent).toEqual([]);
  });

  it('answers 400 for an unwrapped definition', async () => {
    const response = await post('TestWebhook', NEW_HOOK);
    expect(response.status).toBe(400);
    expect((await errorOf(response)).Message).toContain("'Webhook'");
    expect(t.sent).toEqual([]);
  });
});

describe('SignalEvent (A7)', () => {
  it('answers 204, records the signal and delivers to the listener', async () => {
    const body = { EventName: 'ticket.changed', PrimaryKey: 952, Data: { status: 'closed' } };
    const response = await post('SignalEvent', body);
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(t.store.signals()).toHaveLength(1);
    expect(t.store.signals()[0]).toMatchObject({
      Event: 'ticket.changed',
      PrimaryKey: 952,
      Data: { status: 'closed' },
      Matched: [1],
    });
    await t.drain();
    expect(t.sent).toHaveLength(1);
    expect(t.sent[0]?.headers['X-SuperOffice-Event']).toBe('ticket.changed');
    expect(t.store.get(1)).toMatchObject({ TotalCalls: 1, TotalErrors: 0 });
  });

  it('binds camelCase members and defaults PrimaryKey and Data', async () => {
    expect((await post('SignalEvent', { eventName: 'sale.sold' })).status).toBe(204);
    expect(t.store.signals()[0]).toMatchObject({
      Event: 'sale.sold',
      PrimaryKey: 0,
      Data: null,
      Matched: [3],
    });
  });

  it('answers 400 for an event name with a comma, recording nothing', async () => {
    const response = await post('SignalEvent', { EventName: 'a,b' });
    expect(response.status).toBe(400);
    expect(t.store.signals()).toEqual([]);
  });
});

describe('GetLastError (A8)', () => {
  it('answers an empty string for a webhook without errors (official client)', async () => {
    const response = await post('GetLastError', { WebhookId: 1 });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('""');
  });

  it('answers null for an unknown id (C4)', async () => {
    const response = await post('GetLastError', { WebhookId: 99 });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('null');
  });

  it('accepts $select, which the vendor lists, and still answers the text', async () => {
    const response = await t.call(`${AGENT}/GetLastError?$select=Name`, {
      method: 'POST',
      body: { WebhookId: 1 },
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('""');
  });

  it("answers the webhook's LastError text", async () => {
    t.answer = answerStatus(500, 'boom');
    await post('SignalEvent', { EventName: 'ticket.created', PrimaryKey: 1 });
    await t.drain();
    const response = await post('GetLastError', { webhookId: 1 });
    expect(response.status).toBe(200);
    expect(await json(response)).toBe(
      'HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\n\r\nboom',
    );
    // One failed cycle of three attempts (docs/sources.md §3d; counters per retry-policy.ts).
    expect(t.store.get(1)).toMatchObject({ ConsecutiveErrors: 1, TotalErrors: 3, TotalCalls: 3 });
  });
});
