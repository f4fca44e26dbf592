// `Prefer: code= / example= / dynamic=` (RFC 7240, read the way Prism reads it) answers from the
// spec instead of the store: the store and the targets are never touched, and the answer is
// one the spec documents for that operation.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebhookRecord } from '../domain/webhook.js';
import { createTestApp, errorOf, type TestApp } from '../../test/support/test-app.js';

let t: TestApp;
let before: readonly WebhookRecord[];
beforeEach(async () => {
  t = await createTestApp();
  before = structuredClone(t.store.list());
});
afterEach(() => {
  expect(t.problems).toEqual([]);
  expect(t.store.list()).toEqual(before);
  expect(t.store.signals()).toEqual([]);
  expect(t.sent).toEqual([]);
});

const prefer = (value: string) => ({ prefer: value });

describe('Prefer: code', () => {
  it("code=404 on GET answers the spec's 404 example for a webhook that exists", async () => {
    const response = await t.call('/api/v1/Webhook/1', { headers: prefer('code=404') });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      Error: true,
      ErrorType: 'SoNotFoundException',
      ErrorMessage: 'Webhook id 99999 not found',
      ErrorSource: 'SuperOffice.Services.Implementation',
    });
  });

  it('code=409 on PATCH answers the conflict example and applies nothing', async () => {
    const response = await t.call('/api/v1/Webhook/1', {
      method: 'PATCH',
      body: [{ op: 'replace', path: '/State', value: 'Stopped' }],
      headers: { ...prefer('code=409'), 'content-type': 'application/json-patch+json' },
    });
    expect(response.status).toBe(409);
    expect((await errorOf(response)).ErrorType).toBe('SoConflictException');
  });

  it('code=204 on DELETE deletes nothing', async () => {
    const response = await t.call('/api/v1/Webhook/1', {
      method: 'DELETE',
      headers: prefer('code=204'),
    });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });

  it('code=200 on SaveWebhook stores nothing and pings nothing', async () => {
    const response = await t.call('/api/v1/Agents/Webhook/SaveWebhook', {
      method: 'POST',
      body: { Name: 'x', TargetUrl: 'https://a.example/x' },
      headers: prefer('code=200'),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as WebhookRecord).WebhookId).toBe(3);
  });

  it('code=401 answers the challenge header the spec requires', async () => {
    const response = await t.call('/api/v1/Webhook/1', { headers: prefer('code=401') });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(
      'Basic realm="SuperOffice", SOTicket, Bearer',
    );
  });

  it('code=503 on SignalEvent answers the queue-full error with Retry-After, signalling nothing', async () => {
    const response = await t.call('/api/v1/Agents/Webhook/SignalEvent', {
      method: 'POST',
      body: { EventName: 'ticket.created' },
      headers: prefer('code=503'),
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await errorOf(response)).toMatchObject({
      ErrorType: 'SoQueueFullException',
      ErrorSource: 'SuperOffice.WebApi',
    });
  });

  it.each([
    ['GET', '/api/v1/Webhook/1', 406, 'NotAcceptableException'],
    ['POST', '/api/v1/Agents/Webhook/SaveWebhook', 413, 'PayloadTooLargeException'],
    ['POST', '/api/v1/Agents/Webhook/SaveWebhook', 415, 'UnsupportedMediaTypeException'],
  ])('%s %s code=%i answers the error body the server sends', async (method, path, code, type) => {
    const response = await t.call(path, { method, headers: prefer(`code=${code}`) });
    expect(response.status).toBe(code);
    expect((await errorOf(response)).ErrorType).toBe(type);
  });

  it('code=418 is 400 naming the documented codes', async () => {
    const response = await t.call('/api/v1/Webhook/1', { headers: prefer('code=418') });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).Message).toBe(
      'Prefer code=418: getWebhook documents 200, 400, 401, 404, 406.',
    );
  });

  it('code=abc is 400', async () => {
    const response = await t.call('/api/v1/Webhook/1', { headers: prefer('code=abc') });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).Message).toBe('Prefer code=abc is not a status code');
  });

  it('still needs credentials', async () => {
    const response = await t.call('/api/v1/Webhook/1', {
      headers: { ...prefer('code=200'), authorization: '' },
    });
    expect(response.status).toBe(401);
  });
});

describe('Prefer: example and dynamic', () => {
  it('example=<name> answers that example of the spec', async () => {
    const response = await t.call('/api/v1/Webhook/1', { headers: prefer('example=found') });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      WebhookId: 109,
      Name: 'Contact Created Webhook',
      _Links: { Self: 'http://127.0.0.1:3000/api/v1/Webhook/109' },
    });
  });

  it('example=failed on Test answers the failure example without calling a target', async () => {
    const response = await t.call('/api/v1/Webhook/Test', {
      method: 'POST',
      body: { TargetUrl: 'https://a.example/x' },
      headers: prefer('example=failed'),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      Success: false,
      Message: 'connect ECONNREFUSED 127.0.0.1:9',
    });
  });

  it('code and example combine, quoted or not', async () => {
    const response = await t.call('/api/v1/Webhook/1', {
      method: 'PUT',
      body: { TargetUrl: 'https://a.example/x' },
      headers: prefer('code=400, example="missingBody"'),
    });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).Message).toBe(
      'Bad request. Entity to save is not in request body.',
    );
  });

  it('an unknown example is 400', async () => {
    const response = await t.call('/api/v1/Webhook/1', { headers: prefer('example=nope') });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).ErrorType).toBe('ArgumentException');
  });

  it.each([
    ['GET', '/api/v1/Webhook/1'],
    ['GET', '/api/v1/Webhook'],
    ['POST', '/api/v1/Agents/Webhook/CreateDefaultWebhook'],
    ['POST', '/api/v1/Agents/Webhook/GetAllWebhooks'],
    ['GET', '/api/v1/Webhook/1/LastError'],
  ])('dynamic=true on %s %s answers a generated, schema-valid body', async (method, path) => {
    const response = await t.call(path, { method, headers: prefer('dynamic=true') });
    expect(response.status).toBe(200);
    expect(t.checked.at(-1)?.status).toBe(200);
    // Validity is asserted by the onResponse hook (t.problems) in afterEach.
  });

  it('dynamic=false alone is no mock: the store answers', async () => {
    const response = await t.call('/api/v1/Webhook/1', { headers: prefer('dynamic=false') });
    expect(((await response.json()) as WebhookRecord).Name).toBe('Ticket System Integration');
  });
});
