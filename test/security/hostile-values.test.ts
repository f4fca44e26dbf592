// Finding: hostile values were accepted where a real server would refuse them. Custom delivery
// Headers named Host, Content-Length, Transfer-Encoding or Connection were sent on delivery; a
// lone surrogate ("\ud800") in Name was stored and broke every listing for JSON tools; ids
// `1e1` and `0x10` addressed webhooks 10 and 16; Basic values with trailing garbage
// authenticated; a foreign Host was reflected into `_Links` and the served spec's `servers`.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attemptHeaders } from '../../src/delivery/attempt-headers.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { BASIC, createTestApp, errorOf, type TestApp } from '../support/test-app.js';

const JSON_TYPE = { 'content-type': 'application/json' };

const hook = (extra: object) => ({
  Name: 'hostile',
  TargetUrl: 'https://receiver.example/hook',
  Events: ['contact.created'],
  Type: 'webhook',
  State: 'Active',
  ...extra,
});

describe('values a real server would refuse', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });

  it.each([
    'Host',
    'Content-Length',
    'Transfer-Encoding',
    'Connection',
    'X-SuperOffice-Event',
    'x-superoffice-signature',
    'webhook-signature',
    'Bad Name',
  ])('a custom delivery header named %s is a 400; nothing is stored', async (name) => {
    const before = t.store.list().length;
    const sentBefore = t.sent.length;
    const response = await t.call('/api/v1/Webhook', {
      method: 'POST',
      body: hook({ Headers: { [name]: 'x' } }),
    });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).Message).toMatch(/Webhook Headers/);
    expect(t.store.list().length).toBe(before);
    expect(t.sent.length).toBe(sentBefore);
  });

  it('a custom header value with a line break is a 400', async () => {
    const response = await t.call('/api/v1/Webhook', {
      method: 'POST',
      body: hook({ Headers: { 'X-Ok': 'a\r\nInjected: yes' } }),
    });
    expect(response.status).toBe(400);
  });

  it('stored reserved headers (an older store) are never sent', () => {
    const headers = attemptHeaders({
      webhook: {
        Secret: null,
        Headers: { 'Transfer-Encoding': 'chunked', 'Content-Length': '1', 'X-Team': 'blue' },
      },
      ...{ event: 'test', eventId: 'e1', body: '{}', retry: 0, test: true },
    });
    const names = Object.keys(headers).map((n) => n.toLowerCase());
    expect(names).not.toContain('transfer-encoding');
    expect(names).not.toContain('content-length');
    expect(headers['X-Team']).toBe('blue');
  });

  it('a lone surrogate in Name is a 400 and is not stored', async () => {
    const before = t.store.list().length;
    const body = JSON.stringify(hook({ Name: 'x' })).replace('"x"', '"\\ud800"');
    const response = await t.call('/api/v1/Webhook', { method: 'POST', body, headers: JSON_TYPE });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).Message).toMatch(/surrogate/);
    expect(t.store.list().length).toBe(before);
  });

  it('a proper surrogate pair (an emoji) is accepted', async () => {
    const body = JSON.stringify(hook({ Name: 'x' })).replace('"x"', '"\\ud83d\\ude00"');
    const response = await t.call('/api/v1/Webhook', { method: 'POST', body, headers: JSON_TYPE });
    expect(response.status).toBe(200);
  });

  it.each(['1e1', '0x10', '1.0', ' 1', '+1', '0b1'])(
    'id %s is not a decimal integer: 400',
    async (id) => {
      const rest = await t.call(`/api/v1/Webhook/${encodeURIComponent(id)}`);
      expect(rest.status).toBe(400);
      const agent = await t.call(
        `/api/v1/Agents/Webhook/GetWebhook?webhookId=${encodeURIComponent(id)}`,
        { method: 'POST' },
      );
      expect(agent.status).toBe(400);
    },
  );

  it('Basic with trailing garbage does not authenticate', async () => {
    const response = await t.call('/api/v1/Webhook', {
      headers: { authorization: `${BASIC}!!!` },
    });
    expect(response.status).toBe(401);
  });
});

function get(server: RunningServer, path: string, host: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const headers = { host, authorization: BASIC, accept: 'application/json' };
    request({ host: '127.0.0.1', port: server.port, path, headers, agent: false }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve(JSON.parse(text) as unknown));
    })
      .on('error', reject)
      .end();
  });
}

describe('links and servers come from the public URL, never from Host', () => {
  let server: RunningServer;
  let publicServer: RunningServer;
  // A name the Host policy answers (test/security/dns-rebinding-api.test.ts refuses others),
  // so that what reaches the handlers is a Host the links must still not reflect.
  beforeAll(async () => {
    server = await startServer({ port: 0, db: ':memory:', allowedHosts: ['evil.example'] });
    publicServer = await startServer({
      port: 0,
      db: ':memory:',
      publicUrl: 'https://mock.example',
      allowedHosts: ['evil.example'],
    });
  });
  afterAll(async () => {
    await server.close();
    await publicServer.close();
  });

  it('a foreign Host is not reflected into _Links', async () => {
    const id = server.store.list()[0]?.WebhookId;
    const body = (await get(server, `/api/v1/Webhook/${id}`, 'evil.example')) as {
      _Links: { Self: string };
    };
    expect(body._Links.Self).toBe(`${server.url}/api/v1/Webhook/${id}`);
  });

  it("the served spec's servers name the bound address, whatever Host says", async () => {
    const spec = (await get(server, '/openapi.json', 'localhost:1')) as {
      servers: Array<{ url: string }>;
    };
    expect(spec.servers.map((s) => s.url)).toEqual([server.url]);
  });

  it('--public-url names them when given', async () => {
    const id = publicServer.store.list()[0]?.WebhookId;
    const body = (await get(publicServer, `/api/v1/Webhook/${id}`, 'evil.example')) as {
      _Links: { Self: string };
    };
    expect(body._Links.Self).toBe(`https://mock.example/api/v1/Webhook/${id}`);
  });
});
