// Every limit that protects the host, in one place. Flags override the first group; the rest
// are fixed because no client of the real API comes near them.
export const DEFAULT_LIMITS = {
  /** Largest request body accepted (`--max-body`); larger → 413. */
  maxBodyBytes: 1024 * 1024,
  /** Largest request line and headers accepted; larger → 431 in the error shape (http/client-error.ts). */
  maxHeaderBytes: 16 * 1024,
  /** Deepest JSON nesting accepted in a body; deeper → 400. */
  maxJsonDepth: 32,
  /** Deliveries waiting for a free slot (`--queue-size`); beyond → 503 on SignalEvent. */
  queueSize: 1000,
  /** Deliveries in flight at once (`--concurrency`). */
  concurrency: 8,
  /** Per-attempt timeout of a delivery or test POST (`--delivery-timeout`, ms). */
  attemptTimeoutMs: 10_000,
  /**
   * Idle delivery connections kept over all receivers, and how long one may idle (ms): below
   * Node's 5 s server keep-alive, so the mock, not the receiver, closes an idle one (C31).
   */
  idleDeliverySockets: 64,
  idleDeliverySocketMs: 4_000,
  /** Response body bytes of a target kept in LastError and the delivery log. */
  keptResponseBytes: 4096,
  /** Newest entries kept in each log (deliveries, signals, outbox); older ones are dropped. */
  logEntries: 1000,
  /** Most log entries one admin list answer returns. */
  adminListMax: 1000,
  /** Tenants (`/Cust<digits>/api/…`) served at once, each with its own store; more → 400. */
  maxTenants: 100,
  /** Webhooks one tenant may hold; creating one more → 400. */
  maxWebhooksPerTenant: 10_000,
  /** Bytes of one stored webhook as JSON (its fields and Properties together); larger → 413. */
  maxWebhookBytes: 64 * 1024,
  /** Records the built-in inbox keeps (newest), over all inbox names; older ones are dropped. */
  inboxRecords: 1000,
  /** Bytes (bodies, headers, URLs) the inbox keeps over all names. */
  inboxBytes: 32 * 1024 * 1024,
  /** Records and bytes one inbox name keeps, so one busy inbox cannot empty the others. */
  inboxRecordsPerInbox: 200,
  inboxBytesPerInbox: 8 * 1024 * 1024,
  /** Characters of a body the dashboard shows, and the JSON nesting it indents. */
  shownBodyChars: 16 * 1024,
  shownBodyDepth: 16,
  /** Distinct inbox names at once. */
  inboxNames: 100,
  /** API calls the request journal keeps (newest); older ones are dropped. */
  journalEntries: 1000,
  /** Bytes of each request and response body the journal shows; the rest is cut. */
  journalBodyBytes: 16 * 1024,
  /**
   * Longest delay `--latency` or `Prefer: delay=` may ask for (ms): well below the request
   * timeout, so a delayed answer is still an answer and a graceful close does not wait long.
   */
  maxDelayMs: 30_000,
  /** Longest Authorization header parsed; longer names nobody (401) without being read. */
  maxAuthorizationBytes: 4096,
  /** Event-stream clients at once; one more is refused with 503. */
  maxStreamClients: 256,
  /** Messages queued for one event-stream client; a client that falls further behind is dropped. */
  streamClientBacklog: 64,
  /** Node's request, header and keep-alive timeouts (ms): a stalled client cannot hold a socket. */
  requestTimeoutMs: 60_000,
  headersTimeoutMs: 20_000,
  keepAliveTimeoutMs: 5_000,
} as const;

export type Limits = { -readonly [K in keyof typeof DEFAULT_LIMITS]: number };
