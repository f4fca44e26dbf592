// Finding: the control plane was open to any web page. POST /__admin/reset and
// POST /__admin/deliveries/{id}/replay succeeded with a foreign Origin, a text/plain body and a
// foreign Host (cross-site request forgery and DNS rebinding from a developer's browser); the
// dashboard, /docs and /__admin/deliveries showed credentials and custom headers to anyone who
// could reach the port; --host 0.0.0.0 said nothing. The policy in src/web/control-plane.ts
// now guards them all.
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Env } from '../../src/app.js';
import { ApiError } from '../../src/http/api-error.js';
import { adminAuthorizer } from '../../src/web/admin-authorizer.js';
import { controlPlane, exposureNotice } from '../../src/web/control-plane.js';
import { hostPolicy } from '../../src/web/host-policy.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { BASIC } from '../support/test-app.js';
import { rawRequest } from './raw-request.js';

/** A raw request, so that Host can be anything (fetch sets it from the URL). */
const send = (
  server: RunningServer,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
) => rawRequest(server.port, method, path, headers, body);

describe('a server on 127.0.0.1 refuses strangers on its control plane', () => {
  let server: RunningServer;
  let own: string;

  beforeAll(async () => {
    server = await startServer({ port: 0, db: ':memory:' });
    own = `127.0.0.1:${server.port}`;
  });
  afterAll(() => server.close());

  it('a cross-site reset (foreign Origin, text/plain) is a 403; the store stays', async () => {
    const first = server.store.list()[0];
    if (first) await server.store.remove(first.WebhookId);
    const before = server.store.list().length;
    const answer = await send(
      server,
      'POST',
      '/__admin/reset',
      { origin: 'http://evil.example', 'content-type': 'text/plain' },
      'x',
    );
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toMatchObject({
      Error: true,
      ErrorType: 'SoAccessDeniedException',
    });
    expect(server.store.list().length).toBe(before);
  });

  it.each([
    ['a foreign Origin', { origin: 'http://evil.example' }],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['a text/plain body', { 'content-type': 'text/plain' }],
    ['a form body', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['a rebound Host', { host: 'evil.example' }],
    ['a rebound Host with our port', { host: `evil.example:${0}` }],
  ])('replay with %s is a 403', async (_, headers) => {
    const answer = await send(server, 'POST', '/__admin/deliveries/1/replay', headers);
    expect(answer.status).toBe(403);
  });

  it.each(['/', '/docs', '/__admin/deliveries', '/__admin/events', '/__ADMIN/outbox'])(
    'GET %s with a rebound Host is a 403 and shows nothing',
    async (path) => {
      const answer = await send(server, 'GET', path, { host: 'attacker.example' });
      expect(answer.status).toBe(403);
      expect(answer.body).not.toContain('Tje0');
    },
  );

  // The policy reads the path routing reads (decoded, any case), so no spelling that reaches a
  // control-plane route can pass as an API path or as anything else.
  it.each([
    '/%5F_admin/deliveries',
    '/%5f%5fADMIN/outbox',
    '/api/../__admin/deliveries',
    '/api/%2e%2e/__admin/deliveries',
    '/Cust12345/api/../../__admin/deliveries',
  ])('GET %s with a rebound Host shows nothing', async (path) => {
    const answer = await send(server, 'GET', path, { host: 'attacker.example' });
    expect([401, 403, 404]).toContain(answer.status);
    expect(answer.body).not.toContain('Tje0');
  });

  it.each(['/%5F_admin/reset', '/api/../__admin/reset', '/api/..%2F__admin/reset'])(
    'a cross-site POST %s changes nothing',
    async (path) => {
      const before = server.store.list().length;
      const answer = await send(server, 'POST', path, { origin: 'http://evil.example' });
      expect([401, 403, 404]).toContain(answer.status);
      expect(server.store.list().length).toBe(before);
    },
  );

  it('the dashboard itself may still reset: same origin, no body', async () => {
    const answer = await send(server, 'POST', '/__admin/reset', {
      host: own,
      origin: `http://${own}`,
      'sec-fetch-site': 'same-origin',
    });
    expect(answer.status).toBe(200);
  });

  it('localhost and IP literals are names the server answers to', async () => {
    for (const host of [`localhost:${server.port}`, own, `[::1]:${server.port}`]) {
      expect((await send(server, 'GET', '/__admin/signals', { host })).status).toBe(200);
    }
  });

  it('the API keeps its own rules: credentials required (Host: test/security/dns-rebinding-api)', async () => {
    const answer = await send(server, 'GET', '/api/v1/Webhook', { host: own });
    expect(answer.status).toBe(401);
    const signedIn = await send(server, 'GET', '/api/v1/Webhook', {
      host: own,
      authorization: BASIC,
    });
    expect(signedIn.status).toBe(200);
  });

  it("a tenant's API keeps the API's rules too, not the control plane's", async () => {
    const headers = { host: own, origin: 'http://app.example' };
    const anonymous = await send(server, 'GET', '/Cust7001/api/v1/Webhook', headers);
    expect(anonymous.status).toBe(401);
    const signedIn = await send(server, 'GET', '/Cust7001/api/v1/Webhook', {
      ...headers,
      authorization: BASIC,
    });
    expect(signedIn.status).toBe(200);
  });

  it('what an inbox recorded is a control-plane read; a delivery to it is not', async () => {
    const delivered = await send(
      server,
      'POST',
      '/__inbox/elsewhere',
      { host: own, origin: 'http://app.example', 'content-type': 'application/json' },
      '{"EventName":"x","Authorization":"Bearer receiver-token"}',
    );
    expect(delivered.status).toBe(200);
    for (const path of ['/__inbox/elsewhere', '/__admin/inbox/elsewhere']) {
      const read = await send(server, 'GET', path, { host: 'attacker.example' });
      expect(read.status).toBe(403);
      expect(read.body).not.toContain('receiver-token');
      expect((await send(server, 'GET', path, { host: own })).body).toContain('receiver-token');
    }
  });
});

describe('off loopback the control plane asks for the admin token', () => {
  const app = new Hono<Env>();
  app.use('*', hostPolicy(['mock.test', '.dev.test']));
  controlPlane({
    requireCredentials: true,
    authorized: adminAuthorizer('admin-secret-of-16+'),
  })(app);
  app.get('*', (c) => c.text('shown'));
  app.onError((error) =>
    error instanceof ApiError
      ? new Response(error.message, { status: error.status, headers: error.headers })
      : new Response('unexpected', { status: 500 }),
  );
  const get = (path: string, headers: Record<string, string> = {}) =>
    app.request(`http://mock.test${path}`, { headers: { host: 'mock.test', ...headers } });

  it.each(['/', '/docs', '/__admin/deliveries', '/__admin/events', '/__inbox/tickets'])(
    '%s without credentials is a 401 with a Basic challenge',
    async (path) => {
      const response = await get(path);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Basic /);
    },
  );

  it('the admin token opens it, as a Bearer token or a Basic password', async () => {
    const basic = `Basic ${Buffer.from('anyone:admin-secret-of-16+').toString('base64')}`;
    expect((await get('/__admin/deliveries', { authorization: basic })).status).toBe(200);
    expect((await get('/', { authorization: 'Bearer admin-secret-of-16+' })).status).toBe(200);
    expect((await get('/', { authorization: 'Bearer wrong' })).status).toBe(401);
  });

  it('--allowed-hosts names and subdomains pass the Host rule; others do not', async () => {
    const ok = { authorization: 'Bearer admin-secret-of-16+' };
    expect((await get('/', { ...ok, host: 'a.dev.test' })).status).toBe(200);
    expect((await get('/', { ...ok, host: 'dev.test' })).status).toBe(200);
    expect((await get('/', { ...ok, host: 'mock.test.evil' })).status).toBe(403);
  });

  it('start-up says so in one line when bound beyond loopback', () => {
    expect(exposureNotice('0.0.0.0', true)).toMatch(/--admin-token/);
    expect(exposureNotice('0.0.0.0', false)).toMatch(/closed/);
    expect(exposureNotice('0.0.0.0', false)).not.toContain('\n');
    expect(exposureNotice('127.0.0.1', false)).toBeUndefined();
    expect(exposureNotice('::1', false)).toBeUndefined();
  });
});
