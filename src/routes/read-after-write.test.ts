// Answers are produced once per stored version (routes/webhook-views.ts): every read after a
// write, by any route and in any form, must show the write. Each case reads first, so the old
// form is cached, then writes, then reads the same way again.
import { beforeEach, describe, expect, it } from 'vitest';
import type { WebhookRecord } from '../domain/webhook.js';
import { answerStatus, BASIC, createTestApp, type TestApp } from '../../test/support/test-app.js';

type Entity = Record<string, unknown>;

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});

const json = async (response: Response): Promise<unknown> => {
  expect(response.status).toBe(200);
  return response.json();
};
const read = async (path: string): Promise<Entity> => (await json(await t.call(path))) as Entity;
const list = async (path: string): Promise<Entity[]> =>
  (await json(await t.call(path))) as Entity[];
const getAll = async (select = '', body: Entity = {}): Promise<Entity[]> =>
  (await json(
    await t.call(`/api/v1/Agents/Webhook/GetAllWebhooks${select}`, { method: 'POST', body }),
  )) as Entity[];
const agentGet = async (id: number, select = ''): Promise<Entity | null> =>
  (await json(
    await t.call(`/api/v1/Agents/Webhook/GetWebhook?webhookId=${id}${select}`, { method: 'POST' }),
  )) as Entity | null;
const patch = async (id: number, value: string) => {
  const response = await t.call(`/api/v1/Webhook/${id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json-patch+json' },
    body: JSON.stringify([{ op: 'replace', path: '/Description', value }]),
  });
  expect(response.status).toBe(200);
};
const byId = (all: Entity[], id: number) => all.find((w) => w.WebhookId === id);

describe('a read after a write never answers the cached form of the old version', () => {
  it('GET by id, whole and with $select, after PATCH', async () => {
    expect((await read('/api/v1/Webhook/1')).Description).not.toBe('second');
    expect(await read('/api/v1/Webhook/1?$select=Description,Name')).toMatchObject({
      Events: null,
    });
    await patch(1, 'second');
    expect((await read('/api/v1/Webhook/1')).Description).toBe('second');
    const selected = await read('/api/v1/Webhook/1?$select=Description,Name');
    expect(selected).toMatchObject({ Description: 'second', Events: null });
    // The other spelling of the same selection shares its cached form, and it is new too.
    expect((await read('/api/v1/Webhook/1?$select=name,%20description')).Description).toBe(
      'second',
    );
    await patch(1, 'third');
    expect((await read('/api/v1/Webhook/1?$select=name,description')).Description).toBe('third');
  });

  it('every list form after PUT, POST and DELETE', async () => {
    const before = await list('/api/v1/Webhook');
    expect(await getAll()).toEqual(before);
    expect((await getAll('?$select=Name')).length).toBe(before.length);
    const existing = await read('/api/v1/Webhook/1');
    const put = await t.call('/api/v1/Webhook/1', {
      method: 'PUT',
      body: { ...existing, Name: 'Renamed by PUT' },
    });
    expect(put.status).toBe(200);
    const created = (await json(
      await t.call('/api/v1/Webhook', {
        method: 'POST',
        body: { Name: 'New one', Events: ['contact.created'], TargetUrl: 'https://example.com/h' },
      }),
    )) as Entity;
    expect((await t.call('/api/v1/Webhook/2', { method: 'DELETE' })).status).toBe(204);

    const names = (all: Entity[]) => all.map((w) => w.Name);
    const expected = ['Renamed by PUT', 'Sale won script', 'New one'];
    expect(names(await list('/api/v1/Webhook'))).toEqual(expected);
    expect(names(await getAll())).toEqual(expected);
    expect(names(await getAll('?$select=Name'))).toEqual(expected);
    // $select blanks the fields it leaves out, WebhookId too (C8): the new one is the last.
    expect(created.WebhookId).toBe(4);
    expect((await getAll('?$select=Name')).at(-1)).toMatchObject({ WebhookId: 0, Events: null });
    expect(await agentGet(2)).toBeNull();
    expect((await t.call('/api/v1/Webhook/2')).status).toBe(404);
  });

  it('filtered lists after a change that moves a webhook in or out of the filter', async () => {
    const stopped = () => list('/api/v1/Webhook?statusFilter=Stopped');
    expect((await stopped()).map((w) => w.WebhookId)).toEqual([2]);
    expect((await getAll('', { StatusFilter: 'Stopped' })).map((w) => w.WebhookId)).toEqual([2]);
    const response = await t.call('/api/v1/Webhook/1', {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ State: 'Stopped' }),
    });
    expect(response.status).toBe(200);
    expect((await stopped()).map((w) => w.WebhookId)).toEqual([1, 2]);
    expect((await getAll('', { StatusFilter: 'Stopped' })).map((w) => w.WebhookId)).toEqual([1, 2]);
  });

  it('_Links follow the origin each request is answered for', async () => {
    const links = async (host: string) =>
      (await json(
        await t.app.request(`http://${host}/api/v1/Webhook/1`, {
          headers: { authorization: BASIC },
        }),
      )) as Entity;
    expect((await links('one.test'))._Links).toEqual({
      Self: 'http://one.test/api/v1/Webhook/1',
      Archive: 'http://one.test/api/v1/Webhook',
    });
    expect(((await links('two.test'))._Links as Entity).Self).toBe(
      'http://two.test/api/v1/Webhook/1',
    );
    expect(((await links('one.test'))._Links as Entity).Self).toBe(
      'http://one.test/api/v1/Webhook/1',
    );
  });

  it('the counters deliveries update, in every form', async () => {
    const counters = (w: Entity | null | undefined) => [
      w?.TotalCalls,
      w?.TotalErrors,
      w?.ConsecutiveErrors,
      w?.LastError,
    ];
    const sel = '?$select=TotalCalls,TotalErrors,ConsecutiveErrors,LastError';
    const reads = async () => [
      counters(await read('/api/v1/Webhook/1')),
      counters(await read(`/api/v1/Webhook/1${sel}`)),
      counters(await agentGet(1)),
      counters(await agentGet(1, sel.replace('?', '&'))),
      counters(byId(await list('/api/v1/Webhook'), 1)),
      counters(byId(await getAll(), 1)),
      // The selection leaves WebhookId out (blanked to 0), so the first entry is webhook 1.
      counters((await getAll(sel))[0]),
    ];
    const start = (await reads())[0] as unknown[];
    expect(start).toEqual([0, 0, 0, null]);

    t.answer = answerStatus(500, 'down');
    const signal = await t.call('/api/v1/Webhook/ticket.created/7', { method: 'POST', body: {} });
    expect(signal.status).toBe(204);
    await t.drain();
    const failed = await reads();
    const [calls, errors, consecutive, lastError] = failed[0] as [number, number, number, string];
    expect(calls).toBeGreaterThan(0);
    expect(errors).toBeGreaterThan(0);
    expect(consecutive).toBeGreaterThan(0);
    expect(lastError).toContain('down');
    for (const form of failed) expect(form).toEqual(failed[0]);

    t.answer = answerStatus(200, 'OK');
    await t.call('/api/v1/Webhook/ticket.created/8', { method: 'POST', body: {} });
    await t.drain();
    const recovered = await reads();
    expect((recovered[0] as number[])[0]).toBeGreaterThan(calls);
    expect((recovered[0] as number[])[2]).toBe(0);
    for (const form of recovered) expect(form).toEqual(recovered[0]);
    expect(t.problems).toEqual([]);
  });
});

describe('an answer that does not match the response schema (spec/README.md C32)', () => {
  it('is logged once per version and still served as stored', async () => {
    const logged: string[] = [];
    const app = await createTestApp({ logger: { error: (message) => logged.push(message) } });
    const stored = await app.store.insert({
      ...(await read('/api/v1/Webhook/1')),
      _Links: undefined,
      Name: 'stored by a tool',
      State: 'NotAState',
    } as unknown as WebhookRecord);
    const path = `/api/v1/Webhook/${stored.WebhookId}`;
    for (let i = 0; i < 3; i++) {
      const response = await app.call(path);
      expect(response.status).toBe(200);
      expect(((await response.json()) as Entity).State).toBe('NotAState');
    }
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain(`Webhook ${stored.WebhookId} does not match the response schema`);
    expect(logged[0]).toContain('State');
  });
});
