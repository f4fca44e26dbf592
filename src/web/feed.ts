// The live feed at GET /__admin/events (server-sent events). On connect it sends the webhook
// rows, the newest deliveries and inbox records as HTML, then one event per store change:
// `webhook` and `delivery` carry the re-rendered fragment, `webhook-removed` the id, `signal`
// the signal as JSON, and `reset` asks the page to reload; `inbox` carries a record the
// built-in inbox received. Fragments come from the same JSX as the page.
import type { Context, Hono } from 'hono';
import { stream } from 'hono/streaming';
import type { Env } from '../http/env.js';
import { ApiError } from '../http/api-error.js';
import type { Inbox } from '../inbox/inbox.js';
import { DEFAULT_LIMITS, type Limits } from '../platform/limits.js';
import type { ObservedStore, StoreChange } from '../store/observed-store.js';
import { renderFragment } from './render.js';
import { DeliveryItem, DeliveryItems, LOG_SHOWN } from './delivery-log.js';
import { InboxItem, InboxItems } from './inbox-log.js';
import { RequestItem, RequestItems } from './request-log.js';
import type { JournalEntry } from '../requests/request-journal.js';
import { WebhookRow, WebhookRows } from './webhook-table.js';

export const EVENTS_PATH = '/__admin/events';

/** A comment line now and then keeps proxies and idle timers from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;
/** Changes are gathered this long before one write to every client (a page needs no more). */
const BROADCAST_MS = 50;

interface Message {
  event: string;
  data: string;
  /** How long a browser waits before reconnecting, in ms. */
  retry?: number;
}

interface Client {
  send(chunk: string | Uint8Array): void;
  end(): void;
}

type FeedLimits = Pick<Limits, 'maxStreamClients' | 'streamClientBacklog'>;

export interface LiveFeed {
  routes(app: Hono<Env>): void;
  /** Answers one GET of the feed (routes() mounts it at EVENTS_PATH). */
  serve(c: Context<Env>): Response | Promise<Response>;
  /** Streams open now. */
  clientCount(): number;
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

/** One message in the text/event-stream format (HTML living standard §9.2.6), made once per change. */
export function sseText(message: Message): string {
  const data = message.data
    .split(/\r\n|\r|\n/)
    .map((line) => `data: ${line}\n`)
    .join('');
  const retry = message.retry === undefined ? '' : `retry: ${message.retry}\n`;
  return `event: ${message.event}\n${retry}${data}\n`;
}

/** The inbox as the feed reads it: its records, what it dropped, and word of each new one. */
export type InboxSource = Pick<Inbox, 'list' | 'subscribe' | 'totals'>;

/** The request journal as the feed reads it, for one tenant. */
export interface RequestSource {
  /** The tenant's newest calls, newest first. */
  recent(): JournalEntry[];
  /** Word of each new call; the entry is made only when a page is listening. */
  subscribe(listener: (entry: () => JournalEntry) => void): () => void;
}

/** What a joining page needs to be current, as one text shared by every joining client. */
function snapshot(
  store: ObservedStore,
  inbox: InboxSource | undefined,
  requests: RequestSource | undefined,
): string {
  const records: Message[] = inbox
    ? [
        {
          event: 'inbox-records',
          data: renderFragment(
            InboxItems({
              records: inbox.list(undefined, { limit: LOG_SHOWN }),
              dropped: inbox.totals().dropped,
            }),
          ),
        },
      ]
    : [];
  if (requests) {
    records.push({
      event: 'requests',
      data: renderFragment(RequestItems({ entries: requests.recent() })),
    });
  }
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
  ]
    .map(sseText)
    .join('');
}

export interface StreamWriter {
  write(bytes: Uint8Array): Promise<unknown>;
}

const encoder = new TextEncoder();

/**
 * A client's queue: chunks written in order, those that pile up while a write is pending go out
 * together in the next write. A client more than `backlog` chunks behind is ended instead of
 * holding memory for it (a stalled browser tab must not slow the API or grow the heap).
 */
export function openClient(stream: StreamWriter, onEnd: () => void, backlog: number): Client {
  let pending: Uint8Array[] = [];
  let writing = false;
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    pending = [];
    clearInterval(heartbeat);
    onEnd();
  };
  const flush = async () => {
    writing = true;
    while (pending.length > 0 && !ended) {
      const bytes = pending.length === 1 ? (pending[0] as Uint8Array) : Buffer.concat(pending);
      pending = [];
      await stream.write(bytes);
    }
    writing = false;
  };
  const send = (chunk: string | Uint8Array) => {
    if (ended) return;
    if (pending.length >= backlog) return end();
    pending.push(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
    if (!writing) flush().catch(end);
  };
  const heartbeat = setInterval(() => send(': keep-alive\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  return { send, end };
}

export function liveFeed(
  store: ObservedStore,
  inbox?: InboxSource,
  limits: FeedLimits = DEFAULT_LIMITS,
  requests?: RequestSource,
): LiveFeed {
  const clients = new Set<Client>();
  let closed = false;
  // Rendered once per store version however many clients join (500 clients used to mean 500
  // renders and 500 copies of the page's rows).
  let joining: Uint8Array | undefined;
  // Changes are sent in batches, one write per client per BROADCAST_MS: a flood of API writes
  // then costs each stream client a write per batch instead of one per change, and each batch
  // is rendered and encoded once for all of them. Rendering waits for the batch, never runs on
  // the request that made the change, and skips inbox records the page would not show.
  let batch: Array<{ inbox: boolean; message: () => Message }> = [];
  let timer: NodeJS.Timeout | undefined;
  const broadcast = () => {
    clearTimeout(timer);
    timer = undefined;
    if (batch.length === 0) return;
    let inboxLeft = batch.filter((each) => each.inbox).length;
    const text = batch
      .filter((each) => !each.inbox || inboxLeft-- <= LOG_SHOWN)
      .map((each) => sseText(each.message()))
      .join('');
    batch = [];
    const bytes = encoder.encode(text);
    for (const client of clients) client.send(bytes);
  };
  const enqueue = (message: () => Message, fromInbox = false) => {
    joining = undefined;
    if (clients.size === 0) return;
    batch.push({ inbox: fromInbox, message });
    if (!timer) {
      timer = setTimeout(broadcast, BROADCAST_MS);
      timer.unref();
    }
  };
  store.subscribe((change) => enqueue(() => messageFor(change)));
  // The inbox's records are not in the store; they join the same stream, in arrival order.
  inbox?.subscribe((record) =>
    enqueue(() => ({ event: 'inbox', data: renderFragment(InboxItem({ record })) }), true),
  );

  requests?.subscribe((entry) =>
    enqueue(() => ({ event: 'request', data: renderFragment(RequestItem({ entry: entry() })) })),
  );

  const serve = (c: Context<Env>) => {
    if (closed) return c.text('The server is shutting down.', 503);
    if (clients.size >= limits.maxStreamClients) {
      throw new ApiError(
        'QUEUE_FULL',
        `${limits.maxStreamClients} live-feed clients are connected already; close one.`,
      );
    }
    c.header('content-type', 'text/event-stream');
    c.header('cache-control', 'no-cache');
    return stream(c, async (out) => {
      let done!: () => void;
      const ended = new Promise<void>((resolve) => (done = resolve));
      const client = openClient(out, () => done(), limits.streamClientBacklog);
      out.onAbort(() => client.end());
      // Changes already batched are in the snapshot: they go to the clients before this one.
      broadcast();
      clients.add(client);
      client.send((joining ??= encoder.encode(snapshot(store, inbox, requests))));
      await ended;
      clients.delete(client);
      client.end();
    });
  };
  return {
    routes(app) {
      app.get(EVENTS_PATH, serve);
    },
    serve,
    clientCount: () => clients.size,
    close() {
      closed = true;
      clearTimeout(timer);
      for (const client of clients) client.end();
    },
  };
}
