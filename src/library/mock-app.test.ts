// createMockApp answers its own inbox in process and nothing else: any other TargetUrl, on its
// origin or not, goes to the network deliverer.
import { describe, expect, it } from 'vitest';
import type { DeliveryRequest } from '../delivery/deliver.js';
import { createMockApp } from './mock-app.js';

const BASIC = `Basic ${Buffer.from('tje0:Tje0').toString('base64')}`;

describe('createMockApp deliveries', () => {
  it('hands /__inbox/ deliveries to the app and every other URL to the network', async () => {
    const sent: DeliveryRequest[] = [];
    const app = await createMockApp({
      fixture: 'empty',
      verifyTargets: false,
      deliver: async (request) => {
        sent.push(request);
        return { ok: true, status: 200, latencyMs: 0 };
      },
    });
    try {
      for (const [name, target] of [
        ['inbox', `${app.url}/__inbox/here`],
        ['own origin', `${app.url}/hook`],
      ]) {
        const saved = await app.request('/api/v1/Webhook', {
          method: 'POST',
          headers: { authorization: BASIC, 'content-type': 'application/json' },
          body: JSON.stringify({ Name: name, Events: ['a.b'], TargetUrl: target }),
        });
        expect(saved.status).toBe(200);
      }
      const signal = await app.request('/api/v1/Webhook/a.b/1', {
        method: 'POST',
        headers: { authorization: BASIC, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(signal.status).toBe(204);
      await app.inbox.waitFor({ Inbox: 'here', Event: 'a.b' });
      await app.deliveries.waitFor({ Url: `${app.url}/hook`, State: 'succeeded' });
      expect(sent.map((request) => request.url)).toEqual([`${app.url}/hook`]);
    } finally {
      await app.close();
    }
  });
});
