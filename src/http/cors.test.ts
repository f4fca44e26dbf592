// CORS on the API routes (Fetch standard, CORS protocol), driven through the in-process app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockApp, type MockApp } from '../library/mock-app.js';
import { allowedRequestHeaders, parseCorsPolicy } from './cors.js';

const ORIGIN = 'http://localhost:5173';
const BASIC = `Basic ${Buffer.from('tje0:Tje0').toString('base64')}`;

const preflight = (path: string, headers: Record<string, string> = {}) => ({
  method: 'OPTIONS',
  headers: {
    origin: ORIGIN,
    'access-control-request-method': 'PATCH',
    'access-control-request-headers':
      'authorization, content-type, if-unmodified-since, so-language, x-evil',
    ...headers,
  },
});

describe('parseCorsPolicy', () => {
  it.each([
    ['off', 'off'],
    ['*', 'any'],
    ['loopback', 'loopback'],
    ['http://localhost:5173', ['http://localhost:5173']],
    ['http://a.test, https://b.test:8443', ['http://a.test', 'https://b.test:8443']],
  ])('%s', (text, policy) => {
    expect(parseCorsPolicy(text)).toEqual(policy);
  });

  it.each(['http://a.test/path', 'localhost:5173', 'ftp://a.test', ''])('refuses %j', (text) => {
    expect(parseCorsPolicy(text)).toBeUndefined();
  });

  it('allows only the request headers the API reads', () => {
    expect(allowedRequestHeaders('Authorization, X-Evil, SO-AppToken, Prefer')).toBe(
      'authorization, so-apptoken, prefer',
    );
  });
});

describe("CORS, on for the developer's own pages by default", () => {
  let app: MockApp;
  beforeAll(async () => {
    app = await createMockApp();
  });
  afterAll(() => app.close());

  it('answers a preflight without credentials, reflecting the origin', async () => {
    const response = await app.request('/api/v1/Webhook/1', preflight('/api/v1/Webhook/1'));
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(response.headers.get('access-control-allow-methods')).toContain('PATCH');
    expect(response.headers.get('access-control-allow-headers')).toBe(
      'authorization, content-type, if-unmodified-since, so-language',
    );
    // Credentials go in Authorization; a cached browser login must never ride along.
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('answers preflights and requests under a tenant too, once', async () => {
    const response = await app.request('/Cust12345/api/v1/Webhook', preflight(''));
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const listed = await app.request('/Cust12345/api/v1/Webhook', {
      headers: { origin: ORIGIN, authorization: BASIC },
    });
    expect(listed.status).toBe(200);
    // One value: a doubled header ("a, a") makes the browser refuse the answer.
    expect(listed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  });

  it('marks answers, errors included, readable by the page', async () => {
    const ok = await app.request('/api/v1/Webhook/1', {
      headers: { origin: ORIGIN, authorization: BASIC },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(ok.headers.get('vary')).toContain('Origin');
    const refused = await app.request('/api/v1/Webhook/1', { headers: { origin: ORIGIN } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(refused.headers.get('access-control-expose-headers')).toContain('WWW-Authenticate');
  });

  it('leaves the control plane alone', async () => {
    const admin = await app.request('/__admin/deliveries', { headers: { origin: ORIGIN } });
    expect(admin.headers.get('access-control-allow-origin')).toBeNull();
    const inbox = await app.request('/__inbox/x', preflight(''));
    expect(inbox.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('CORS limited or off', () => {
  it('answers the listed origins besides loopback pages, and no other', async () => {
    const app = await createMockApp({ cors: ['http://allowed.test'] });
    try {
      const other = await app.request(
        '/api/v1/Webhook',
        preflight('', { origin: 'http://other.test' }),
      );
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      const listed = await app.request(
        '/api/v1/Webhook',
        preflight('', { origin: 'http://allowed.test' }),
      );
      expect(listed.headers.get('access-control-allow-origin')).toBe('http://allowed.test');
    } finally {
      await app.close();
    }
  });

  it('sends no CORS headers with --cors off', async () => {
    const app = await createMockApp({ cors: 'off' });
    try {
      const response = await app.request('/api/v1/Webhook', preflight(''));
      expect(response.status).not.toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await app.close();
    }
  });
});
