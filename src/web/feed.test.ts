import { afterEach, describe, expect, it } from 'vitest';
import type { Deliver } from '../delivery/deliver.js';
import { startServer, type RunningServer } from '../server.js';
import { delivery, HOOK, sseReader, webApp } from '../../test/support/web-test-kit.js';

async function connect(app: ReturnType<typeof webApp>['app']) {
  const response = await app.request('/__admin/events');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/event-stream');
  return sseReader(response.body as ReadableStream<Uint8Array>);
}

describe('live feed', () => {
  it('sends the webhook rows and the delivery log on connect', async () => {
    const { app, store } = webApp();
    await store.addDelivery(delivery({ State: 'succeeded' }));
    const feed = await connect(app);
    const [webhooks, deliveries] = await feed.next(2);
    expect(webhooks?.event).toBe('webhooks');
    expect(webhooks?.data).toContain('id="webhook-1"');
    expect(webhooks?.data).toContain('Orders &lt;main&gt;');
    expect(deliveries?.event).toBe('deliveries');
    expect(deliveries?.data).toContain('id="delivery-1"');
    await feed.cancel();
  });

  it('sends each change as it is stored, in order', async () => {
    const { app, store } = webApp();
    const feed = await connect(app);
    await feed.next(2);
    const added = await store.addDelivery(delivery());
    await store.updateDelivery(added.DeliveryId, (d) => ({ ...d, State: 'failed' }));
    await store.replace({ ...HOOK, TotalErrors: 3 });
    await store.remove(HOOK.WebhookId);
    const events = await feed.next(4);
    expect(events.map((e) => e.event)).toEqual([
      'delivery',
      'delivery',
      'webhook',
      'webhook-removed',
    ]);
    expect(events[0]?.data).toContain('data-state="pending"');
    expect(events[1]?.data).toContain('data-state="failed"');
    expect(events[2]?.data).toMatch(/data-counter="TotalErrors">3</);
    expect(events[3]?.data).toBe('1');
    await feed.cancel();
  });

  it('ends open streams on close and refuses new ones', async () => {
    const { app, ui } = webApp();
    const feed = await connect(app);
    await feed.next(2);
    ui.close();
    await expect(feed.ended()).resolves.toBe(true);
    expect((await app.request('/__admin/events')).status).toBe(503);
  });
});

describe('live feed in the running server', () => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('reports a signalled delivery, and close() does not wait for the open stream', async () => {
    const deliver: Deliver = async () => ({ ok: true, status: 200, latencyMs: 3 });
    server = await startServer({ port: 0, db: ':memory:', deliver });
    const response = await fetch(`${server.url}/__admin/events`);
    const feed = sseReader(response.body as ReadableStream<Uint8Array>);
    await feed.next(2);
    const signal = await fetch(`${server.url}/api/v1/Agents/Webhook/SignalEvent`, {
      method: 'POST',
      headers: {
        authorization: 'SOTicket 7T:mock-ticket-tje0',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ EventName: 'ticket.created', PrimaryKey: 7 }),
    });
    expect(signal.status).toBe(204);
    const seen: string[] = [];
    for (let i = 0; i < 20 && !seen.some((d) => d.includes('data-state="succeeded"')); i++) {
      const [event] = await feed.next();
      if (event?.event === 'delivery') seen.push(event.data);
    }
    expect(seen.at(-1)).toContain('Ticket System Integration');
    expect(seen.at(-1)).toContain('data-state="succeeded"');
    await server.close();
    server = undefined;
    await expect(feed.ended()).resolves.toBe(true);
  });
});
