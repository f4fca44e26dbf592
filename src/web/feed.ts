// The live feed at GET /__admin/events (server-sent events). On connect it sends the webhook
// rows, the newest deliveries and inbox records as HTML, then one event per store change:
// `webhook` and `delivery` carry the re-rendered fragment, `webhook-removed` the id, `signal`
// the signal as JSON, and `reset` asks the page to reload; `inbox` carries a record the
// built-in inbox received. Fragments come from the same JSX as the page.
import type { Hono } from 'hono';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import type { Env } from '../app.js';
import type { Inbox } from '../inbox/inbox.js';
import type { ObservedStore, StoreChange } from '../store/observed-store.js';
import { renderFragment } from './render.js';
import { DeliveryItem, DeliveryItems } from './delivery-log.js';
import { InboxItem, InboxItems } from './inbox-log.js';
import { WebhookRow, WebhookRows } from './webhook-table.js';

export const EVENTS_PATH = '/__admin/events';

/** A comment line now and then keeps proxies and idle timers from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;

interface Message {
  event: string;
  data: string;
  /** How long a browser waits before reconnecting, in ms. */
  retry?: number;
}

interface Client {
  send(message: Message): void;
  end(): void;
}

export interface LiveFeed {
  routes(app: Hono<Env>): void;
  /** Ends every open stream and refuses new ones, so the server can close. */
  close(): void;
}

function messageFor(change: StoreChange): Message {
  switch (change.kind) {
    case 'webhook':
      return { event: 'webhook', data: renderFragment(WebhookRow({ webhook: change.webhook })) };
    case 'webhook-removed':
      return { event: 'webhook-removed', data: String(change.webhookId) };
    case 'delivery':
      return {
        event: 'delivery',
        data: renderFragment(DeliveryItem({ delivery: change.delivery })),
      };
    case 'signal':
      return { event: 'signal', data: JSON.stringify(change.signal) };
    case 'reset':
      return { event: 'reset', data: '' };
  }
}

/** The inbox as the feed reads it: its records and word of each new one. */
export type InboxSource = Pick<Inbox, 'list' | 'subscribe'>;

/** What a joining page needs to be current; taken in the tick the client is added. */
function snapshot(store: ObservedStore, inbox: InboxSource | undefined): Message[] {
  const records: Message[] = inbox
    ? [{ event: 'inbox-records', data: renderFragment(InboxItems({ records: inbox.list() })) }]
    : [];
  return [
    {
      event: 'webhooks',
      data: renderFragment(WebhookRows({ webhooks: store.list() })),
      retry: 2000,
    },
    {
      event: 'deliveries',
      data: renderFragment(DeliveryItems({ deliveries: store.deliveries() })),
    },
    ...records,
  ];
}

function openClient(stream: SSEStreamingApi, onEnd: () => void): Client {
  // Writes are chained so events arrive in the order the store made them.
  let queue: Promise<void> = Promise.resolve();
  const heartbeat = setInterval(() => {
    queue = queue.then(() => stream.write(': keep-alive\n\n')).then(() => undefined, onEnd);
  }, HEARTBEAT_MS);
  heartbeat.unref();
  return {
    send(message) {
      queue = queue.then(() => stream.writeSSE(message)).catch(onEnd);
    },
    end() {
      clearInterval(heartbeat);
      onEnd();
    },
  };
}

export function liveFeed(store: ObservedStore, inbox?: InboxSource): LiveFeed {
  const clients = new Set<Client>();
  let closed = false;
  const broadcast = (message: () => Message) => {
    if (clients.size === 0) return;
    const sent = message();
    for (const client of clients) client.send(sent);
  };
  store.subscribe((change) => broadcast(() => messageFor(change)));
  // The inbox's records are not in the store; they join the same stream, in arrival order.
  inbox?.subscribe((record) =>
    broadcast(() => ({ event: 'inbox', data: renderFragment(InboxItem({ record })) })),
  );

  return {
    routes(app) {
      app.get(EVENTS_PATH, (c) => {
        if (closed) return c.text('The server is shutting down.', 503);
        return streamSSE(c, async (stream) => {
          let done!: () => void;
          const ended = new Promise<void>((resolve) => (done = resolve));
          const client = openClient(stream, () => done());
          stream.onAbort(() => client.end());
          clients.add(client);
          for (const message of snapshot(store, inbox)) client.send(message);
          await ended;
          clients.delete(client);
          client.end();
        });
      });
    },
    close() {
      closed = true;
      for (const client of clients) client.end();
    },
  };
}
