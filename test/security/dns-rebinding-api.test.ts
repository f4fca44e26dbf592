// Finding: the Host check covered the control plane, the dashboard and the docs, but not /api,
// tenant APIs or /__inbox. `curl -H 'Host: rebind.evil.example:PORT' -u tje0:Tje0
// http://127.0.0.1:PORT/api/v1/Webhook` answered 200 with the secrets: a page whose name was
// rebound to 127.0.0.1 read the API as its own origin, whatever --cors said. One Host policy
// (src/web/host-policy.ts) now guards every route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server.js';
import { BASIC } from '../support/test-app.js';
import { rawRequest } from './raw-request.js';

const ROUTES: Array<[string, string]> = [
  ['GET', '/api/v1/Webhook'],
  ['GET', '/api/v1/Webhook/1'],
  ['POST', '/api/v1/Agents/Webhook/GetAllWebhooks'],
  ['GET', '/Cust12345/api/v1/Webhook'],
  ['OPTIONS', '/api/v1/Webhook'],
  ['POST', '/__inbox/rebound'],
  ['GET', '/__inbox/rebound'],
  ['GET', '/'],
  ['GET', '/docs'],
  ['GET', '/openapi.json'],
  ['GET', '/__admin/deliveries'],
  ['GET', '/no/such/path'],
];

describe('a rebound Host on every route of a default server', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ port: 0, db: ':memory:' });
  });
  afterAll(() => server.close());

  it.each(ROUTES)(
    '%s %s is a 403 in the error shape naming --allowed-hosts',
    async (method, path) => {
      const host = `rebind.evil.example:${server.port}`;
      const answer = await rawRequest(
        server.port,
        method,
        path,
        {
          host,
          authorization: BASIC,
          origin: `http://${host}`,
          'access-control-request-method': 'GET',
          'content-type': 'application/json',
        },
        method === 'POST' ? '{}' : undefined,
      );
      expect(answer.status).toBe(403);
      const body = JSON.parse(answer.body) as Record<string, unknown>;
      expect(body).toMatchObject({ Error: true, ErrorType: 'SoAccessDeniedException' });
      expect(body.Message).toContain('--allowed-hosts rebind.evil.example');
      expect(answer.body).not.toMatch(/Secret|Tje0/);
    },
  );

  it('records nothing a rebound page posts to the inbox', async () => {
    await rawRequest(server.port, 'POST', '/__inbox/rebound', { host: 'rebind.evil.example' }, 'x');
    expect(server.inbox.list('rebound')).toEqual([]);
  });

  it.each(['localhost', 'app.localhost', '127.0.0.1', '[::1]'])(
    'Host %s (with the port) is answered',
    async (name) => {
      const answer = await rawRequest(server.port, 'GET', '/api/v1/Webhook', {
        host: `${name}:${server.port}`,
        authorization: BASIC,
      });
      expect(answer.status).toBe(200);
    },
  );
});

describe('names the user gives are answered', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({
      port: 0,
      db: ':memory:',
      allowedHosts: ['mock.lan', '.dev.test'],
      publicUrl: 'https://mock.example',
    });
  });
  afterAll(() => server.close());

  it.each(['mock.lan', 'a.dev.test', 'mock.example', 'MOCK.EXAMPLE.'])('Host %s', async (host) => {
    const answer = await rawRequest(server.port, 'GET', '/api/v1/Webhook', {
      host,
      authorization: BASIC,
    });
    expect(answer.status).toBe(200);
  });

  it.each(['mock.lan.evil.example', 'evil-dev.test', 'example'])(
    'but not the look-alike %s',
    async (host) => {
      const answer = await rawRequest(server.port, 'GET', '/api/v1/Webhook', {
        host,
        authorization: BASIC,
      });
      expect(answer.status).toBe(403);
    },
  );
});
