// The REST surface (docs/sources.md §1a, R1–R10) through app.request() on a memory store seeded from
// fixtures/default.json: 1 "Ticket System Integration" (Active), 2 "CRM sync" (Stopped),
// 3 "Sale won script" (crmscript). Every response is checked against the spec.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultWebhook, MIN_DATE, type WebhookRecord } from '../domain/webhook.js';
import { answerStatus, createTestApp, errorOf, type TestApp } from '../../test/support/test-app.js';

type Linked = WebhookRecord & { _Links: { Self: string; Archive: string } };

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => {
  expect(t.problems).toEqual([]);
});

const NOW = '2026-03-01T12:00:00.000Z';
const NEW_HOOK = {
  Name: 'Contact feed',
  Events: ['contact.created'],
  TargetUrl: 'https://hooks.example.com/superoffice',
  Secret: 'shh',
};

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

describe('GET /api/v1/Webhook/default (R1)', () => {
  it('answers the documented defaults without _Links and stores nothing', async () => {
    const before = structuredClone(t.store.list());
    const response = await t.call('/api/v1/Webhook/default');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await json(response)).toEqual(defaultWebhook());
    expect(t.store.list()).toEqual(before);
  });
});

describe('GET /api/v1/Webhook (R2)', () => {
  const ids = async (query: string) =>
    (await json<WebhookRecord[]>(await t.call(`/api/v1/Webhook${query}`))).map((w) => w.WebhookId);

  it('lists every webhook as a plain array without _Links', async () => {
    const response = await t.call('/api/v1/Webhook');
    expect(response.status).toBe(200);
    const list = await json<Record<string, unknown>[]>(response);
    expect(list.map((w) => w.WebhookId)).toEqual([1, 2, 3]);
    expect(list.every((w) => !('_Links' in w))).toBe(true);
  });

  it('filters by name (whole name, case-insensitive; C20), event and status, combined', async () => {
    expect(await ids('?nameFilter=crm%20SYNC')).toEqual([2]);
    expect(await ids('?nameFilter=SYNC')).toEqual([]);
    expect(await ids('?eventFilter=sale.sold')).toEqual([3]);
    expect(await ids('?statusFilter=Active')).toEqual([1, 3]);
    expect(await ids('?statusFilter=Stopped')).toEqual([2]);
    expect(await ids('?statusFilter=Active&eventFilter=ticket.created')).toEqual([1]);
    expect(await ids('?nameFilter=nothing-like-this')).toEqual([]);
  });

  it('treats statusFilter=Unknown as no filter (docs/sources.md §1a R2)', async () => {
    expect(await ids('?statusFilter=Unknown')).toEqual([1, 2, 3]);
  });

  it('binds query names case-insensitively and the State enum by any case or number (C11)', async () => {
    expect(await ids('?StatusFilter=Stopped&NAMEFILTER=crm%20sync')).toEqual([2]);
    expect(await ids('?statusFilter=stopped')).toEqual([2]);
    expect(await ids('?statusFilter=2')).toEqual([2]);
    expect(await ids('?statusFilter=0')).toEqual([1, 2, 3]);
  });

  it('refuses a State that does not exist with 400', async () => {
    const response = await t.call('/api/v1/Webhook?statusFilter=Sleeping');
    expect(response.status).toBe(400);
    expect((await errorOf(response)).ErrorType).toBe('ArgumentException');
  });
});

describe('POST /api/v1/Webhook (R3)', () => {
  it('creates with 200 (not 201), server-set fields and _Links', async () => {
    const response = await t.call('/api/v1/Webhook', { method: 'POST', body: NEW_HOOK });
    expect(response.status).toBe(200);
    const created = await json<Linked>(response);
    expect(created).toMatchObject({ ...NEW_HOOK, WebhookId: 4, State: 'Active', Type: 'webhook' });
    expect(created.Registered).toBe(NOW);
    expect(created.Updated).toBe(NOW);
    expect(created.RegisteredAssociate?.AssociateId).toBe(5);
    expect(created.UpdatedAssociate?.AssociateId).toBe(5);
    expect(created._Links).toEqual({
      Self: 'http://localhost/api/v1/Webhook/4',
      Archive: 'http://localhost/api/v1/Webhook',
    });
    const { _Links, ...stored } = created;
    expect(t.store.get(4)).toEqual(stored);
    expect(t.store.list()).toHaveLength(4);
  });

  it('pings the target with the test event before storing (docs/sources.md §2c)', async () => {
    await t.call('/api/v1/Webhook', { method: 'POST', body: NEW_HOOK });
    expect(t.sent).toHaveLength(1);
    expect(t.sent[0]?.url).toBe(NEW_HOOK.TargetUrl);
    expect(t.sent[0]?.headers).toMatchObject({
      'X-Hook-Test': 'true',
      'X-SuperOffice-Event': 'test',
    });
  });

  it('ignores read-only fields in the body (C16)', async () => {
    const body = {
      ...NEW_HOOK,
      WebhookId: 0,
      Registered: '2001-01-01T00:00:00Z',
      Updated: '2001-01-01T00:00:00Z',
      RegisteredAssociate: null,
      TotalCalls: 99,
      TotalErrors: 98,
      ConsecutiveErrors: 7,
      LastError: 'forged',
    };
    const created = await json<Linked>(await t.call('/api/v1/Webhook', { method: 'POST', body }));
    expect(created).toMatchObject({ WebhookId: 4, Registered: NOW, Updated: NOW, TotalCalls: 0 });
    expect(created).toMatchObject({ TotalErrors: 0, ConsecutiveErrors: 0, LastError: null });
    expect(created.RegisteredAssociate?.AssociateId).toBe(5);
  });

  it('binds camelCase members and numeric enums and flags like the official client sends (C11)', async () => {
    const body = {
      name: 'camel',
      events: ['person.created'],
      targetUrl: 'https://hooks.example.com/camel',
      state: 2,
      notifyVia: 3,
      notifyWhen: 'firstfailure, DISABLING',
      type: 'WEBHOOK',
    };
    const response = await t.call('/api/v1/Webhook', { method: 'POST', body });
    expect(response.status).toBe(200);
    expect(t.store.get(4)).toMatchObject({
      Name: 'camel',
      Events: ['person.created'],
      TargetUrl: 'https://hooks.example.com/camel',
      State: 'Stopped',
      NotifyVia: 'Email, InApp',
      NotifyWhen: 'FirstFailure, Disabling',
      Type: 'webhook',
    });
  });

  it('stores another plugin name in Type as sent: a plain string in the vendor Swagger (C21)', async () => {
    const body = { ...NEW_HOOK, Type: 'zapier' };
    const response = await t.call('/api/v1/Webhook', { method: 'POST', body });
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ Type: 'zapier' });
    expect(t.store.get(4)?.Type).toBe('zapier');
  });

  it('replaces the webhook a WebhookId above 0 names, and 404s an unknown one (C7)', async () => {
    const saved = await t.call('/api/v1/Webhook', {
      method: 'POST',
      body: { ...NEW_HOOK, WebhookId: 1 },
    });
    expect(saved.status).toBe(200);
    expect(t.store.get(1)?.Name).toBe('Contact feed');
    const before = structuredClone(t.store.list());
    const missing = await t.call('/api/v1/Webhook', {
      method: 'POST',
      body: { ...NEW_HOOK, WebhookId: 77 },
    });
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).ErrorType).toBe('SoNotFoundException');
    expect(t.store.list()).toEqual(before);
  });

  it('applies $select to the answer (C8)', async () => {
    const response = await t.call('/api/v1/Webhook?$select=name', {
      method: 'POST',
      body: NEW_HOOK,
    });
    const created = await json<Linked>(response);
    expect(created.Name).toBe('Contact feed');
    expect(created.TargetUrl).toBeNull();
    expect(created._Links.Self).toBe('http://localhost/api/v1/Webhook/4');
    expect(t.store.get(4)?.TargetUrl).toBe(NEW_HOOK.TargetUrl);
  });
});

describe('GET /api/v1/Webhook/{id} (R4)', () => {
  it('answers the webhook with _Links', async () => {
    const response = await t.call('/api/v1/Webhook/2');
    expect(response.status).toBe(200);
    const found = await json<Linked>(response);
    const { _Links, ...fields } = found;
    expect(fields).toEqual(t.store.get(2));
    expect(_Links.Self).toBe('http://localhost/api/v1/Webhook/2');
  });

  it('matches the path case-insensitively (ASP.NET routing)', async () => {
    const response = await t.call('/API/V1/webhook/1');
    expect(response.status).toBe(200);
    expect((await json<Linked>(response)).Name).toBe('Ticket System Integration');
    expect(t.checked.at(-1)?.operationId).toBe('getWebhook');
  });

  it('answers 404 in the error shape for an unknown id', async () => {
    const response = await t.call('/api/v1/Webhook/99');
    expect(response.status).toBe(404);
    expect(await errorOf(response)).toMatchObject({
      ErrorType: 'SoNotFoundException',
      Message: 'Webhook id 99 not found',
      ErrorSource: 'SuperOffice.Services.Implementation',
    });
  });

  it('answers 400 for an id that is not an integer', async () => {
    const response = await t.call('/api/v1/Webhook/abc');
    expect(response.status).toBe(400);
    expect((await errorOf(response)).ErrorType).toBe('ArgumentException');
  });
});

describe('$select (C8)', () => {
  it('keeps the named fields, nulls reference fields and defaults value fields', async () => {
    const found = await json<Linked>(await t.call('/api/v1/Webhook/1?$select=NAME,state'));
    expect(found).toEqual({
      ...defaultWebhook(),
      Name: 'Ticket System Integration',
      State: 'Active',
      Events: null,
      Type: null,
      WebhookId: 0,
      Registered: MIN_DATE,
      _Links: {
        Self: 'http://localhost/api/v1/Webhook/1',
        Archive: 'http://localhost/api/v1/Webhook',
      },
    });
  });

  it('counts only the first segment of a/b and ignores unknown names', async () => {
    const found = await json<Linked>(
      await t.call('/api/v1/Webhook/1?$select=Headers/X-Service-Key,nosuchfield'),
    );
    expect(found.Headers).toEqual(t.store.get(1)?.Headers);
    expect(found.Name).toBeNull();
    expect(found.State).toBe('Unknown');
    expect(found.TotalCalls).toBe(0);
  });

  it('takes the parameter name in any case', async () => {
    const found = await json<Linked>(await t.call('/api/v1/Webhook/1?$SELECT=Secret'));
    expect(found.Secret).toBe('sk_live_a1b2c3d4e5f6g7h8i9j0');
    expect(found.Name).toBeNull();
  });
});

describe('PUT /api/v1/Webhook/{id} (R5)', () => {
  it('replaces the webhook, keeping identity and history', async () => {
    await t.clock.advance(60_000);
    const response = await t.call('/api/v1/Webhook/1', {
      method: 'PUT',
      body: { ...NEW_HOOK, WebhookId: 2, State: 'Stopped' },
    });
    expect(response.status).toBe(200);
    const saved = await json<Linked>(response);
    expect(saved).toMatchObject({ ...NEW_HOOK, WebhookId: 1, State: 'Stopped' });
    expect(saved.Registered).toBe(NOW);
    expect(saved.Updated).toBe('2026-03-01T12:01:00.000Z');
    // Replace, not merge: what the body leaves out takes the default again.
    expect(saved.Headers).toBeNull();
    expect(saved.Description).toBeNull();
    expect(saved._Links.Self).toBe('http://localhost/api/v1/Webhook/1');
    expect(t.store.get(1)).toMatchObject({ Name: 'Contact feed', State: 'Stopped' });
    expect(t.store.get(2)?.Name).toBe('CRM sync');
  });

  it('answers 404 for an unknown id and stores nothing (C6)', async () => {
    const before = structuredClone(t.store.list());
    const response = await t.call('/api/v1/Webhook/99', { method: 'PUT', body: NEW_HOOK });
    expect(response.status).toBe(404);
    expect((await errorOf(response)).ErrorType).toBe('SoNotFoundException');
    expect(t.store.list()).toEqual(before);
  });
});

describe('DELETE /api/v1/Webhook/{id} (R6)', () => {
  it('answers 204 without a body, then GET is 404', async () => {
    const response = await t.call('/api/v1/Webhook/2', { method: 'DELETE' });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(t.store.get(2)).toBeUndefined();
    expect(t.store.list().map((w) => w.WebhookId)).toEqual([1, 3]);
    expect((await t.call('/api/v1/Webhook/2')).status).toBe(404);
  });

  it('answers 404 for an unknown id (C6)', async () => {
    const response = await t.call('/api/v1/Webhook/99', { method: 'DELETE' });
    expect(response.status).toBe(404);
    expect((await errorOf(response)).ErrorType).toBe('SoNotFoundException');
    expect(t.store.list()).toHaveLength(3);
  });
});

describe('POST /api/v1/Webhook/Test (R8)', () => {
  it('reports a 200 answer as success, sending the test event, and stores no webhook', async () => {
    const before = structuredClone(t.store.list());
    const response = await t.call('/api/v1/Webhook/Test', { method: 'POST', body: NEW_HOOK });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({
      Success: true,
      Message: 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nOK',
    });
    expect(t.sent).toHaveLength(1);
    expect(t.sent[0]?.headers['X-Hook-Test']).toBe('true');
    expect(JSON.parse(t.sent[0]?.body ?? '{}')).toMatchObject({ Event: 'test', PrimaryKey: 0 });
    expect(t.store.list()).toEqual(before);
  });

  it('answers 200 with Success false when the target fails (docs/sources.md §2b)', async () => {
    t.answer = answerStatus(500);
    const response = await t.call('/api/v1/Webhook/Test', { method: 'POST', body: NEW_HOOK });
    expect(response.status).toBe(200);
    const result = await json<{ Success: boolean; Message: string }>(response);
    expect(result.Success).toBe(false);
    expect(result.Message).toMatch(/^HTTP\/1\.1 500 Internal Server Error\r\n/);
  });

  it('reports an insecure TargetUrl without calling it', async () => {
    const body = { ...NEW_HOOK, TargetUrl: 'http://www.example.com' };
    const result = await json(await t.call('/api/v1/Webhook/Test', { method: 'POST', body }));
    expect(result).toEqual({
      Success: false,
      Message: "Webhook TargetUrl must be secure: 'HTTPS:' not found in http://www.example.com",
    });
    expect(t.sent).toEqual([]);
  });
});

describe('POST /api/v1/Webhook/{eventName}/{primaryKey} (R9)', () => {
  it('answers 204, records the signal and delivers it to the listening webhook', async () => {
    const response = await t.call('/api/v1/Webhook/ticket.created/42', {
      method: 'POST',
      body: { name: 'Acme Inc.' },
    });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(t.store.signals().at(-1)).toMatchObject({
      Event: 'ticket.created',
      PrimaryKey: 42,
      Data: { name: 'Acme Inc.' },
      ChangedByAssociateId: 5,
      Matched: [1],
    });
    await t.drain();
    expect(t.sent).toHaveLength(1);
    expect(t.sent[0]?.url).toBe('http://127.0.0.1:3000/__inbox/tickets');
    expect(t.sent[0]?.headers['X-SuperOffice-Event']).toBe('ticket.created');
    expect(JSON.parse(t.sent[0]?.body ?? '{}')).toMatchObject({
      PrimaryKey: 42,
      FieldValues: { name: 'Acme Inc.' },
    });
  });

  it('takes an empty body, and matches no Stopped webhook', async () => {
    const response = await t.call('/api/v1/Webhook/contact.created/7', {
      method: 'POST',
      body: {},
    });
    expect(response.status).toBe(204);
    expect(t.store.signals().at(-1)).toMatchObject({ Matched: [] });
  });

  it('refuses a call without the data body, which the vendor Swagger marks required', async () => {
    const response = await t.call('/api/v1/Webhook/contact.created/7', { method: 'POST' });
    expect(response.status).toBe(400);
    expect(t.store.signals()).toEqual([]);
  });

  it('answers 400 for a primary key that is not an integer', async () => {
    const response = await t.call('/api/v1/Webhook/ticket.created/abc', { method: 'POST' });
    expect(response.status).toBe(400);
    expect(t.store.signals()).toEqual([]);
  });
});

describe('GET /api/v1/Webhook/{id}/LastError (R10)', () => {
  it('answers an empty string before any failure (official client: "or empty string")', async () => {
    const response = await t.call('/api/v1/Webhook/1/LastError');
    expect(response.status).toBe(200);
    expect(await json(response)).toBe('');
  });

  it("answers the last failed delivery's status line, headers and body", async () => {
    t.answer = answerStatus(503, 'down for maintenance');
    await t.call('/api/v1/Webhook/ticket.changed/1', { method: 'POST', body: {} });
    await t.drain();
    expect(t.sent).toHaveLength(3);
    const response = await t.call('/api/v1/webhook/1/lasterror');
    expect(response.status).toBe(200);
    expect(await json(response)).toBe(
      'HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\n\r\ndown for maintenance',
    );
    expect(t.store.get(1)?.LastError).toBe(
      'HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\n\r\ndown for maintenance',
    );
  });

  it('answers 404 for an unknown id (C6)', async () => {
    const response = await t.call('/api/v1/Webhook/99/LastError');
    expect(response.status).toBe(404);
    expect((await errorOf(response)).ErrorType).toBe('SoNotFoundException');
  });
});
