// Finding: one small inbox post could stall the whole server. Anyone may POST to
// /__inbox/<name> (a cross-site text/plain form needs no preflight); the dashboard and the live
// feed pretty-printed each body with indentation that grows with depth, so 7 KB of 3 500 nested
// `[` became ~23 MiB of HTML per record: after 50 such posts `/` answered 500, the event stream
// closed, and with a dashboard open each post blocked the API for ~1.2 s. The inbox also kept
// every post. Now it is bounded per inbox and in total, bodies are shown within a size and depth
// limit (downloadable whole), and the feed renders in its batch, never on the post's request.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMockApp, type MockApp } from '../../src/library/mock-app.js';
import { DEFAULT_LIMITS } from '../../src/platform/limits.js';
import type * as shownBodyModule from '../../src/web/shown-body.js';
import { shownBody } from '../../src/web/shown-body.js';

type ShownBodyModule = typeof shownBodyModule;
import { sseReader } from '../support/web-test-kit.js';

vi.mock('../../src/web/shown-body.js', async (importOriginal) => {
  const actual = await importOriginal<ShownBodyModule>();
  return { ...actual, shownBody: vi.fn(actual.shownBody) };
});

const NESTED = '['.repeat(3500) + ']'.repeat(3500);
const post = (app: MockApp, name: string, body: string) =>
  app.request(`/__inbox/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body,
  });

describe('deeply nested bodies posted to the inbox', () => {
  let app: MockApp;
  beforeAll(async () => {
    app = await createMockApp();
  });
  afterAll(() => app.close());

  it('leave the dashboard answering, each record shown within its bound', async () => {
    for (let i = 0; i < 60; i++) expect((await post(app, 'storm', NESTED)).status).toBe(200);
    const page = await app.request('/');
    expect(page.status).toBe(200);
    const html = await page.text();
    // 50 records shown, each a bounded part of its body: far from 50 × 23 MiB.
    expect(html.length).toBeLessThan(50 * (DEFAULT_LIMITS.shownBodyChars + 4096) + 200_000);
    expect(html).toContain('download it whole');
  });

  it('keeps the whole body downloadable, as it arrived, never rendered as a page', async () => {
    const [newest] = app.inbox.list('storm');
    const response = await app.request(`/__admin/inbox/storm/${newest?.Id}/body`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(NESTED);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('renders nothing on the request path of a post; the feed renders in its batch', async () => {
    const events = await app.request('/__admin/events');
    const feed = sseReader(events.body as ReadableStream<Uint8Array>);
    await feed.next(4); // webhooks, deliveries, inbox records, requests
    const render = vi.mocked(shownBody);
    render.mockClear();
    expect((await post(app, 'lazy', NESTED)).status).toBe(200);
    expect(render).not.toHaveBeenCalled();
    const [arrived] = await feed.next();
    expect(arrived?.event).toBe('inbox');
    expect(render).toHaveBeenCalled();
    expect(arrived?.data.length).toBeLessThan(DEFAULT_LIMITS.shownBodyChars + 8192);
    await feed.cancel();
  });
});

describe('the inbox stays bounded', () => {
  let app: MockApp;
  beforeAll(async () => {
    app = await createMockApp();
  });
  afterAll(() => app.close());

  it('drops the oldest records of an inbox beyond its count, and says how many', async () => {
    const cap = DEFAULT_LIMITS.inboxRecordsPerInbox;
    for (let i = 1; i <= cap + 25; i++) await post(app, 'busy', `{"n":${i}}`);
    await post(app, 'quiet', '{"n":0}');
    const records = app.inbox.list('busy');
    expect(records).toHaveLength(cap);
    expect(records.at(-1)?.Body).toBe('{"n":26}');
    const names = (await (await app.request('/__admin/inbox')).json()) as Array<{
      Inbox: string;
      Records: number;
      Dropped: number;
    }>;
    expect(names.find((n) => n.Inbox === 'busy')).toMatchObject({ Records: cap, Dropped: 25 });
    expect(names.find((n) => n.Inbox === 'quiet')).toMatchObject({ Records: 1, Dropped: 0 });
    expect(await (await app.request('/')).text()).toContain('25 older records dropped');
  });

  it('drops by bytes too: a megabyte post at a time cannot grow it past its bound', async () => {
    const big = 'x'.repeat(1_000_000);
    for (let i = 0; i < 12; i++) await post(app, 'heavy', big);
    const names = (await (await app.request('/__admin/inbox')).json()) as Array<{
      Inbox: string;
      Records: number;
      Bytes: number;
      Dropped: number;
    }>;
    const heavy = names.find((n) => n.Inbox === 'heavy');
    expect(heavy?.Bytes).toBeLessThanOrEqual(DEFAULT_LIMITS.inboxBytesPerInbox);
    expect(heavy?.Dropped).toBeGreaterThan(0);
    expect((heavy?.Records ?? 0) + (heavy?.Dropped ?? 0)).toBe(12);
    const total = names.reduce((sum, n) => sum + n.Bytes, 0);
    expect(total).toBeLessThanOrEqual(DEFAULT_LIMITS.inboxBytes);
  });
});
