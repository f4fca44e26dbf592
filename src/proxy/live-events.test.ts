// The proxy's live page: in the dashboard's look, fed over server-sent events with each
// exchange as it passes (its verdict and sources), the summary of broken rules, a resume from
// Last-Event-ID, and a bound on the pages watching at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMutatingProxy } from '../../conformance/test-support/mutating-proxy.js';
import { startServer, type RunningServer } from '../server.js';
import { MAX_LIVE_CLIENTS } from './live-events.js';
import { startProxy, type RunningProxy } from './start.js';

const AUTH = `Basic ${Buffer.from('tje0:Tje0').toString('base64')}`;

let server: RunningServer;
let wrong: Awaited<ReturnType<typeof startMutatingProxy>>;
let proxy: RunningProxy;
beforeAll(async () => {
  server = await startServer({ port: 0, host: '127.0.0.1', db: ':memory:' });
  // An upstream that answers its lists 201, so the feed has a broken rule to show.
  wrong = await startMutatingProxy(server.url, {
    response: (res, req) => (req.url === '/api/v1/Webhook' ? { ...res, status: 201 } : res),
  });
  proxy = await startProxy({ upstream: `${wrong.url}/api` });
});
afterAll(async () => {
  await proxy?.close();
  await wrong?.close();
  await server?.close();
});

/** Reads the stream until `done` holds for the text so far (bounded by the test's timeout). */
async function readUntil(res: Response, done: (text: string) => boolean): Promise<string> {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!done(text)) {
    const { value, done: ended } = await reader.read();
    if (ended) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel();
  return text;
}

const entries = (text: string) =>
  [...text.matchAll(/^id: (\d+)\nevent: entry\ndata: (.*)$/gm)].map(
    (m) => JSON.parse(m[2] as string) as { seq: number; url: string; violations: unknown[] },
  );

describe('the proxy’s live page', () => {
  it('serves the dashboard’s stylesheet', async () => {
    const css = await fetch(`${proxy.url}/__ui/app.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/text\/css/);
  });

  it('pushes each exchange with its verdict, and the broken rules', async () => {
    const feed = await fetch(`${proxy.url}/__admin/proxy/events`);
    expect(feed.headers.get('content-type')).toMatch(/text\/event-stream/);
    const listed = fetch(`${proxy.url}/api/v1/Webhook`, { headers: { authorization: AUTH } });
    const text = await readUntil(
      feed,
      (t) => entries(t).length > 0 && /event: summary\ndata: .*response\.status/.test(t),
    );
    await (await listed).arrayBuffer();
    const [entry] = entries(text);
    expect(entry?.url).toBe('/api/v1/Webhook');
    expect(entry?.violations).toContainEqual(
      expect.objectContaining({ rule: 'response.status', origin: 'vendor' }),
    );
  }, 20_000);

  it('resumes after the Last-Event-ID it is given', async () => {
    await (
      await fetch(`${proxy.url}/api/v1/Webhook/1`, { headers: { authorization: AUTH } })
    ).arrayBuffer();
    const all = proxy.entries();
    const last = all.at(-1)?.seq as number;
    const feed = await fetch(`${proxy.url}/__admin/proxy/events`, {
      headers: { 'last-event-id': String(last - 1) },
    });
    const text = await readUntil(feed, (t) => /event: summary/.test(t));
    expect(entries(text).map((e) => e.seq)).toEqual([last]);
  }, 20_000);

  it('refuses a page past its bound with 503', async () => {
    const open = await Promise.all(
      Array.from({ length: MAX_LIVE_CLIENTS }, () => fetch(`${proxy.url}/__admin/proxy/events`)),
    );
    try {
      const refused = await fetch(`${proxy.url}/__admin/proxy/events`);
      expect(refused.status).toBe(503);
    } finally {
      await Promise.all(open.map((res) => res.body?.cancel()));
    }
  }, 20_000);
});
