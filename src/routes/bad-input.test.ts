// Bad input is refused with the right 4xx in the SuperOffice error body (spec/README.md C1, C2,
// C12, C17) and never changes the store. Every response is checked against the spec.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebhookRecord } from '../domain/webhook.js';
import {
  createTestApp,
  errorOf,
  specProblems,
  type CallInit,
  type TestApp,
} from '../../test/support/test-app.js';

const MAX_BODY = 512;
let t: TestApp;
let before: readonly WebhookRecord[];
beforeEach(async () => {
  t = await createTestApp({ limits: { maxBodyBytes: MAX_BODY } });
  before = structuredClone(t.store.list());
});
afterEach(() => {
  expect(t.problems).toEqual([]);
  expect(t.store.list()).toEqual(before);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('polluted');
});

const JSON_TYPE = { 'content-type': 'application/json' };
const SAVE = '/api/v1/Agents/Webhook/SaveWebhook';

async function refused(path: string, init: CallInit, status: number, type: string) {
  const response = await t.call(path, init);
  expect(response.status).toBe(status);
  const error = await errorOf(response);
  expect(error.ErrorType).toBe(type);
  return String(error.Message);
}

const badRequest = (path: string, init: CallInit) => refused(path, init, 400, 'ArgumentException');

describe('malformed and mistyped JSON', () => {
  it.each([
    ['POST', SAVE],
    ['POST', '/api/v1/Webhook'],
    ['PUT', '/api/v1/Webhook/1'],
    ['PATCH', '/api/v1/Webhook/1'],
    ['POST', '/api/v1/Agents/Webhook/GetAllWebhooks'],
  ])('%s %s: malformed JSON is 400', async (method, path) => {
    const message = await badRequest(path, { method, body: '{"Name": ', headers: JSON_TYPE });
    expect(message).toMatch(/^The request body is not valid JSON/);
  });

  it('lists every wrong type in one 400, not the first only', async () => {
    const body = { Name: 3, State: 'Sleeping', Events: 'contact.created', Headers: { a: 1 } };
    const message = await badRequest(SAVE, { method: 'POST', body });
    expect(message).toContain('Name');
    expect(message).toContain('State');
    expect(message).toContain('Events');
    expect(message).toContain('Headers');
    expect(message.split('; ').length).toBeGreaterThanOrEqual(4);
  });

  it('refuses unknown fields, naming them (C11)', async () => {
    const body = { Name: 'x', TargetUrl: 'https://a.example', Colour: 'red' };
    expect(await badRequest(SAVE, { method: 'POST', body })).toContain("'Colour'");
    expect(await badRequest('/api/v1/Webhook/1', { method: 'PUT', body })).toContain("'Colour'");
  });

  it('refuses an enum number that names nothing', async () => {
    await badRequest(SAVE, { method: 'POST', body: { TargetUrl: 'https://a.example', State: 9 } });
  });

  it('refuses invalid UTF-8 with 400', async () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0x4e, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]);
    const message = await badRequest(SAVE, { method: 'POST', body: bytes, headers: JSON_TYPE });
    expect(message).toBe('The request body is not valid UTF-8.');
  });

  it('refuses JSON nested deeper than the limit with 400', async () => {
    const deep = `{"Properties":${'{"a":'.repeat(40)}1${'}'.repeat(41)}`;
    const message = await badRequest(SAVE, { method: 'POST', body: deep, headers: JSON_TYPE });
    expect(message).toBe('The request body nests deeper than 32 levels.');
  });
});

describe('prototype pollution', () => {
  it.each([
    ['__proto__ at the top', '{"Name":"a","__proto__":{"polluted":1}}'],
    ['constructor at the top', '{"Name":"a","constructor":{"prototype":{"polluted":1}}}'],
    ['__proto__ inside Properties', '{"Properties":{"__proto__":{"polluted":1}}}'],
    ['prototype inside Headers', '{"Headers":{"prototype":"x"}}'],
  ])('a body with %s is 400', async (_, text) => {
    const message = await badRequest(SAVE, { method: 'POST', body: text, headers: JSON_TYPE });
    expect(message).toMatch(/may not contain the key "(__proto__|constructor|prototype)"/);
  });

  it.each([
    '/__proto__/polluted',
    'Properties/__proto__/polluted',
    '/constructor/prototype/polluted',
    '/Properties/constructor',
  ])('a JSON Patch path %s is 400', async (path) => {
    const body = [{ op: 'add', path, value: 1 }];
    const headers = { 'content-type': 'application/json-patch+json' };
    await badRequest('/api/v1/Webhook/1', { method: 'PATCH', body, headers });
  });

  it.each([
    '{"__proto__":{"polluted":1}}',
    '{"Properties":{"constructor":{"prototype":{"polluted":1}}}}',
  ])('a merge patch %s is 400', async (text) => {
    const headers = { 'content-type': 'application/merge-patch+json' };
    await badRequest('/api/v1/Webhook/1', { method: 'PATCH', body: text, headers });
  });

  it('a patch value carrying __proto__ is 400', async () => {
    const text = '[{"op":"add","path":"/Properties/x","value":{"__proto__":{"polluted":1}}}]';
    await badRequest('/api/v1/Webhook/1', { method: 'PATCH', body: text, headers: JSON_TYPE });
  });
});

describe('content types and sizes (C12)', () => {
  it.each(['text/plain', 'application/octet-stream', 'multipart/form-data'])(
    'a %s body is 415',
    async (type) => {
      const init = { method: 'POST', body: 'Name=x', headers: { 'content-type': type } };
      const message = await refused(SAVE, init, 415, 'UnsupportedMediaTypeException');
      expect(message).toContain('application/json');
    },
  );

  it('a JSON body without a Content-Type is 415', async () => {
    const init = { method: 'POST', body: '{"Name":"x"}', headers: { 'content-type': '' } };
    await refused(SAVE, init, 415, 'UnsupportedMediaTypeException');
  });

  it('a JSON Patch media type on SaveWebhook is 415', async () => {
    const headers = { 'content-type': 'application/json-patch+json' };
    await refused(
      SAVE,
      { method: 'POST', body: '[]', headers },
      415,
      'UnsupportedMediaTypeException',
    );
  });

  it('accepts text/json, the older alias', async () => {
    const body = JSON.stringify({ NameFilter: 'CRM sync' });
    const response = await t.call('/api/v1/Agents/Webhook/GetAllWebhooks', {
      method: 'POST',
      body,
      headers: { 'content-type': 'text/json' },
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as WebhookRecord[]).map((w) => w.WebhookId)).toEqual([2]);
  });

  it('a body over --max-body is 413, whether declared or streamed', async () => {
    const big = JSON.stringify({ Name: 'x'.repeat(MAX_BODY), TargetUrl: 'https://a.example' });
    const streamed = await refused(
      SAVE,
      { method: 'POST', body: big, headers: JSON_TYPE },
      413,
      'PayloadTooLargeException',
    );
    expect(streamed).toBe(`The request body is larger than ${MAX_BODY} bytes.`);
    const declared = { ...JSON_TYPE, 'content-length': String(big.length) };
    await refused(
      SAVE,
      { method: 'POST', body: big, headers: declared },
      413,
      'PayloadTooLargeException',
    );
    // A declared length is read in one go; a request built in process may understate it.
    const understated = { ...JSON_TYPE, 'content-length': '10' };
    await refused(
      SAVE,
      { method: 'POST', body: big, headers: understated },
      413,
      'PayloadTooLargeException',
    );
  });

  it('Accept without JSON or XML is 406 where a body is answered', async () => {
    const headers = { accept: 'image/png' };
    const message = await refused('/api/v1/Webhook/1', { headers }, 406, 'NotAcceptableException');
    expect(message).toBe(
      'This server answers application/json, text/json, application/xml, text/xml.',
    );
  });

  it('Accept with JSON among others, or */*, is served', async () => {
    for (const accept of ['text/html, application/json;q=0.5', '*/*', 'application/*']) {
      expect((await t.call('/api/v1/Webhook/1', { headers: { accept } })).status).toBe(200);
    }
  });

  // The spec documents 406 only where a body is answered; a 204 has nothing to negotiate.
  it.each([
    ['DELETE', '/api/v1/Webhook/99', 404],
    ['POST', '/api/v1/Webhook/nobody.listens/1', 204],
    ['POST', '/api/v1/Agents/Webhook/DeleteWebhook?WebhookId=99', 204],
  ])('%s %s ignores an Accept it cannot serve', async (method, path, status) => {
    const body = method === 'POST' ? '{}' : undefined;
    const headers = { accept: 'image/png', ...(body ? JSON_TYPE : {}) };
    const response = await t.call(path, { method, headers, body });
    expect(response.status).toBe(status);
  });
});

describe('missing bodies and unknown routes', () => {
  it('PUT without a body is the documented 400 (docs/sources.md §1a R5)', async () => {
    for (const init of [{}, { body: '', headers: JSON_TYPE }]) {
      const message = await badRequest('/api/v1/Webhook/1', { method: 'PUT', ...init });
      expect(message).toBe('Bad request. Entity to save is not in request body.');
    }
  });

  it.each([
    ['POST', SAVE],
    ['POST', '/api/v1/Webhook'],
    ['PATCH', '/api/v1/Webhook/1'],
    ['POST', '/api/v1/Agents/Webhook/GetLastError'],
    ['POST', '/api/v1/Agents/Webhook/SignalEvent'],
    ['POST', '/api/v1/Agents/Webhook/TestWebhook'],
  ])('%s %s without a body is 400', async (method, path) => {
    await badRequest(path, { method });
  });

  it.each([
    ['GET', '/api/v1/Nothing'],
    ['GET', '/api/v2/Webhook'],
    ['DELETE', '/api/v1/Webhook'],
    ['GET', '/api/v1/Agents/Webhook/GetWebhook'],
    ['POST', '/api/v1/Webhook/a/b/c'],
  ])('%s %s is 404 in the error shape (C17)', async (method, path) => {
    const response = await t.call(path, { method });
    expect(response.status).toBe(404);
    const error = await errorOf(response);
    expect(error.ErrorType).toBe('SoNotFoundException');
    // Routing ignores case, so the message names the path lower-cased.
    expect(String(error.Message).toLowerCase()).toBe(
      `no operation at ${method} ${path}`.toLowerCase(),
    );
    // No operation answered, so the hook saw nothing; check the shape against a 404 of the spec.
    const headers = Object.fromEntries(response.headers);
    const check = { operationId: 'getWebhook', status: 404, headers, body: error };
    expect(specProblems(t.contract, check)).toEqual([]);
  });

  it('a query parameter of the wrong type is 400 (C2)', async () => {
    const path = '/api/v1/Agents/Webhook/GetWebhook?webhookId=abc';
    expect(await badRequest(path, { method: 'POST' })).toMatch(/webhookId/i);
  });
});
