// Forwarding: where a client's path goes upstream, and a compressed answer that goes back to
// the client in the very bytes the upstream sent while the proxy checks it decoded.
import { gzipSync } from 'node:zlib';
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { listenLocal } from '../platform/local-listener.js';
import { startProxy } from './start.js';
import { upstreamUrl } from './upstream.js';

describe('upstreamUrl', () => {
  const tenant = new URL('https://sod.superoffice.com/Cust12345/api');
  it.each([
    [
      tenant,
      '/api/v1/Webhook?nameFilter=x',
      'https://sod.superoffice.com/Cust12345/api/v1/Webhook?nameFilter=x',
    ],
    [
      tenant,
      '/Cust12345/api/v1/Webhook/7',
      'https://sod.superoffice.com/Cust12345/api/v1/Webhook/7',
    ],
    [
      new URL('http://127.0.0.1:3000'),
      '/Cust7/api/v1/Webhook',
      'http://127.0.0.1:3000/Cust7/api/v1/Webhook',
    ],
    [new URL('http://127.0.0.1:3000/'), '/api/v1/Webhook', 'http://127.0.0.1:3000/api/v1/Webhook'],
  ])('%s + %s', (upstream, path, expected) => {
    expect(upstreamUrl(upstream, path).href).toBe(expected);
  });
});

/** The raw bytes of an answer, without any decoding by the client. */
function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
    (resolve, reject) => {
      request(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
      })
        .on('error', reject)
        .end();
    },
  );
}

describe('a compressed answer', () => {
  it('reaches the client in the upstream’s bytes and is checked decoded', async () => {
    const list = gzipSync(Buffer.from('[{"WebhookId":"not a number"}]'));
    const upstream = await listenLocal((_req, res) => {
      res
        .writeHead(200, {
          'content-type': 'application/json; charset=utf-8',
          'content-encoding': 'gzip',
        })
        .end(list);
    });
    const proxy = await startProxy({ upstream: `${upstream.url}/api` });
    try {
      const answer = await rawGet(`${proxy.url}/api/v1/Webhook`, {
        authorization: 'Basic dGplMDpUamUw',
        'accept-encoding': 'gzip',
      });
      expect(answer.status).toBe(200);
      expect(answer.headers['content-encoding']).toBe('gzip');
      expect(answer.body.equals(list)).toBe(true);
      expect(
        proxy
          .broken()
          .map((b) => b.message)
          .join('\n'),
      ).toMatch(/WebhookId must be integer/);
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });
});
