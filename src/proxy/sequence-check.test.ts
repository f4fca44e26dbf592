// The rules across exchanges hold what the proxy's own record proves, whatever other clients
// do: a change made behind the proxy's back (straight to the upstream) raises none of the rules
// that dates and ids prove, while the same upstream made wrong through the proxy is reported.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../server.js';
import { startProxy, type RunningProxy } from './start.js';

const AUTH = `Basic ${Buffer.from('tje0:Tje0').toString('base64')}`;

let server: RunningServer;
let proxy: RunningProxy;
beforeAll(async () => {
  server = await startServer({ port: 0, host: '127.0.0.1', db: ':memory:' });
  proxy = await startProxy({ upstream: `${server.url}/api` });
});
afterAll(async () => {
  await proxy?.close();
  await server?.close();
});

async function call(base: string, method: string, path: string, body?: unknown, headers = {}) {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { authorization: AUTH, 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

const clockPasses = () => new Promise((resolve) => setTimeout(resolve, 1_100));
const reported = () => proxy.entries().flatMap((e) => e.violations.map((v) => v.rule));

describe('the rules across exchanges', () => {
  it('raise nothing when another client changes a webhook behind the proxy', async () => {
    const created = await call(proxy.url, 'POST', '/Webhook', {
      Name: 'behind',
      Events: ['contact.created'],
      TargetUrl: 'https://example.com/behind',
      Type: 'webhook',
      State: 'Stopped',
    });
    const id = (created.body as { WebhookId: number }).WebhookId;
    await clockPasses();
    // Another client renames it and deletes nothing; the proxy sees none of it.
    expect((await call(server.url, 'PATCH', `/Webhook/${id}`, { Name: 'renamed' })).status).toBe(
      200,
    );
    const read = await call(proxy.url, 'GET', `/Webhook/${id}`);
    const updated = (read.body as { Updated: string }).Updated;
    // A write with the date just read passes, as it must.
    const since = new Date(Date.parse(updated) + 1_000).toUTCString();
    const put = await call(
      proxy.url,
      'PUT',
      `/Webhook/${id}`,
      {
        Name: 'put',
        Events: ['contact.created'],
        TargetUrl: 'https://example.com/behind',
        Type: 'webhook',
        State: 'Stopped',
      },
      { 'if-unmodified-since': since },
    );
    expect(put.status).toBe(200);
    expect((await call(proxy.url, 'DELETE', `/Webhook/${id}`)).status).toBe(204);
    expect((await call(proxy.url, 'GET', `/Webhook/${id}`)).status).toBe(404);
    expect(reported()).toEqual([]);
  }, 20_000);
});
