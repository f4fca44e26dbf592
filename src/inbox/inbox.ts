// The built-in webhook receiver's memory: what arrived at each `/__inbox/<name>`, the status each
// inbox answers with, and waiters for a record to arrive. Bounded: the newest records only, and
// a fixed number of inbox names (src/platform/limits.ts).
import { isRecord } from '../domain/is-record.js';
import { signatureVerdict, type InboxTarget, type Verdict } from './verdict.js';
import { INBOX_PREFIX } from '../delivery/self-target.js';
import type { Clock } from '../platform/clock.js';

export interface InboxRecord {
  Id: number;
  Inbox: string;
  ReceivedAt: string;
  Method: string;
  /** Path and query as received. */
  Url: string;
  Headers: Record<string, string>;
  Body: string;
  /** The status the inbox answered with. */
  Status: number;
  Signature: Verdict['verdict'];
  /** The webhook whose Secret verified the signature (or, unsigned, that has no Secret). */
  WebhookId: number | null;
  /** That webhook's store: the payload's ContextIdentifier. */
  Tenant: string | null;
  /** The payload's `Event` when the body is a SuperOffice delivery. */
  Event: string | null;
}

export interface InboxArrival {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface InboxOptions {
  /** Webhooks (in every store) whose TargetUrl is `/__inbox/<name>`. */
  targets(path: string): InboxTarget[];
  /** When each record arrived. */
  clock: Pick<Clock, 'now'>;
  maxRecords: number;
  maxInboxes: number;
}

export type InboxListener = (record: InboxRecord) => void;

export interface Inbox {
  /** Records the request and returns the status to answer, or undefined when full of names. */
  receive(name: string, arrival: InboxArrival): InboxRecord | undefined;
  /** Newest first; only `name`'s when given. */
  list(name?: string): InboxRecord[];
  /** Inbox names with how many records each holds and the status each answers. */
  names(): Array<{ Inbox: string; Records: number; Status: number }>;
  /** The status `name` answers from now on (200 again with 200); false when full of names. */
  setStatus(name: string, status: number): boolean;
  clear(name?: string): void;
  subscribe(listener: InboxListener): () => void;
}

// The prefix is the delivery layer's: it is the one self-delivery the mock allows.
export { INBOX_PREFIX };
/** An inbox name is one path segment of plain characters. */
export const INBOX_NAME = /^[A-Za-z0-9._-]{1,64}$/;

function eventOf(body: string): string | null {
  try {
    const parsed: unknown = JSON.parse(body);
    return isRecord(parsed) && typeof parsed.Event === 'string' ? parsed.Event : null;
  } catch {
    return null;
  }
}

function signatureHeader(headers: Record<string, string>): string | undefined {
  return headers['x-superoffice-signature'];
}

export function createInbox(options: InboxOptions): Inbox {
  let records: InboxRecord[] = [];
  let nextId = 1;
  const statuses = new Map<string, number>();
  const known = new Set<string>();
  const listeners = new Set<InboxListener>();
  const key = (name: string) => name.toLowerCase();

  // The save-time ping reaches the inbox before its webhook is stored: look again on reading.
  const settled = (record: InboxRecord): InboxRecord => {
    if (record.Signature !== 'unknown-webhook') return record;
    const v = signatureVerdict(
      record.Body,
      signatureHeader(record.Headers),
      options.targets(`${INBOX_PREFIX}${record.Inbox}`),
    );
    return { ...record, Signature: v.verdict, WebhookId: v.webhookId, Tenant: v.tenant };
  };

  return {
    receive(name, arrival) {
      if (!known.has(key(name)) && known.size >= options.maxInboxes) return undefined;
      known.add(key(name));
      const v = signatureVerdict(
        arrival.body,
        signatureHeader(arrival.headers),
        options.targets(`${INBOX_PREFIX}${name}`),
      );
      const record: InboxRecord = {
        Id: nextId++,
        Inbox: name,
        ReceivedAt: options.clock.now().toISOString(),
        Method: arrival.method,
        Url: arrival.url,
        Headers: arrival.headers,
        Body: arrival.body,
        Status: statuses.get(key(name)) ?? 200,
        Signature: v.verdict,
        WebhookId: v.webhookId,
        Tenant: v.tenant,
        Event: eventOf(arrival.body),
      };
      records.push(record);
      if (records.length > options.maxRecords) records = records.slice(-options.maxRecords);
      for (const listener of [...listeners]) {
        try {
          listener(record);
        } catch {
          // A broken listener (a closed stream) must not fail the receiver.
        }
      }
      return record;
    },
    list(name) {
      const wanted =
        name === undefined ? records : records.filter((r) => key(r.Inbox) === key(name));
      return wanted.map(settled).reverse();
    },
    names() {
      return [...known].map((name) => ({
        Inbox: records.find((r) => key(r.Inbox) === name)?.Inbox ?? name,
        Records: records.filter((r) => key(r.Inbox) === name).length,
        Status: statuses.get(name) ?? 200,
      }));
    },
    setStatus(name, status) {
      if (!known.has(key(name)) && known.size >= options.maxInboxes) return false;
      known.add(key(name));
      if (status === 200) statuses.delete(key(name));
      else statuses.set(key(name), status);
      return true;
    },
    clear(name) {
      if (name === undefined) {
        records = [];
        statuses.clear();
        known.clear();
        return;
      }
      records = records.filter((r) => key(r.Inbox) !== key(name));
      statuses.delete(key(name));
      known.delete(key(name));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
