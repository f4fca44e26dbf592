// The built-in receiver: records what arrives with a signature verdict checked like a real
// receiver checks it (docs/sources.md §3c), answers the status a test sets, and stays bounded.
import { afterEach, describe, expect, it } from 'vitest';
import { signBody } from '../delivery/signature.js';
import type { WebhookRecord } from '../domain/webhook.js';
import { createMockApp, type MockApp } from '../library/mock-app.js';
import { BoundedRecords } from './bounded-records.js';
import { MemoryInbox } from './inbox.js';
import { signatureVerdict, targetsInbox, type InboxTarget } from './verdict.js';

const BASIC = `Basic ${Buffer.from('tje0:Tje0').toString('base64')}`;
const hook = (id: number, secret: string | null): InboxTarget => ({
  tenant: 'Default',
  webhook: { WebhookId: id, Secret: secret } as WebhookRecord,
});

describe('signatureVerdict', () => {
  const body = '{"Event":"test"}';
  it.each([
    [
      'verified by the matching secret',
      signBody('b', body),
      [hook(1, 'a'), hook(2, 'b')],
      'verified',
      2,
    ],
    ['invalid when no secret matches', signBody('c', body), [hook(1, 'a')], 'invalid', null],
    ['unsigned without a signature', undefined, [hook(3, null)], 'unsigned', 3],
    [
      'unknown-webhook when nothing targets the inbox',
      signBody('a', body),
      [],
      'unknown-webhook',
      null,
    ],
  ] as const)('%s', (_, signature, targets, verdict, webhookId) => {
    expect(signatureVerdict(body, signature, targets)).toMatchObject({ verdict, webhookId });
  });

  it('matches an inbox by path on any host, case-insensitively', () => {
    expect(targetsInbox('http://localhost:3000/__inbox/Orders', '/__inbox/orders')).toBe(true);
    expect(targetsInbox('http://127.0.0.1:9/__inbox/orders/x', '/__inbox/orders')).toBe(false);
    expect(targetsInbox('not a url', '/__inbox/orders')).toBe(false);
  });
});

describe('BoundedRecords', () => {
  it('drops the oldest first, per key and in total, by count and bytes, and counts drops', () => {
    const kept = new BoundedRecords<number>({
      records: 4,
      bytes: 100,
      recordsPerInbox: 3,
      bytesPerInbox: 60,
    });
    for (const n of [1, 2, 3, 4]) kept.add('a', n, 10);
    expect(kept.list('a')).toEqual([4, 3, 2]);
    kept.add('b', 5, 10);
    kept.add('b', 6, 10);
    expect(kept.list()).toEqual([6, 5, 4, 3]);
    kept.add('b', 7, 55); // over b's bytes: its older records go, the newest stays
    expect(kept.list('b')).toEqual([7]);
    expect(kept.tally('b')).toEqual({ records: 1, bytes: 55, dropped: 2 });
    expect(kept.total()).toMatchObject({ records: 3, bytes: 75, dropped: 4 });
    kept.clear('a');
    expect(kept.total()).toMatchObject({ records: 1, bytes: 55 });
  });
});

describe('MemoryInbox', () => {
  const arrival = { method: 'POST', url: '/__inbox/a', headers: {}, body: '{}' };
  it('keeps the newest records and a bounded number of names', () => {
    const inbox = new MemoryInbox({
      targets: () => [],
      clock: { now: () => new Date(0) },
      maxRecords: 2,
      maxInboxes: 2,
    });
    for (const name of ['a', 'b', 'a']) expect(inbox.receive(name, arrival)).toBeDefined();
    expect(inbox.receive('c', arrival)).toBeUndefined();
    expect(inbox.list().map((r) => r.Id)).toEqual([3, 2]);
    expect(inbox.setStatus('c', 500)).toBe(false);
    inbox.clear('b');
    expect(inbox.receive('c', arrival)).toBeDefined();
  });

  it('looks again on reading at a verdict given before the webhook was stored', () => {
    const targets: InboxTarget[] = [];
    const inbox = new MemoryInbox({
      targets: () => targets,
      clock: { now: () => new Date(0) },
      maxRecords: 9,
      maxInboxes: 9,
    });
    const body = '{"Event":"test"}';
    inbox.receive('a', {
      ...arrival,
      body,
      headers: { 'x-superoffice-signature': signBody('s', body) },
    });
    expect(inbox.list()[0]?.Signature).toBe('unknown-webhook');
    targets.push(hook(7, 's'));
    expect(inbox.list()[0]).toMatchObject({ Signature: 'verified', WebhookId: 7 });
  });
});

describe('/__inbox/<name> and /__admin/inbox', () => {
  let app: MockApp;
  afterEach(() => app?.close());

  it('records a delivery, verified, and answers the status a test sets', async () => {
    app = await createMockApp({ timeScale: 0.001 });
    const set = await app.request('/__admin/inbox/tickets', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{"Status":503}',
    });
    expect(set.status).toBe(200);
    const signal = await app.request('/api/v1/Webhook/ticket.created/5', {
      method: 'POST',
      headers: { authorization: BASIC, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(signal.status).toBe(204);
    const first = await app.inbox.waitFor({ Inbox: 'tickets' });
    expect(first).toMatchObject({
      Status: 503,
      Signature: 'verified',
      WebhookId: 1,
      Event: 'ticket.created',
    });
    app.inbox.setStatus('tickets', 200);
    await app.deliveries.waitFor({ Event: 'ticket.created', State: 'succeeded' });

    const listed = await app.request('/__admin/inbox/tickets');
    const records = (await listed.json()) as Array<{ Status: number }>;
    expect(records[0]?.Status).toBe(200);
    expect(records.at(-1)?.Status).toBe(503);
    const names = await (await app.request('/__admin/inbox')).json();
    expect(names).toEqual([
      {
        Inbox: 'tickets',
        Records: records.length,
        Bytes: expect.any(Number) as number,
        Dropped: 0,
        Status: 200,
      },
    ]);
  });

  it('refuses bad names, bad statuses and oversized bodies in the error shape', async () => {
    app = await createMockApp({ limits: { maxBodyBytes: 10 } });
    const badName = await app.request('/__inbox/a%2Fb', { method: 'POST', body: '{}' });
    expect(badName.status).toBe(400);
    expect(await badName.json()).toMatchObject({ Error: true });
    const badStatus = await app.request('/__admin/inbox/a', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{"Status":99}',
    });
    expect(badStatus.status).toBe(400);
    const large = await app.request('/__inbox/a', { method: 'POST', body: 'x'.repeat(11) });
    expect(large.status).toBe(413);
    expect(app.inbox.list()).toEqual([]);
  });
});
