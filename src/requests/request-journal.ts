// The request journal: every API call the mock answered (each tenant's too), newest kept, in a
// ring of fixed size (limits.journalEntries). Recording costs no serialisation: an entry holds
// references to what the request already produced (its body text, the answer's model or bytes,
// the Request for its headers), cut to limits.journalBodyBytes only when a body is larger.
// The JSON of an entry is made when someone reads the journal.
import { EncodedJson } from '../platform/encoded-json.js';

/** What the journal is handed per request: references, made into an entry on reading. */
export interface Exchange {
  at: number;
  tenant: string;
  method: string;
  /** The request's URL as the app saw it; `basePath` is the tenant prefix it was served under. */
  url: string;
  basePath: string;
  status: number;
  durationMs: number;
  operationId: string | undefined;
  /** The refusal's message when the answer is an error: the validation problems. */
  problem: string | undefined;
  /** Read when the entry is: building a Headers object per request is a cost of its own. */
  requestHeaders: () => Headers;
  /** The body text as read; once recorded, a long one is replaced by its cut start. */
  requestBody: unknown;
  responseHeaders: () => Headers;
  responseBody: unknown;
}

export interface JournalBody {
  Text: string | null;
  /** True when the body was longer than the journal keeps. */
  Truncated: boolean;
}

/** One API call as `GET /__admin/requests` and the library show it. */
export interface JournalEntry {
  Id: number;
  At: string;
  Tenant: string;
  Method: string;
  /** Path and query as requested, the tenant prefix included. */
  Url: string;
  Path: string;
  Status: number;
  DurationMs: number;
  OperationId: string | null;
  /** Why the request was refused (the validation problems, `; `-separated); null when it was not. */
  Problem: string | null;
  Request: { Headers: Record<string, string>; Body: JournalBody };
  Response: { Headers: Record<string, string>; Body: JournalBody };
}

export type JournalListener = (exchange: Readonly<Exchange>, id: number) => void;

interface Slot {
  id: number;
  exchange: Exchange;
}

/** A string that no longer holds on to the (possibly large) one it was cut from. */
const detached = (text: string): string => Buffer.from(text, 'utf8').toString('utf8');

/**
 * Keeps a body within `max`: small ones as they are (references), larger ones as a copy of
 * their start, so the ring never holds a whole large body alive.
 */
export function boundedBody(body: unknown, max: number): unknown {
  if (typeof body === 'string') {
    return body.length <= max ? body : { cut: detached(body.slice(0, max)) };
  }
  if (body instanceof EncodedJson && body.bytes.byteLength > max) {
    return { cut: Buffer.from(body.bytes.subarray(0, max)).toString('utf8') };
  }
  return body;
}

function bodyText(body: unknown, max: number): JournalBody {
  if (body === undefined) return { Text: null, Truncated: false };
  if (typeof body === 'object' && body !== null && 'cut' in body && typeof body.cut === 'string') {
    return { Text: body.cut, Truncated: true };
  }
  const text =
    typeof body === 'string'
      ? body
      : body instanceof EncodedJson
        ? Buffer.from(body.bytes).toString('utf8')
        : (JSON.stringify(body) ?? '');
  return text.length <= max
    ? { Text: text, Truncated: false }
    : { Text: text.slice(0, max), Truncated: true };
}

/** The path as requested, the tenant prefix included. */
export const pathOf = (exchange: Readonly<Exchange>): string =>
  `${exchange.basePath}${new URL(exchange.url).pathname}`;

const headerRecord = (headers: Headers): Record<string, string> => Object.fromEntries(headers);

export class RequestJournal {
  readonly capacity: number;
  readonly bodyBytes: number;
  readonly #ring: Array<Slot | undefined>;
  #next = 0;
  #nextId = 1;
  readonly #listeners = new Set<JournalListener>();
  /** The last large body cut, and its cut: a list answered again unchanged is the same
   * EncodedJson object, so it is cut once, not per request. */
  #lastCut: { source: unknown; cut: unknown } | undefined;

  constructor({ capacity, bodyBytes }: { capacity: number; bodyBytes: number }) {
    this.capacity = Math.max(1, capacity);
    this.bodyBytes = bodyBytes;
    this.#ring = new Array<Slot | undefined>(this.capacity);
  }

  #bounded(body: unknown): unknown {
    if (body === undefined || body === null) return body;
    if (this.#lastCut?.source === body) return this.#lastCut.cut;
    const cut = boundedBody(body, this.bodyBytes);
    if (cut !== body) this.#lastCut = { source: body, cut };
    return cut;
  }

  record(exchange: Exchange): void {
    exchange.requestBody = this.#bounded(exchange.requestBody);
    exchange.responseBody = this.#bounded(exchange.responseBody);
    const id = this.#nextId++;
    this.#ring[this.#next] = { id, exchange };
    this.#next = (this.#next + 1) % this.capacity;
    for (const listener of this.#listeners) {
      try {
        listener(exchange, id);
      } catch {
        // A broken listener (a closed stream, a closed stdout) must not fail the request.
      }
    }
  }

  /** The kept exchanges, oldest first, with their ids. */
  *#slots(): Generator<Slot> {
    for (let i = 0; i < this.capacity; i++) {
      const slot = this.#ring[(this.#next + i) % this.capacity];
      if (slot) yield slot;
    }
  }

  /**
   * Entries oldest first, those `keep` accepts, the newest `limit` of them; only those are
   * made (serialised).
   */
  entries(
    keep: (exchange: Readonly<Exchange>) => boolean = () => true,
    limit = this.capacity,
  ): JournalEntry[] {
    const kept: Slot[] = [];
    for (const slot of this.#slots()) if (keep(slot.exchange)) kept.push(slot);
    return kept.slice(-limit).map((slot) => this.entryOf(slot.exchange, slot.id));
  }

  entryOf(exchange: Readonly<Exchange>, id: number): JournalEntry {
    const url = new URL(exchange.url);
    const path = pathOf(exchange);
    return {
      Id: id,
      At: new Date(exchange.at).toISOString(),
      Tenant: exchange.tenant,
      Method: exchange.method,
      Url: `${path}${url.search}`,
      Path: path,
      Status: exchange.status,
      DurationMs: Math.round(exchange.durationMs * 10) / 10,
      OperationId: exchange.operationId ?? null,
      Problem: exchange.problem ?? null,
      Request: {
        Headers: headerRecord(exchange.requestHeaders()),
        Body: bodyText(exchange.requestBody, this.bodyBytes),
      },
      Response: {
        Headers: headerRecord(exchange.responseHeaders()),
        Body: bodyText(exchange.responseBody, this.bodyBytes),
      },
    };
  }

  clear(): void {
    this.#ring.fill(undefined);
    this.#next = 0;
  }

  subscribe(listener: JournalListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
