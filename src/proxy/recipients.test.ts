// Where a signalled event may go, judged from the record alone: only what the record proves
// is reported — a webhook seen after the signal, a write under way or since, another tenant,
// or a second webhook at the path that may receive the event clears the delivery.
import { describe, expect, it } from 'vitest';
import { Recipients, signalOf } from './recipients.js';
import { SeenState } from './seen-state.js';

const span = (startedAt: number) => ({
  startedAt,
  endedAt: startedAt + 1,
  at: new Date(startedAt).toISOString(),
});
const hook = (id: number, more: Record<string, unknown> = {}) => ({
  WebhookId: id,
  TargetUrl: 'https://tunnel.example.com/__inbox/a',
  Events: ['contact.created'],
  State: 'Active',
  ...more,
});
const signal = (startedAt: number, scope = '') => ({
  operationId: 'signalWebhookEvent',
  request: {
    method: 'POST',
    path: `${scope ? `/${scope}` : ''}/api/v1/Webhook/contact.created/7`,
    query: '',
    headers: {},
    body: Buffer.from('{}'),
  },
  scope,
  startedAt,
});

function setUp(...webhooks: Array<Record<string, unknown>>) {
  const state = new SeenState();
  for (const w of webhooks) state.sighted('', w, span(10));
  return { state, recipients: new Recipients(state) };
}
const rules = (r: Recipients, at = 100) =>
  r.judge('/__inbox/a', 'contact.created', 7, at).map((f) => f.rule);

describe('Recipients', () => {
  it('reports a Stopped, an unsubscribed and a deleted webhook as the record shows them', () => {
    const stopped = setUp(hook(1, { State: 'Stopped' }));
    stopped.recipients.signalled(signal(50));
    expect(rules(stopped.recipients)).toEqual(['delivery.not-active']);
    const other = setUp(hook(1, { Events: ['sale.created'] }));
    other.recipients.signalled(signal(50));
    expect(rules(other.recipients)).toEqual(['delivery.unsubscribed']);
    const gone = setUp(hook(1));
    gone.state.deleted('', 1, span(20));
    gone.recipients.signalled(signal(50));
    expect(rules(gone.recipients)).toEqual(['delivery.deleted']);
  });

  it('judges nothing the record cannot prove', () => {
    const active = setUp(hook(1, { State: 'Stopped' }), hook(2));
    active.recipients.signalled(signal(50));
    expect(rules(active.recipients)).toEqual([]);
    const later = setUp(hook(1, { State: 'Stopped' }));
    later.recipients.signalled(signal(5));
    expect(rules(later.recipients)).toEqual([]);
    const writing = setUp(hook(1, { State: 'Stopped' }));
    writing.state.writeStarted('', 1, 30);
    writing.recipients.signalled(signal(50));
    expect(rules(writing.recipients)).toEqual([]);
    const tenant = setUp(hook(1, { State: 'Stopped' }));
    tenant.recipients.signalled(signal(50, 'cust2'));
    expect(rules(tenant.recipients)).toEqual([]);
    const unsignalled = setUp(hook(1, { State: 'Stopped' }));
    expect(rules(unsignalled.recipients)).toEqual([]);
    const refused = setUp(hook(1, { State: 'Stopped' }));
    const sent = refused.recipients.signalled(signal(50));
    expect(sent).toBeDefined();
    if (sent) refused.recipients.withdrawn(sent);
    expect(rules(refused.recipients)).toEqual([]);
    const early = setUp(hook(1, { State: 'Stopped' }));
    early.recipients.signalled(signal(50));
    expect(rules(early.recipients, 40)).toEqual([]);
  });

  it('reads the event and PrimaryKey of both signal operations', () => {
    const request = (path: string, body = '') => ({
      method: 'POST',
      path,
      query: '',
      headers: {},
      body: Buffer.from(body),
    });
    expect(signalOf('signalWebhookEvent', request('/api/v1/Webhook/contact.created/42'))).toEqual({
      event: 'contact.created',
      primaryKey: 42,
    });
    const agent = request(
      '/api/v1/Agents/Webhook/SignalEvent',
      '{"eventName":"a.b","PrimaryKey":3}',
    );
    expect(signalOf('signalEvent', agent)).toEqual({ event: 'a.b', primaryKey: 3 });
    expect(signalOf('getWebhook', request('/api/v1/Webhook/1'))).toBeUndefined();
  });
});
