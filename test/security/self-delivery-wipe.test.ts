// Finding: the mock wiped its own store through its own deliveries. TestWebhook (or a saved
// webhook) with TargetUrl http://127.0.0.1:<its port>/__admin/reset made the mock POST to its
// own control plane and reset the store. A TargetUrl that reaches the server itself is now a
// 400 at save and test, in every spelling of loopback, and refused again at delivery time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliver } from '../../src/delivery/deliver.js';
import {
  INBOX_PREFIX,
  selfTargetProblem,
  type ListeningAddress,
} from '../../src/delivery/self-target.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { BASIC } from '../support/test-app.js';

const P = 3210;
const onLoopback: ListeningAddress = { port: P, addresses: ['127.0.0.1'], loopback: true };

describe('selfTargetProblem: every spelling of this server is refused', () => {
  it.each([
    `http://127.0.0.1:${P}/__admin/reset`,
    `http://localhost:${P}/`,
    `http://LOCALHOST.:${P}/`,
    `http://app.localhost:${P}/`,
    `http://127.0.0.2:${P}/`,
    `http://[::1]:${P}/`,
    `http://[0:0:0:0:0:0:0:1]:${P}/`,
    `http://[::ffff:127.0.0.1]:${P}/`,
    `http://0.0.0.0:${P}/`,
    `http://2130706433:${P}/`,
    `http://0x7f000001:${P}/`,
    `http://017700000001:${P}/`,
    `http://127.1:${P}/`,
    `https://127.0.0.1:${P}/`,
    `http://127.0.0.1:${P}${INBOX_PREFIX}../__admin/reset`,
    `http://127.0.0.1:${P}${INBOX_PREFIX}%2e%2e/__admin/reset`,
  ])('%s', (target) => {
    expect(selfTargetProblem(target, onLoopback)).toMatch(/points at this mock server itself/);
  });

  it.each([
    `http://127.0.0.1:${P + 1}/__admin/reset`,
    `http://127.0.0.1:${P}${INBOX_PREFIX}orders`,
    `http://example.com:${P}/`,
    `http://10.0.0.1:${P}/`,
    'not a url',
  ])('%s is not this server', (target) => {
    expect(selfTargetProblem(target, onLoopback)).toBeUndefined();
  });

  it('bound to 0.0.0.0: every interface address is this server', () => {
    const wildcard = { port: P, addresses: ['127.0.0.1', '192.168.1.5'], loopback: true };
    expect(selfTargetProblem(`http://192.168.1.5:${P}/`, wildcard)).toBeDefined();
    expect(selfTargetProblem(`http://192.168.1.6:${P}/`, wildcard)).toBeUndefined();
  });

  it('bound to one address: that address is this server, loopback is not', () => {
    const lan = { port: P, addresses: ['192.168.1.5'], loopback: false };
    expect(selfTargetProblem(`http://192.168.1.5:${P}/`, lan)).toBeDefined();
    expect(selfTargetProblem(`http://127.0.0.1:${P}/`, lan)).toBeUndefined();
  });

  it('a name is judged by the address it resolved to', () => {
    const target = `http://receiver.example:${P}/hook`;
    expect(selfTargetProblem(target, onLoopback)).toBeUndefined();
    expect(selfTargetProblem(target, onLoopback, '127.0.0.1')).toBeDefined();
    expect(selfTargetProblem(target, onLoopback, '::ffff:7f00:1')).toBeDefined();
  });

  it('a resolved name is refused as the socket connects (deliver sends nothing)', async () => {
    const result = await deliver({
      url: `http://localhost:${P}/hook`,
      headers: {},
      body: '{}',
      timeoutMs: 5000,
      refuseAddress: () => 'refused: resolves to this server',
    });
    expect(result).toMatchObject({ ok: false, error: 'refused: resolves to this server' });
  });
});

describe('a running server refuses to deliver to itself', () => {
  let server: RunningServer;
  const agent = (method: string, body: unknown) =>
    fetch(`${server.url}/api/v1/Agents/Webhook/${method}`, {
      method: 'POST',
      headers: { authorization: BASIC, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    server = await startServer({ port: 0, db: ':memory:', verifyTargets: false });
    // A change the reset would undo: one fixture webhook fewer.
    const first = server.store.list()[0];
    if (first) await server.store.remove(first.WebhookId);
  });
  afterAll(() => server.close());

  it.each([
    ['TestWebhook', (webhook: object) => ({ Webhook: webhook })],
    ['SaveWebhook', (webhook: object) => webhook],
  ])('%s to /__admin/reset is a 400; the store stays', async (method, wrap) => {
    const before = server.store.list().length;
    const webhook = { Name: 'wipe', TargetUrl: `${server.url}/__admin/reset`, Type: 'webhook' };
    const response = await agent(method, wrap(webhook));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { Message: string };
    expect(body.Message).toMatch(/points at this mock server itself/);
    expect(server.store.list().length).toBe(before);
  });

  it('REST POST /Webhook/Test with a numeric loopback spelling is a 400', async () => {
    const target = `http://2130706433:${server.port}/__admin/reset`;
    const response = await fetch(`${server.url}/api/v1/Webhook/Test`, {
      method: 'POST',
      headers: { authorization: BASIC, 'content-type': 'application/json' },
      body: JSON.stringify({ Name: 'wipe', TargetUrl: target, Type: 'webhook' }),
    });
    expect(response.status).toBe(400);
  });
});
