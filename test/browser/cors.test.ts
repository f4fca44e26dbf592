// A browser app on another origin (a dev server on its own port) calls the mock with fetch and
// Basic credentials: GET, POST, and PATCH with If-Unmodified-Since, each behind a preflight.
// With CORS on (the default) all succeed; with --cors off the browser refuses the same calls.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server.js';
import { launchChromium } from './harness.js';

/** The "frontend app": one page whose script calls the mock at `base`. */
const PAGE = `<!doctype html><meta charset="utf-8"><title>app</title><script>
async function run(base) {
  const auth = { authorization: 'Basic ' + btoa('tje0:Tje0') };
  const json = { ...auth, 'content-type': 'application/json' };
  const results = [];
  const call = async (name, url, init) => {
    try {
      const response = await fetch(base + url, init);
      const body = response.status === 204 ? null : await response.json();
      results.push({ name, status: response.status, body });
      return body;
    } catch (error) {
      results.push({ name, error: String(error) });
      return null;
    }
  };
  await call('get', '/api/v1/Webhook/1', { headers: auth });
  const saved = await call('post', '/api/v1/Webhook', {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ Name: 'From the browser', Events: ['contact.created'],
      TargetUrl: base + '/__inbox/browser', Secret: 'b' }),
  });
  const id = saved && saved.WebhookId ? saved.WebhookId : 1;
  await call('patch', '/api/v1/Webhook/' + id, {
    method: 'PATCH',
    headers: { ...auth, 'content-type': 'application/json-patch+json',
      'if-unmodified-since': new Date(Date.now() + 60000).toUTCString() },
    body: JSON.stringify([{ op: 'replace', path: '/State', value: 'Stopped' }]),
  });
  return results;
}
</script>`;

let browser: Browser;
let app: Server;
let appOrigin: string;

beforeAll(async () => {
  browser = await launchChromium();
  app = createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(PAGE);
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  appOrigin = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (app ? app.close(() => resolve()) : resolve()));
});

type Result = { name: string; status?: number; body?: unknown; error?: string };

async function runPage(server: RunningServer): Promise<Result[]> {
  const page = await browser.newPage();
  try {
    page.setDefaultTimeout(20_000);
    await page.goto(`${appOrigin}/`);
    return (await page.evaluate(`run(${JSON.stringify(server.url)})`)) as Result[];
  } finally {
    await page.close();
  }
}

describe('a page on another origin calling the API', () => {
  it('succeeds with CORS on (the default)', async () => {
    const server = await startServer({ port: 0, host: '127.0.0.1', db: ':memory:' });
    try {
      const results = await runPage(server);
      expect(results.map((r) => [r.name, r.status])).toEqual([
        ['get', 200],
        ['post', 200],
        ['patch', 200],
      ]);
      expect(results[2]?.body).toMatchObject({ Name: 'From the browser', State: 'Stopped' });
    } finally {
      await server.close();
    }
  });

  it('fails the same calls with --cors off', async () => {
    const server = await startServer({ port: 0, host: '127.0.0.1', db: ':memory:', cors: 'off' });
    try {
      const results = await runPage(server);
      expect(results.map((r) => r.name)).toEqual(['get', 'post', 'patch']);
      for (const result of results) expect(result.error).toMatch(/TypeError|Failed to fetch/);
      // Nothing was written: the preflight was refused before the POST was sent.
      expect(server.store.list().some((w) => w.Name === 'From the browser')).toBe(false);
    } finally {
      await server.close();
    }
  });
});
