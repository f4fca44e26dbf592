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

const key = (name: string) => name.toLowerCase();

/** The inbox the mock hosts, in memory: the newest `maxRecords` records of `maxInboxes` names. */
export class MemoryInbox implements Inbox {
  readonly #options: InboxOptions;
  #records: InboxRecord[] = [];
  #nextId = 1;
  readonly #statuses = new Map<string, number>();
  readonly #known = new Set<string>();
  readonly #listeners = new Set<InboxListener>();

  constructor(options: InboxOptions) {
    this.#options = options;
  }

  receive(name: string, arrival: InboxArrival): InboxRecord | undefined {
    if (!this.#admit(name)) return undefined;
    const v = signatureVerdict(
      arrival.body,
      signatureHeader(arrival.headers),
      this.#options.targets(`${INBOX_PREFIX}${name}`),
    );
    const record: InboxRecord = {
      Id: this.#nextId++,
      Inbox: name,
      ReceivedAt: this.#options.clock.now().toISOString(),
      Method: arrival.method,
      Url: arrival.url,
      Headers: arrival.headers,
      Body: arrival.body,
      Status: this.#statuses.get(key(name)) ?? 200,
      Signature: v.verdict,
      WebhookId: v.webhookId,
      Tenant: v.tenant,
      Event: eventOf(arrival.body),
    };
    this.#records.push(record);
    const max = this.#options.maxRecords;
    if (this.#records.length > max) this.#records = this.#records.slice(-max);
    for (const listener of [...this.#listeners]) {
      try {
        listener(record);
      } catch {
        // A broken listener (a closed stream) must not fail the receiver.
      }
    }
    return record;
  }

  list(name?: string): InboxRecord[] {
    const wanted =
      name === undefined ? this.#records : this.#records.filter((r) => key(r.Inbox) === key(name));
    return wanted.map((record) => this.#settled(record)).reverse();
  }

  names(): Array<{ Inbox: string; Records: number; Status: number }> {
    return [...this.#known].map((name) => ({
      Inbox: this.#records.find((r) => key(r.Inbox) === name)?.Inbox ?? name,
      Records: this.#records.filter((r) => key(r.Inbox) === name).length,
      Status: this.#statuses.get(name) ?? 200,
    }));
  }

  setStatus(name: string, status: number): boolean {
    if (!this.#admit(name)) return false;
    if (status === 200) this.#statuses.delete(key(name));
    else this.#statuses.set(key(name), status);
    return true;
  }

  clear(name?: string): void {
    if (name === undefined) {
      this.#records = [];
      this.#statuses.clear();
      this.#known.clear();
      return;
    }
    this.#records = this.#records.filter((r) => key(r.Inbox) !== key(name));
    this.#statuses.delete(key(name));
    this.#known.delete(key(name));
  }

  subscribe(listener: InboxListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Knows `name` from now on, unless that would pass the limit of names. */
  #admit(name: string): boolean {
    if (!this.#known.has(key(name)) && this.#known.size >= this.#options.maxInboxes) return false;
    this.#known.add(key(name));
    return true;
  }

  // The save-time ping reaches the inbox before its webhook is stored: look again on reading.
  #settled(record: InboxRecord): InboxRecord {
    if (record.Signature !== 'unknown-webhook') return record;
    const v = signatureVerdict(
      record.Body,
      signatureHeader(record.Headers),
      this.#options.targets(`${INBOX_PREFIX}${record.Inbox}`),
    );
    return { ...record, Signature: v.verdict, WebhookId: v.webhookId, Tenant: v.tenant };
  }
}
