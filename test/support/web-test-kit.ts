// Shared by the web tests: a store with one user and one webhook, a bare app with the web UI
// mounted, and a reader of server-sent events from a streaming response.
import { Hono } from 'hono';
import type { Env } from '../../src/app.js';
import { defaultWebhook, type WebhookRecord } from '../../src/domain/webhook.js';
import { memoryStore } from '../../src/store/memory-store.js';
import { observeStore, type ObservedStore } from '../../src/store/observed-store.js';
import { emptyState, type DeliveryRecord, type UserRecord } from '../../src/store/state.js';
import { webUi, type WebUi } from '../../src/web/routes.js';

export const USER: UserRecord = {
  UserName: 'tje0',
  Password: 'Tje0',
  Tickets: ['7T:mock-ticket-tje0'],
  Tokens: ['8A:mock-token-tje0'],
  Associate: { AssociateId: 5, Name: 'TJE0' } as UserRecord['Associate'],
};

export const HOOK: WebhookRecord = {
  ...defaultWebhook(),
  WebhookId: 1,
  Name: 'Orders <main>',
  Events: ['contact.created'],
  TargetUrl: 'http://127.0.0.1:9/hook',
  TotalCalls: 7,
};

export function delivery(fields: Partial<DeliveryRecord> = {}): Omit<DeliveryRecord, 'DeliveryId'> {
  return {
    WebhookId: 1,
    WebhookName: HOOK.Name,
    Kind: 'webhook',
    Event: 'contact.created',
    EventId: 'e-1',
    Url: 'http://127.0.0.1:9/hook',
    RequestHeaders: { 'X-SuperOffice-Event': 'contact.created' },
    Body: '{"Event":"contact.created"}',
    State: 'pending',
    Attempts: [],
    NextAttemptAt: null,
    CreatedAt: '2024-05-01T08:09:10.000Z',
    ReplayOf: null,
    ...fields,
  };
}

export function webApp(auth: 'on' | 'none' = 'on'): {
  app: Hono<Env>;
  store: ObservedStore;
  ui: WebUi;
} {
  const store = observeStore(
    memoryStore({ ...emptyState(), users: [USER], webhooks: [HOOK], nextId: 2 }),
  );
  const ui = webUi({ store, auth, fixture: 'default' });
  const app = new Hono<Env>();
  ui.routes(app);
  return { app, store, ui };
}

export interface SseEvent {
  event: string;
  data: string;
}

/** Reads events from an SSE body; `next(n)` resolves with the next n of them. */
export function sseReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const ready: SseEvent[] = [];
  const parse = (block: string): SseEvent | undefined => {
    const lines = block.split('\n').filter((l) => !l.startsWith(':'));
    if (lines.length === 0) return undefined;
    const field = (name: string) =>
      lines.filter((l) => l.startsWith(`${name}: `)).map((l) => l.slice(name.length + 2));
    return { event: field('event')[0] ?? 'message', data: field('data').join('\n') };
  };
  return {
    async next(count = 1): Promise<SseEvent[]> {
      while (ready.length < count) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended after ${ready.length} of ${count} events`);
        buffer += decoder.decode(value, { stream: true });
        const blocks = buffer.split('\n\n');
        buffer = blocks.pop() ?? '';
        for (const block of blocks) {
          const event = parse(block);
          if (event) ready.push(event);
        }
      }
      return ready.splice(0, count);
    },
    /** Resolves true when the server ends the stream. */
    async ended(): Promise<boolean> {
      for (;;) {
        const { done } = await reader.read();
        if (done) return true;
      }
    },
    cancel: () => reader.cancel(),
  };
}
