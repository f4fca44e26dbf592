import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultWebhook, type WebhookRecord } from '../domain/webhook.js';
import { encodeLine } from './journal-line.js';
import type { Change } from './live-state.js';
import { journalPath, openLowdbStore } from './lowdb-store.js';
import { emptyState, type StoreState } from './state.js';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'swm-store-'));
  file = join(dir, 'webhooks.json');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const draft = (name: string): WebhookRecord => ({ ...defaultWebhook(), Name: name });
const seed = (): StoreState => emptyState();
const open = (reset = false) => openLowdbStore(file, { seed, reset });
const snapshot = async (): Promise<StoreState> => JSON.parse(await readFile(file, 'utf8'));
const journalLines = async () =>
  (await readFile(journalPath(file), 'utf8')).split('\n').filter((l) => l !== '');
const signal = (n: number) => ({
  EventId: `e${n}`,
  Event: 'a.b',
  PrimaryKey: n,
  Data: null,
  SignalledAt: '2026-01-01T00:00:00.000Z',
  ChangedByAssociateId: 0,
  Matched: [],
});

describe('lowdb store with a journal', () => {
  it('answers a write once its journal line is appended, without rewriting the snapshot', async () => {
    const store = await open();
    await store.insert(draft('a'));
    expect((await snapshot()).webhooks).toEqual([]);
    const lines = await journalLines();
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ seq: 1, change: { op: 'insert' } });
  });

  it('replays the journal on open and folds it into the snapshot', async () => {
    const first = await open();
    const a = await first.insert(draft('a'));
    await first.insert(draft('b'));
    await first.replace({ ...a, Name: 'a2' });
    await first.remove(2);
    const reopened = await open();
    expect(reopened.list().map((w) => [w.WebhookId, w.Name])).toEqual([[1, 'a2']]);
    expect((await snapshot()).webhooks.map((w) => w.Name)).toEqual(['a2']);
    expect(await journalLines()).toEqual([]);
    // Ids keep increasing across the reopen: 2 was handed out and deleted.
    expect((await reopened.insert(draft('c'))).WebhookId).toBe(3);
  });

  it('journals only the changed fields of a replace, and replays them to the same record', async () => {
    const first = await open();
    const a = await first.insert({ ...draft('a'), Description: 'kept' });
    const counted = { ...a, TotalCalls: 3, LastError: 'HTTP/1.1 500' };
    await first.replace(counted);
    const [, line] = await journalLines();
    expect(JSON.parse(line as string).change).toEqual({
      op: 'update',
      id: a.WebhookId,
      fields: { TotalCalls: 3, LastError: 'HTTP/1.1 500' },
    });
    expect(first.get(a.WebhookId)).toEqual(counted);
    expect((await open()).get(a.WebhookId)).toEqual(counted);
  });

  it("journals an attempt's changed delivery fields, not the request again, and replays them", async () => {
    const first = await open();
    const added = await first.addDelivery({
      WebhookId: 1,
      WebhookName: 'a',
      Kind: 'webhook',
      Event: 'contact.created',
      EventId: 'event-1',
      Url: 'https://hooks.example.com/a',
      RequestHeaders: { 'X-SuperOffice-Signature': 'sig' },
      Body: '{"EventId":"event-1","large":"' + 'x'.repeat(500) + '"}',
      State: 'pending',
      Attempts: [],
      NextAttemptAt: '2026-03-01T12:00:00.000Z',
      CreatedAt: '2026-03-01T12:00:00.000Z',
      ReplayOf: null,
    });
    const attempt = { At: '2026-03-01T12:00:01.000Z', Status: 200, LatencyMs: 3, Error: null };
    await first.updateDelivery(added.DeliveryId, (d) => ({
      ...d,
      State: 'succeeded',
      Attempts: [...d.Attempts, attempt as unknown as (typeof d.Attempts)[number]],
      NextAttemptAt: null,
    }));
    const lines = await journalLines();
    const change = JSON.parse(lines.at(-1) as string).change;
    expect(change.op).toBe('delivery-update');
    expect(Object.keys(change.fields)).toEqual(['State', 'Attempts', 'NextAttemptAt']);
    expect(lines.at(-1)).not.toContain('xxxxx');
    const after = first.delivery(added.DeliveryId);
    expect(after?.State).toBe('succeeded');
    expect((await open()).delivery(added.DeliveryId)).toEqual(after);
  });

  it("journals each attempt alone, never the delivery's earlier attempts, and replays them in order", async () => {
    const first = await open();
    const added = await first.addDelivery({
      WebhookId: 1,
      WebhookName: 'a',
      Kind: 'webhook',
      Event: 'contact.created',
      EventId: 'event-1',
      Url: 'https://hooks.example.com/a',
      RequestHeaders: {},
      Body: '{"EventId":"event-1","large":"' + 'x'.repeat(500) + '"}',
      State: 'pending',
      Attempts: [],
      NextAttemptAt: '2026-03-01T12:00:00.000Z',
      CreatedAt: '2026-03-01T12:00:00.000Z',
      ReplayOf: null,
    });
    const attempt = (n: number, status: number) => ({
      At: `2026-03-01T12:00:0${n}.000Z`,
      Status: status,
      Error: null,
      LatencyMs: n,
      ResponseHeaders: { 'X-Try': `first-${n}` },
      ResponseBody: `body-${n}`,
    });
    const id = added.DeliveryId;
    await first.recordAttempt(id, {
      attempt: attempt(1, 500),
      headers: { 'X-SuperOffice-Retry': '0' },
      state: 'pending',
      next: '2026-03-01T12:01:00.000Z',
    });
    await first.recordAttempt(id, {
      attempt: attempt(2, 200),
      headers: { 'X-SuperOffice-Retry': '1' },
      state: 'succeeded',
      next: null,
    });
    const last = (await journalLines()).at(-1) as string;
    expect(JSON.parse(last).change.op).toBe('attempt');
    expect(last).toContain('first-2');
    expect(last).not.toContain('first-1');
    expect(last).not.toContain('xxxxx');
    const after = first.delivery(id);
    expect(after?.Attempts.map((a) => a.Status)).toEqual([500, 200]);
    expect(after).toMatchObject({
      State: 'succeeded',
      NextAttemptAt: null,
      RequestHeaders: { 'X-SuperOffice-Retry': '1' },
    });
    expect((await open()).delivery(id)).toEqual(after);
  });

  it('replays a field update naming __proto__ as data, never as a prototype', async () => {
    const first = await open();
    const a = await first.insert(draft('a'));
    const lines = await journalLines();
    const seq = lines.length + 1;
    // JSON.parse keeps "__proto__" an own key, as a crafted or damaged line would carry it.
    const change = JSON.parse(
      `{"op":"update","id":${a.WebhookId},"fields":{"__proto__":{"polluted":true},"Name":"b"}}`,
    ) as Change;
    await appendFile(journalPath(file), encodeLine(seq, change));
    const reopened = await open();
    expect(reopened.get(a.WebhookId)?.Name).toBe('b');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(reopened.get(a.WebhookId))).toBe(Object.prototype);
  });

  it('journals the whole record when a replace drops a field or orders them otherwise', async () => {
    const first = await open();
    const a = await first.insert(draft('a'));
    const { Description: _dropped, ...rest } = a;
    await first.replace({ ...rest, Description: 'moved to the end' });
    const [, line] = await journalLines();
    expect(JSON.parse(line as string).change.op).toBe('replace');
    expect(Object.keys((await open()).get(a.WebhookId) ?? {})).toEqual(
      Object.keys(rest).concat('Description'),
    );
  });

  it('drops a last line cut short by kill -9: that write was never answered', async () => {
    const store = await open();
    await store.insert(draft('kept'));
    await appendFile(journalPath(file), '{"seq":2,"change":{"op":"insert","webho');
    const reopened = await open();
    expect(reopened.list().map((w) => w.Name)).toEqual(['kept']);
  });

  it('refuses a damaged line in the middle of the journal, naming file and line', async () => {
    const store = await open();
    await store.insert(draft('a'));
    await appendFile(journalPath(file), 'not json\n{"seq":3,"change":{"op":"remove","id":1}}\n');
    await expect(open()).rejects.toThrow(`${journalPath(file)}:2 is a damaged journal entry`);
  });

  it('skips entries the snapshot already holds (a crash between compaction steps)', async () => {
    const store = await open();
    await store.recordSignal(signal(1));
    const leftover = await readFile(journalPath(file), 'utf8');
    await open(); // folds the signal into the snapshot and empties the journal
    await writeFile(journalPath(file), leftover); // as if emptying had not happened
    const reopened = await open();
    expect(reopened.signals().map((s) => s.EventId)).toEqual(['e1']);
  });

  it('folds the journal in once it is as large as the snapshot (amortised O(change))', async () => {
    const minBytes = 4096;
    const store = await openLowdbStore(file, { seed, compactMinBytes: minBytes });
    const journalBytes = async () => (await readFile(journalPath(file))).length;
    let folds = 0;
    let previous = 0;
    for (let i = 0; i < 200; i += 1) {
      await store.recordSignal(signal(i));
      const now = await journalBytes();
      if (now < previous) folds += 1;
      previous = now;
      // Never much more than the larger of the floor and the snapshot is left unfolded.
      const snapshotBytes = (await readFile(file)).length;
      expect(now).toBeLessThan(Math.max(minBytes, snapshotBytes) + 1024);
    }
    expect(folds).toBeGreaterThan(0);
    // As the snapshot grows, folds get rarer: fewer folds than a fixed every-N policy would do.
    expect(folds).toBeLessThan(20);
    const reopened = await open();
    expect(reopened.signals().at(-1)?.EventId).toBe('e199');
    expect(reopened.signals()).toHaveLength(200);
  });

  it('keeps every concurrent write (group commit)', async () => {
    const store = await open();
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.insert(draft(`w${i}`))));
    const reopened = await open();
    expect(reopened.list()).toHaveLength(50);
    expect(new Set(reopened.list().map((w) => w.WebhookId)).size).toBe(50);
  });

  it('--reset starts from the seed and ignores the old journal', async () => {
    const store = await open();
    await store.insert(draft('gone'));
    const reset = await open(true);
    expect(reset.list()).toEqual([]);
    expect(await journalLines()).toEqual([]);
  });
});
