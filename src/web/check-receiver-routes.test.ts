// The dashboard's "Check a receiver": it runs the check and answers the report, under the
// control plane's rules (a web page on another origin cannot start one), and the mock cannot
// be made to check itself, by URL spelling or by a name that resolves to it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../library/mock-server.js';
import { listenLocal, type LocalListener } from '../platform/local-listener.js';
import { startSampleReceiver } from '../../conformance/test-support/sample-receivers.js';
import { checkReceiver } from '../../conformance/check-receiver/check.js';

const SECRET = 'panel s3cret';
let mock: MockServer;
let receiver: LocalListener;
beforeAll(async () => {
  mock = await startMockServer();
  receiver = await startSampleReceiver('correct', { secret: SECRET });
});
afterAll(async () => {
  await mock?.close();
  await receiver?.close();
});

interface Report {
  summary: Record<string, number>;
  verdicts: Array<{ id: string; status: string; severity?: string }>;
}

function post(body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${mock.url}/__admin/check-receiver`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('POST /__admin/check-receiver', () => {
  it('runs the check and answers the report', async () => {
    const response = await post({ url: `${receiver.url}/hook`, secret: SECRET, strict: true });
    expect(response.status).toBe(200);
    const report = (await response.json()) as Report;
    expect(report.summary).toMatchObject({ failed: 0, error: 0, skipped: 0 });
    expect(report.verdicts.length).toBeGreaterThan(20);
  });

  it('is refused to another origin, a cross-site fetch and a form post', async () => {
    const body = { url: `${receiver.url}/hook` };
    expect((await post(body, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await post(body, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    const form = await fetch(`${mock.url}/__admin/check-receiver`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify(body),
    });
    expect(form.status).toBe(403);
  });

  it('never checks the mock itself, however the URL spells it', async () => {
    const port = new URL(mock.url).port;
    for (const url of [
      `${mock.url}/__admin/check-receiver`,
      `http://localhost:${port}/__admin/reset`,
      `http://[::ffff:127.0.0.1]:${port}/`,
      `http://2130706433:${port}/`,
    ]) {
      const response = await post({ url });
      expect(response.status, url).toBe(400);
      expect(((await response.json()) as { Message: string }).Message).toMatch(/itself/);
    }
  });

  it('may check its own built-in inbox, which accepts anything', async () => {
    const response = await post({ url: mock.inbox.url('panel'), events: 'contact.created' });
    expect(response.status).toBe(200);
    const report = (await response.json()) as Report;
    expect(report.summary.failed).toBe(0);
  });

  it('answers 400 for bad input and for a receiver it cannot reach', async () => {
    expect((await post({})).status).toBe(400);
    expect((await post({ url: 'ftp://x' })).status).toBe(400);
    expect((await post({ url: `${receiver.url}/h`, events: 'not an event' })).status).toBe(400);
    const down = await listenLocal(() => undefined);
    await down.close();
    const unreachable = await post({ url: down.url });
    expect(unreachable.status).toBe(400);
    expect(((await unreachable.json()) as { Message: string }).Message).toMatch(/ECONNREFUSED/);
  });

  it('runs one check at a time', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow = await listenLocal((_request, response) => {
      void held.then(() => response.writeHead(200).end());
    });
    try {
      const first = post({ url: slow.url, events: 'contact.created' });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const second = await post({ url: `${receiver.url}/hook` });
      expect(second.status).toBe(409);
      release();
      expect((await first).status).toBe(200);
    } finally {
      release();
      await slow.close();
    }
  });

  it('the dashboard shows the panel and serves its script', async () => {
    const page = await (await fetch(`${mock.url}/`)).text();
    expect(page).toContain('Check a receiver');
    expect(page).toContain('src="/__ui/check-receiver.js"');
    const script = await fetch(`${mock.url}/__ui/check-receiver.js`);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(await script.text()).toContain('/__admin/check-receiver');
  });
});

describe('the connect-time refusal', () => {
  it('stops a name that resolves to a refused address before anything is sent', async () => {
    const url = `http://localhost:${receiver.port}/hook`;
    await expect(
      checkReceiver({ url, refuseAddress: () => 'points at this mock server itself' }),
    ).rejects.toThrow(/could not be reached: points at this mock server itself/);
  });
});
