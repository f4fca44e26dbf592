// The library API as a test suite uses it: imported by package name only, so the same file runs
// in this repository (vitest aliases the name to src/index.ts) and against the packed tarball
// installed into an empty folder.
import { describe, expect, it } from 'vitest';
import { createMockApp, runConformance, startMockServer } from 'so-webhook-mock';

const auth = { authorization: `Basic ${Buffer.from('tje0:Tje0').toString('base64')}` };
const json = { ...auth, 'content-type': 'application/json' };

describe('startMockServer', () => {
  it('delivers a signed event to its built-in inbox', async () => {
    const mock = await startMockServer();
    try {
      const saved = await fetch(`${mock.url}/api/v1/Webhook`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({
          Name: 'Orders',
          Events: ['contact.created'],
          TargetUrl: mock.inbox.url('orders'),
          Secret: 's3cret',
        }),
      });
      expect(saved.status).toBe(200);

      const signal = await fetch(`${mock.url}/api/v1/Webhook/contact.created/42`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ name: 'Acme' }),
      });
      expect(signal.status).toBe(204);

      const delivery = await mock.deliveries.waitFor({
        Event: 'contact.created',
        State: 'succeeded',
      });
      expect(delivery.Url).toBe(mock.inbox.url('orders'));
      const received = await mock.inbox.waitFor({ Inbox: 'orders', Event: 'contact.created' });
      expect(received.Signature).toBe('verified');
      expect(JSON.parse(received.Body)).toMatchObject({
        PrimaryKey: 42,
        FieldValues: { name: 'Acme' },
      });
    } finally {
      await mock.close();
    }
  });

  it('retries while the inbox answers 500, and resets to a fixture', async () => {
    const mock = await startMockServer({ timeScale: 0.001 });
    try {
      mock.inbox.setStatus('tickets', 500);
      const signal = await fetch(`${mock.url}/api/v1/Webhook/ticket.created/7`, {
        method: 'POST',
        headers: json,
        body: '{}',
      });
      expect(signal.status).toBe(204);
      await mock.inbox.waitFor(
        (r) => r.Inbox === 'tickets' && r.Headers['x-superoffice-retry'] === '1',
      );
      mock.inbox.setStatus('tickets', 200);
      const delivered = await mock.deliveries.waitFor({
        Event: 'ticket.created',
        State: 'succeeded',
      });
      expect(delivered.Attempts.length).toBeGreaterThan(1);

      await mock.reset('empty');
      const list = await fetch(`${mock.url}/api/v1/Webhook`, { headers: auth });
      expect(await list.json()).toEqual([]);
    } finally {
      await mock.close();
    }
  });
});

describe('createMockApp', () => {
  it('answers in process, with no port', async () => {
    const app = await createMockApp();
    try {
      const response = await app.request('/api/v1/Webhook/1', { headers: auth });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ Name: 'Ticket System Integration' });
      expect((await app.request('/api/v1/Webhook')).status).toBe(401);
    } finally {
      await app.close();
    }
  });
});

describe('runConformance', () => {
  it('returns the JSON report for a target', async () => {
    const mock = await startMockServer();
    try {
      const report = await runConformance({ target: mock.url, only: ['auth'] });
      expect(report.format).toBe('so-webhook-mock/conformance-report@1');
      expect(report.summary.total).toBeGreaterThan(0);
      expect(report.summary.failed).toBe(0);
      expect(report.verdicts.every((v) => v.id.startsWith('auth.'))).toBe(true);
    } finally {
      await mock.close();
    }
  });
});
