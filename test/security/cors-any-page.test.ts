// Finding: CORS answered every origin by default, and the default login is published. A page
// on https://evil.example passed the preflight with its own Authorization header, then read
// every webhook's Secret, wrote the store, opened tenants, and used TestWebhook as a proxy to
// services on the developer's machine. Now only the developer's own pages (any port of
// localhost, 127.0.0.1 and [::1]) get CORS answers unless --cors names more.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseServeArgs, type Config } from '../../src/config.js';
import { corsNotice, isLoopbackOrigin } from '../../src/http/cors.js';
import { createMockApp, type MockApp } from '../../src/library/mock-app.js';
import { startServer } from '../../src/server.js';
import { BASIC } from '../support/test-app.js';

const EVIL = 'https://evil.example';

const preflight = (origin: string, method = 'GET') => ({
  method: 'OPTIONS',
  headers: {
    origin,
    'access-control-request-method': method,
    'access-control-request-headers': 'authorization, content-type',
  },
});

describe('a page on a foreign origin, default flags', () => {
  let app: MockApp;
  beforeAll(async () => {
    app = await createMockApp();
  });
  afterAll(() => app.close());

  it.each([
    ['GET', '/api/v1/Webhook'],
    ['POST', '/api/v1/Webhook/Test'],
    ['POST', '/api/v1/Agents/Webhook/TestWebhook'],
    ['PATCH', '/Cust12345/api/v1/Webhook/1'],
  ])('gets no CORS answer to its %s %s preflight', async (method, path) => {
    const response = await app.request(path, preflight(EVIL, method));
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-headers')).toBeNull();
  });

  it('cannot read an answer, even with the default login', async () => {
    const response = await app.request('/api/v1/Webhook', {
      headers: { origin: EVIL, authorization: BASIC },
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it.each([
    'http://localhost:5173',
    'https://localhost',
    'http://127.0.0.1:8080',
    'https://[::1]:3443',
  ])('while the developer’s own page %s is answered', async (origin) => {
    const response = await app.request('/api/v1/Webhook/1', preflight(origin, 'PATCH'));
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
  });

  it.each([
    'http://localhost.evil.example',
    'http://127.0.0.1.evil.example:80',
    'null',
    'file://',
    'ftp://localhost',
    'http://evil.example@localhost',
  ])('%s is not a loopback page', (origin) => {
    expect(isLoopbackOrigin(origin)).toBe(false);
  });
});

describe("a foreign page's form post, riding on a Basic login the browser cached", () => {
  // A form post needs no preflight, the API binds form bodies, and a browser attaches the
  // credentials its 401 login prompt cached: the page cannot read the answer, but the write
  // or the TestWebhook request would be done.
  let app: MockApp;
  beforeAll(async () => {
    app = await createMockApp({ verifyTargets: false });
  });
  afterAll(() => app.close());

  const form = (origin: string, path: string, body: string) =>
    app.request(path, {
      method: 'POST',
      headers: {
        origin,
        authorization: BASIC,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body,
    });
  const count = async () =>
    (
      (await (
        await app.request('/api/v1/Webhook', { headers: { authorization: BASIC } })
      ).json()) as unknown[]
    ).length;

  it.each([
    ['/api/v1/Webhook', 'Name=x&Events=contact.created&TargetUrl=http://127.0.0.1:9/admin'],
    ['/api/v1/Webhook/Test', 'Name=x&Events=contact.created&TargetUrl=http://127.0.0.1:9/admin'],
    ['/Cust12345/api/v1/Agents/Webhook/SaveWebhook', 'Name=x&TargetUrl=http://127.0.0.1:9/'],
  ])('POST %s is a 403 and changes nothing', async (path, body) => {
    const before = await count();
    const answer = await form(EVIL, path, body);
    expect(answer.status).toBe(403);
    expect(await answer.json()).toMatchObject({ ErrorType: 'SoAccessDeniedException' });
    expect(await count()).toBe(before);
  });

  it('while the same post from a page of your own, or from the mock itself, is answered', async () => {
    const body = 'Name=own&Events=contact.created&TargetUrl=https://receiver.example/';
    expect((await form('http://localhost:5173', '/api/v1/Webhook', body)).status).toBe(200);
    expect((await form('http://localhost', '/api/v1/Webhook', body)).status).toBe(200);
  });
});

describe('--cors names other origins', () => {
  it('answers a named origin besides the loopback pages, and no other', async () => {
    const config = parseServeArgs(['--cors', EVIL]) as Config;
    const app = await createMockApp({ cors: config.cors });
    try {
      const named = await app.request('/api/v1/Webhook', preflight(EVIL));
      expect(named.headers.get('access-control-allow-origin')).toBe(EVIL);
      const own = await app.request('/api/v1/Webhook', preflight('http://localhost:5173'));
      expect(own.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      const other = await app.request('/api/v1/Webhook', preflight('https://other.example'));
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await app.close();
    }
  });

  it("--cors '*' still opens it to any page, and start-up says so in one line", async () => {
    const config = parseServeArgs(['--cors', '*']) as Config;
    expect(config.cors).toBe('any');
    const server = await startServer({ port: 0, db: ':memory:', cors: config.cors });
    try {
      const line = corsNotice('any');
      expect(line).toMatch(/any web page/);
      expect(line).not.toContain('\n');
      expect(server.notices).toContain(line);
    } finally {
      await server.close();
    }
    expect(corsNotice('loopback')).toBeUndefined();
  });
});
