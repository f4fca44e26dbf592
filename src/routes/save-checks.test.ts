// What every save (POST, PUT, PATCH, SaveWebhook) checks before storing (docs/sources.md §2c): an
// https: TargetUrl, and a `test` event the target answers with 200. Nothing is stored when a
// check fails. Every response is checked against the spec.
import { afterEach, describe, expect, it } from 'vitest';
import type { WebhookRecord } from '../domain/webhook.js';
import {
  answerStatus,
  createTestApp,
  errorOf,
  type TestApp,
  type TestAppOptions,
} from '../../test/support/test-app.js';

let t: TestApp;
let before: readonly WebhookRecord[];
async function start(options: TestAppOptions = {}) {
  t = await createTestApp(options);
  before = structuredClone(t.store.list());
}
afterEach(() => {
  expect(t.problems).toEqual([]);
});

const hook = (TargetUrl: string | null, extra: Record<string, unknown> = {}) => ({
  Name: 'Checked',
  Events: ['contact.created'],
  TargetUrl,
  ...extra,
});

const SAVES: Array<[string, string, string]> = [
  ['POST', '/api/v1/Webhook', 'create'],
  ['POST', '/api/v1/Agents/Webhook/SaveWebhook', 'create'],
  ['PUT', '/api/v1/Webhook/1', 'update'],
];

async function refusedSave(method: string, path: string, body: unknown): Promise<string> {
  const response = await t.call(path, { method, body });
  expect(response.status).toBe(400);
  const error = await errorOf(response);
  expect(error).toMatchObject({
    ErrorType: 'ArgumentException',
    ErrorSource: 'SuperOffice.Services.Implementation',
  });
  expect(t.store.list()).toEqual(before);
  return String(error.Message);
}

describe('TargetUrl scheme', () => {
  it.each(SAVES)('%s %s refuses http: with the documented message', async (method, path) => {
    await start();
    const message = await refusedSave(method, path, hook('http://www.example.com'));
    // The official client's fixture (docs/sources.md §2c).
    expect(message).toBe(
      "Webhook TargetUrl must be secure: 'HTTPS:' not found in http://www.example.com",
    );
    expect(t.sent).toEqual([]);
  });

  it.each([
    ['ftp://files.example.com/x', /must be secure/],
    ['not a url', /is not a valid URL/],
    ['', /is required/],
  ])('refuses %j', async (url, message) => {
    await start();
    expect(await refusedSave('POST', '/api/v1/Webhook', hook(url))).toMatch(message);
  });

  it('refuses a missing TargetUrl', async () => {
    await start();
    const message = await refusedSave('POST', '/api/v1/Webhook', hook(null));
    expect(message).toBe('Webhook TargetUrl is required.');
  });

  it.each(['http://127.0.0.1:8080/hook', 'http://localhost/hook', 'http://[::1]:9000/'])(
    'allows the loopback %s so that local receivers work',
    async (url) => {
      await start();
      const response = await t.call('/api/v1/Webhook', { method: 'POST', body: hook(url) });
      expect(response.status).toBe(200);
      expect(t.store.get(4)?.TargetUrl).toBe(url);
      expect(t.sent.map((r) => r.url)).toEqual([url]);
    },
  );

  it('refuses loopback http: too with strict targets', async () => {
    await start({ targets: { strict: true, verify: true } });
    const message = await refusedSave(
      'POST',
      '/api/v1/Webhook',
      hook('http://127.0.0.1:8080/hook'),
    );
    expect(message).toBe(
      "Webhook TargetUrl must be secure: 'HTTPS:' not found in http://127.0.0.1:8080/hook",
    );
  });

  it('needs no URL scheme for a crmscript hook, and pings nothing', async () => {
    await start();
    const body = hook('SaleWonHandler', { Type: 'crmscript' });
    const response = await t.call('/api/v1/Webhook', { method: 'POST', body });
    expect(response.status).toBe(200);
    expect(t.store.get(4)).toMatchObject({ Type: 'crmscript', TargetUrl: 'SaleWonHandler' });
    expect(t.sent).toEqual([]);
  });

  it('still needs a script name for a crmscript hook', async () => {
    await start();
    const message = await refusedSave('POST', '/api/v1/Webhook', hook('  ', { Type: 'crmscript' }));
    expect(message).toBe('Webhook TargetUrl must name the CRMScript to run.');
  });
});

describe('the save-time test event', () => {
  it.each(SAVES)('%s %s: a target answering 500 refuses the %s', async (method, path) => {
    await start();
    t.answer = answerStatus(500);
    const url = 'https://down.example.com/hook';
    const message = await refusedSave(method, path, hook(url));
    expect(message).toMatch(/^Webhook TargetUrl https:\/\/down\.example\.com\/hook did not answer/);
    expect(message).toContain('HTTP/1.1 500');
    expect(t.sent).toHaveLength(1);
    expect(t.sent[0]?.headers).toMatchObject({
      'X-Hook-Test': 'true',
      'X-SuperOffice-Event': 'test',
    });
  });

  it('is signed with the Secret and carries the custom Headers (docs/sources.md §3a)', async () => {
    await start();
    const body = hook('https://a.example/h', { Secret: 's3cret', Headers: { 'X-Tenant': 'acme' } });
    expect((await t.call('/api/v1/Webhook', { method: 'POST', body })).status).toBe(200);
    expect(t.sent[0]?.headers['X-SuperOffice-Signature']).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(t.sent[0]?.headers['X-Tenant']).toBe('acme');
    const payload = JSON.parse(t.sent[0]?.body ?? '{}') as Record<string, unknown>;
    expect(payload).toMatchObject({ Event: 'test', PrimaryKey: 0, WebhookName: 'Checked' });
  });

  it('is logged as a test delivery', async () => {
    await start();
    t.answer = answerStatus(502);
    await refusedSave('POST', '/api/v1/Webhook', hook('https://a.example/h'));
    expect(t.store.deliveries().map((d) => [d.Kind, d.State])).toEqual([['test', 'failed']]);
  });

  it('is not sent for a Stopped webhook, which saves against a dead target', async () => {
    await start();
    t.answer = answerStatus(500);
    const body = hook('https://down.example.com/hook', { State: 'Stopped' });
    const response = await t.call('/api/v1/Webhook', { method: 'POST', body });
    expect(response.status).toBe(200);
    expect(t.store.get(4)?.State).toBe('Stopped');
    expect(t.sent).toEqual([]);
  });

  it('stopping an Active hook with a dead target works (PATCH)', async () => {
    await start();
    t.answer = answerStatus(500);
    const response = await t.call('/api/v1/Webhook/1', {
      method: 'PATCH',
      body: { State: 'Stopped' },
    });
    expect(response.status).toBe(200);
    expect(t.store.get(1)?.State).toBe('Stopped');
    expect(t.sent).toEqual([]);
  });

  it('is skipped with --no-verify-targets', async () => {
    await start({ targets: { strict: false, verify: false } });
    t.answer = answerStatus(500);
    const response = await t.call('/api/v1/Webhook', {
      method: 'POST',
      body: hook('https://down.example.com/hook'),
    });
    expect(response.status).toBe(200);
    expect(t.sent).toEqual([]);
  });

  it('a refused update leaves the stored webhook as it was', async () => {
    await start();
    t.answer = answerStatus(404);
    const body = { ...hook('https://moved.example.com/hook'), WebhookId: 1 };
    await refusedSave('POST', '/api/v1/Agents/Webhook/SaveWebhook', body);
    expect(t.store.get(1)?.TargetUrl).toBe('http://127.0.0.1:3000/__inbox/tickets');
  });
});
