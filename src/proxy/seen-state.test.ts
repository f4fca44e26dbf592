// The proxy's record of what it saw: bounded, kept per tenant, and a delete counts only for a
// webhook the proxy saw exist.
import { describe, expect, it } from 'vitest';
import { SeenState } from './seen-state.js';

const span = (startedAt: number) => ({
  startedAt,
  endedAt: startedAt + 1,
  at: new Date(startedAt).toISOString(),
});

describe('SeenState', () => {
  it('forgets the webhook used longest ago past its bound', () => {
    const state = new SeenState(2);
    state.sighted('', { WebhookId: 1 }, span(1));
    state.sighted('', { WebhookId: 2 }, span(2));
    state.writeStarted('', 1); // 1 is now the most recently used
    state.sighted('', { WebhookId: 3 }, span(3));
    expect(state.get('', 1)).toBeDefined();
    expect(state.get('', 2)).toBeUndefined();
    expect(state.get('', 3)).toBeDefined();
  });

  it('keeps the webhooks of each tenant apart', () => {
    const state = new SeenState();
    state.sighted('cust1', { WebhookId: 7, Name: 'one' }, span(1));
    state.sighted('cust2', { WebhookId: 7, Name: 'two' }, span(1));
    expect(state.get('cust1', 7)?.sighting?.webhook.Name).toBe('one');
    expect([...state.live('cust2')].map((t) => t.sighting.webhook.Name)).toEqual(['two']);
  });

  it('records a delete only of a webhook it saw, and keeps the later of two answers', () => {
    const state = new SeenState();
    state.deleted('', 9, span(1));
    expect(state.get('', 9)).toBeUndefined();
    state.sighted('', { WebhookId: 9, Name: 'late' }, { startedAt: 5, endedAt: 9, at: '' });
    // An answer to a request sent earlier and answered earlier is an older state.
    state.sighted('', { WebhookId: 9, Name: 'early' }, { startedAt: 4, endedAt: 6, at: '' });
    expect(state.get('', 9)?.sighting?.webhook.Name).toBe('late');
    state.deleted('', 9, span(10));
    expect([...state.live('')]).toEqual([]);
  });

  it('counts relayed attempts from counters seen before the first', () => {
    const state = new SeenState();
    const hook = { WebhookId: 4, TargetUrl: 'http://x/__inbox/a/b', TotalCalls: 3, TotalErrors: 1 };
    state.sighted('', hook, span(1));
    state.attempted(4, '/__inbox/a/b', true);
    state.attempted(4, '/__inbox/a/other', true);
    expect(state.get('', 4)?.relayed).toMatchObject({
      base: { TotalCalls: 3, TotalErrors: 1 },
      attempts: 1,
      failed: 1,
      unknownBase: false,
    });
  });
});
