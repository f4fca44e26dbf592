// The built-in webhook receiver's memory: what arrived at each `/__inbox/<name>`, the status each
// inbox answers with, and waiters for a record to arrive. Bounded: the newest records only, per
// inbox and in total, by count and bytes, and a fixed number of inbox names
// (src/platform/limits.ts); what was dropped is counted.
import { isRecord } from '../domain/is-record.js';
import { DEFAULT_LIMITS } from '../platform/limits.js';
import { BoundedRecords, type Tally } from './bounded-records.js';
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
  /** The body's size in UTF-8 bytes (the dashboard shows a bounded part of it). */
  BodyBytes: number;
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
  /** Records kept over all inboxes. */
  maxRecords: number;
  maxInboxes: number;
  /** Bytes kept over all inboxes, and per inbox records and bytes (limits.ts by default). */
  maxBytes?: number;
  maxRecordsPerInbox?: number;
  maxBytesPerInbox?: number;
}

/** One inbox name as `GET /__admin/inbox` lists it. */
export interface InboxSummary {
  Inbox: string;
  Records: number;
  Bytes: number;
  Dropped: number;
  Status: number;
}

export type InboxListener = (record: InboxRecord) => void;

export interface Inbox {
  /** Records the request and returns the status to answer, or undefined when full of names. */
  receive(name: string, arrival: InboxArrival): InboxRecord | undefined;
  /** Newest first; only `name`'s when given; only those `tenant`'s webhooks sent; at most `limit`. */
  list(name?: string, options?: { limit?: number; tenant?: string }): InboxRecord[];
  /** The record `id` of inbox `name`, if it is still kept. */
  find(name: string, id: number): InboxRecord | undefined;
  /** Inbox names with what each holds, how many records it dropped, and its status. */
  names(): InboxSummary[];
  /** What all inboxes hold and have dropped since the last clear. */
  totals(): Tally;
  /** The status `name` answers from now on (200 again with 200); false when full of names. */
  setStatus(name: string, status: number): boolean;
  clear(name?: string): void;
  /** Drops the records `tenant`'s webhooks sent (a reset of that tenant). */
  forgetTenant(tenant: string): void;
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

/** What a record costs to keep: its body, headers and URL. */
function sizeOf(arrival: InboxArrival, bodyBytes: number): number {
  let size = bodyBytes + arrival.url.length + arrival.method.length;
  for (const [name, value] of Object.entries(arrival.headers)) size += name.length + value.length;
  return size;
}

const key = (name: string) => name.toLowerCase();

/** The inbox the mock hosts, in memory, within the bounds of its options. */
export class MemoryInbox implements Inbox {
  readonly #options: InboxOptions;
  readonly #records: BoundedRecords<InboxRecord>;
  #nextId = 1;
  /** The name as first received, for names() (records are keyed lower-cased). */
  readonly #spelled = new Map<string, string>();
  readonly #statuses = new Map<string, number>();
  readonly #known = new Set<string>();
  readonly #listeners = new Set<InboxListener>();

  constructor(options: InboxOptions) {
    this.#options = options;
    this.#records = new BoundedRecords<InboxRecord>({
      records: options.maxRecords,
      bytes: options.maxBytes ?? DEFAULT_LIMITS.inboxBytes,
      recordsPerInbox: options.maxRecordsPerInbox ?? DEFAULT_LIMITS.inboxRecordsPerInbox,
      bytesPerInbox: options.maxBytesPerInbox ?? DEFAULT_LIMITS.inboxBytesPerInbox,
    });
  }

  receive(name: string, arrival: InboxArrival): InboxRecord | undefined {
    if (!this.#admit(name)) return undefined;
    if (!this.#spelled.has(key(name))) this.#spelled.set(key(name), name);
    const bodyBytes = Buffer.byteLength(arrival.body, 'utf8');
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
      BodyBytes: bodyBytes,
      Status: this.#statuses.get(key(name)) ?? 200,
      Signature: v.verdict,
      WebhookId: v.webhookId,
      Tenant: v.tenant,
      Event: eventOf(arrival.body),
    };
    this.#records.add(key(name), record, sizeOf(arrival, bodyBytes));
    for (const listener of [...this.#listeners]) {
      try {
        listener(record);
      } catch {
        // A broken listener (a closed stream) must not fail the receiver.
      }
    }
    return record;
  }

  list(name?: string, { limit, tenant }: { limit?: number; tenant?: string } = {}): InboxRecord[] {
    const wanted = name === undefined ? undefined : key(name);
    if (tenant === undefined) {
      return this.#records.list(wanted, limit).map((record) => this.#settled(record));
    }
    const mine = this.#records
      .list(wanted)
      .map((record) => this.#settled(record))
      .filter((record) => record.Tenant === tenant);
    return limit === undefined ? mine : mine.slice(0, limit);
  }

  find(name: string, id: number): InboxRecord | undefined {
    const found = this.#records.list(key(name)).find((r) => r.Id === id);
    return found && this.#settled(found);
  }

  names(): InboxSummary[] {
    return [...this.#known].map((name) => {
      const tally = this.#records.tally(name);
      return {
        Inbox: this.#spelled.get(name) ?? name,
        Records: tally.records,
        Bytes: tally.bytes,
        Dropped: tally.dropped,
        Status: this.#statuses.get(name) ?? 200,
      };
    });
  }

  totals(): Tally {
    return this.#records.total();
  }

  setStatus(name: string, status: number): boolean {
    if (!this.#admit(name)) return false;
    if (status === 200) this.#statuses.delete(key(name));
    else this.#statuses.set(key(name), status);
    return true;
  }

  clear(name?: string): void {
    this.#records.clear(name === undefined ? undefined : key(name));
    if (name === undefined) {
      this.#statuses.clear();
      this.#known.clear();
      this.#spelled.clear();
      return;
    }
    this.#statuses.delete(key(name));
    this.#known.delete(key(name));
    this.#spelled.delete(key(name));
  }

  forgetTenant(tenant: string): void {
    this.#records.removeWhere((record) => this.#settled(record).Tenant === tenant);
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
