// A write that is in flight while the control plane resets the tenant: the save waits for its
// target's test ping between reading the webhook and storing it, and a reset in that window
// puts the fixture's webhook back under the same id. The write read the old webhook, so it must
// not land on the fixture's one (spec/README.md C38): it answers 404 as for a webhook deleted
// meanwhile, and the fixture's webhook stays exactly as the reset left it.
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server.js';
import { BASIC, startReceiver, type Receiver } from './support.js';

let server: RunningServer;
let receiver: Receiver;
const held: ServerResponse[] = [];

beforeAll(async () => {
  // Holds every test ping until the test lets it go.
  receiver = await startReceiver((_request, response) => held.push(response));
  server = await startServer({ port: 0, host: '127.0.0.1', db: ':memory:', timeScale: 0.001 });
});

afterAll(async () => {
  for (const response of held) response.end('OK');
  await server?.close();
  await receiver?.close();
});

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${server.url}/api/v1${path}`, {
    ...init,
    headers: { authorization: BASIC, 'content-type': 'application/json', ...init.headers },
  });

async function whileThePingIsHeld(write: () => Promise<Response>): Promise<Response> {
  const before = held.length;
  const answer = write();
  // Bounded: 200 turns of 50 ms.
  for (let turn = 0; held.length === before && turn < 200; turn++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(held.length, 'the save pinged its target').toBeGreaterThan(before);
  const reset = await fetch(`${server.url}/__admin/reset`, { method: 'POST' });
  expect(reset.status).toBe(200);
  for (const response of held.splice(before)) response.end('OK');
  return answer;
}

describe('a reset while a write waits for its target ping', () => {
  it.each([
    [
      'PATCH',
      () =>
        api('/Webhook/1', {
          method: 'PATCH',
          headers: { 'content-type': 'application/json-patch+json' },
          body: JSON.stringify([
            { op: 'replace', path: '/TargetUrl', value: `${receiver.url}/patched` },
            { op: 'replace', path: '/Name', value: 'written before the reset' },
          ]),
        }),
    ],
    [
      'PUT',
      async () => {
        const current = (await (await api('/Webhook/1')).json()) as Record<string, unknown>;
        return api('/Webhook/1', {
          method: 'PUT',
          body: JSON.stringify({
            ...current,
            TargetUrl: `${receiver.url}/put`,
            Name: 'written before the reset',
          }),
        });
      },
    ],
  ])('%s answers 404 and leaves the fixture webhook of the same id alone', async (_verb, write) => {
    const fixture: unknown = await (await api('/Webhook/1')).json();
    const answer = await whileThePingIsHeld(write);
    expect(answer.status).toBe(404);
    expect(await answer.json()).toMatchObject({ Error: true });
    const after = await api('/Webhook/1');
    expect(after.status).toBe(200);
    // A reset stamps the fixture's webhooks anew; nothing wrote to this one since.
    const stamped = (await after.json()) as { Registered: string; Updated: string };
    expect(stamped).toEqual({
      ...(fixture as object),
      Registered: expect.any(String),
      Updated: stamped.Registered,
    });
  });
});
