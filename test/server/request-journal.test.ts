// The request journal: every API call (each tenant's too) with its time, tenant, method,
// path, status, duration, refusal and bounded bodies, in a ring of fixed size, at
// GET /__admin/requests with filters, cleared by DELETE; and the library's requests()/verify().
import { afterEach, describe, expect, it } from 'vitest';
import { createMockApp, type MockApp } from '../../src/library/mock-app.js';
import type { JournalEntry } from '../../src/requests/request-journal.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { BASIC } from '../support/spawn-server.js';

let server: RunningServer | undefined;
let app: MockApp | undefined;

afterEach(async () => {
  await server?.close();
  await app?.close();
  server = undefined;
  app = undefined;
});

async function start(limits: Record<string, number> = {}) {
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    db: ':memory:',
    verifyTargets: false,
    limits,
  });
  return server;
}

const call = (path: string, init: RequestInit = {}) =>
  fetch(`${server?.url}${path}`, {
    ...init,
    headers: { authorization: BASIC, 'content-type': 'application/json', ...init.headers },
  });

async function journal(query = ''): Promise<JournalEntry[]> {
  const answer = await fetch(`${server?.url}/__admin/requests${query}`);
  expect(answer.status).toBe(200);
  return (await answer.json()) as JournalEntry[];
}

describe('GET /__admin/requests', () => {
  it('records each call with its status, tenant, refusal and bodies, newest first', async () => {
    await start();
    await call('/api/v1/Webhook/1');
    await call('/api/v1/Webhook', { method: 'POST', body: '{"Name":"x","Bogus":1}' });
    await call('/Cust7/api/v1/Webhook/1', {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: '{"Name":"renamed"}',
    });
    const [patch, refused, read] = await journal();
    expect(patch).toMatchObject({
      Tenant: 'Cust7',
      Method: 'PATCH',
      Path: '/Cust7/api/v1/Webhook/1',
      Status: 200,
      OperationId: 'patchWebhook',
      Problem: null,
      Request: { Body: { Text: '{"Name":"renamed"}', Truncated: false } },
    });
    expect(JSON.parse(patch?.Response.Body.Text ?? '')).toMatchObject({ Name: 'renamed' });
    expect(patch?.Request.Headers['content-type']).toBe('application/merge-patch+json');
    expect(refused).toMatchObject({ Tenant: 'Default', Method: 'POST', Status: 400 });
    expect(refused?.Problem).toContain("'Bogus'");
    expect(JSON.parse(refused?.Response.Body.Text ?? '')).toMatchObject({ Error: true });
    expect(read).toMatchObject({ Method: 'GET', Path: '/api/v1/Webhook/1', Status: 200 });
    expect(typeof read?.DurationMs).toBe('number');
    expect(Date.parse(read?.At ?? '')).not.toBeNaN();
  });

  it('filters by method, path pattern, tenant, status class and since', async () => {
    await start();
    await call('/api/v1/Webhook/1');
    const between = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await call('/api/v1/Webhook/999');
    await call('/Cust8/api/v1/Webhook/2');
    await call('/api/v1/Webhook/1', { method: 'DELETE' });
    const paths = (entries: JournalEntry[]) => entries.map((e) => `${e.Method} ${e.Path}`);
    expect(paths(await journal('?method=delete'))).toEqual(['DELETE /api/v1/Webhook/1']);
    expect(paths(await journal('?path=/api/v1/webhook/*&method=GET'))).toEqual([
      'GET /api/v1/Webhook/999',
      'GET /api/v1/Webhook/1',
    ]);
    expect(paths(await journal('?tenant=Cust8'))).toEqual(['GET /Cust8/api/v1/Webhook/2']);
    expect(paths(await journal('?status=4xx'))).toEqual(['GET /api/v1/Webhook/999']);
    expect(await journal(`?since=${encodeURIComponent(between)}`)).toHaveLength(3);
    const unknown = await fetch(`${server?.url}/__admin/requests?tenant=Cust9`);
    expect(unknown.status).toBe(404);
    const bad = await fetch(`${server?.url}/__admin/requests?status=teapot`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ Error: true });
  });

  it('keeps the newest calls within its bound, cuts long bodies and is emptied by DELETE', async () => {
    await start({ journalEntries: 3, journalBodyBytes: 8 });
    for (const id of [1, 2, 3, 4, 5]) await call(`/api/v1/Webhook/${id}`);
    await call('/api/v1/Webhook', { method: 'POST', body: '{"Name":"a long name"}' });
    const kept = await journal();
    expect(kept.map((e) => e.Path)).toEqual([
      '/api/v1/Webhook',
      '/api/v1/Webhook/5',
      '/api/v1/Webhook/4',
    ]);
    expect(kept[0]?.Request.Body).toEqual({ Text: '{"Name":', Truncated: true });
    expect(kept[1]?.Response.Body.Truncated).toBe(true);
    expect(kept[1]?.Response.Body.Text).toHaveLength(8);
    const cleared = await fetch(`${server?.url}/__admin/requests`, { method: 'DELETE' });
    expect(cleared.status).toBe(204);
    expect(await journal()).toEqual([]);
  });
});

describe('requests() and verify() in the library', () => {
  it('answers what was called, and verify names what was received when the count is wrong', async () => {
    app = await createMockApp();
    const patch = await app.request('/api/v1/Webhook/1', {
      method: 'PATCH',
      headers: { authorization: BASIC, 'content-type': 'application/merge-patch+json' },
      body: '{"State":"Stopped"}',
    });
    expect(patch.status).toBe(200);
    await app.request('/api/v1/Webhook', { headers: { authorization: BASIC } });
    const patches = app.requests({ method: 'PATCH', path: '/api/v1/Webhook/1' });
    expect(patches).toHaveLength(1);
    expect(JSON.parse(patches[0]?.Request.Body.Text ?? '')).toEqual({ State: 'Stopped' });
    expect(app.verify({ method: 'PATCH', path: '/api/v1/Webhook/1' }, 1)).toHaveLength(1);
    expect(app.verify({ method: 'PATCH', body: { State: 'Stopped' } })).toHaveLength(1);
    expect(() => app?.verify({ method: 'PATCH', body: { State: 'Active' } })).toThrow(
      'Expected at least 1 request matching PATCH any path (body {"State":"Active"}), found 0. ' +
        'Received, newest last: PATCH /api/v1/Webhook/1 200, GET /api/v1/Webhook 200.',
    );
    expect(() => app?.verify({ method: 'GET' }, { atMost: 0 })).toThrow('found 1');
    app.clearRequests();
    expect(app.requests()).toEqual([]);
  });
});
