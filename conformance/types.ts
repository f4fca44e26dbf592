// The vocabulary of the conformance suite: cases as data, the context a case runs in, and the
// verdict it produces. Nothing here assumes the target is so-webhook-mock; the target is only
// ever reached over HTTP.
import type { Webhook } from '../src/generated/webhook-api.js';
import type { Receiver } from './receiver.js';

export const AREAS = [
  'operations',
  'binding',
  'select-and-filters',
  'save',
  'patch',
  'auth',
  'bad-input',
  'deliveries',
  'test-and-lasterror',
] as const;
export type Area = (typeof AREAS)[number];
/** A verdict's area: a case area, or `receiver` for check-receiver's verdicts (not cases of
 * this suite, so not in AREAS). */
export type VerdictArea = Area | 'receiver';

export interface RecordedRequest {
  method: string;
  url: string;
  /** Lower-case names; credentials are redacted. */
  headers: Record<string, string>;
  body?: string;
}

export interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The exchange that shows why a case failed: what was sent and what came back. */
export interface Evidence {
  request: RecordedRequest;
  response?: RecordedResponse;
}

export interface HttpResponse {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** Parsed JSON; the raw text when it is not JSON; undefined when the body is empty. */
  body: unknown;
  raw: string;
  evidence: Evidence;
}

/** `default` uses the credentials given on the command line; `none` sends no Authorization. */
export type AuthChoice = 'default' | 'none' | { authorization: string };

export interface RequestOptions {
  query?: Record<string, string | number | boolean>;
  headers?: Record<string, string>;
  /** Serialized as JSON (Content-Type application/json unless `headers` says otherwise). */
  body?: unknown;
  /** Sent byte for byte instead of `body`, for malformed or non-JSON bodies. */
  rawBody?: string;
  auth?: AuthChoice;
}

export interface Credentials {
  user?: string;
  password?: string;
  ticket?: string;
  token?: string;
  appToken?: string;
}

/** What a case may send when it creates a webhook; deliberately wrong extras are allowed. */
export type WebhookInput = Partial<Webhook> & Record<string, unknown>;

export interface CreatedWebhook {
  id: number;
  name: string;
  /** The unique event name the webhook listens for (unless the input named others). */
  event: string;
  targetUrl: string;
  body: Record<string, unknown>;
}

export interface CaseContext {
  readonly runId: string;
  readonly caseId: string;
  /**
   * The SuperOffice Online customer the target names (`https://sod.superoffice.com/Cust12345`:
   * `Cust12345`), whose id its deliveries carry as ContextIdentifier; undefined for a root target.
   */
  readonly tenant: string | undefined;
  readonly credentials: Readonly<Credentials>;
  readonly deliveryTimeoutMs: number;
  /** The factor the target's documented retry delays are scaled by (1 for a real server). */
  readonly timeScale: number;
  /** Seeds the random cases (model sequences, fuzzing): the same seed replays the same run. */
  readonly seed: number;
  /** `--deep <n>`: the differential case runs n sequences, unlimited in time, instead of its default. */
  readonly deep?: number;
  readonly signal: AbortSignal;
  request(method: string, path: string, options?: RequestOptions): Promise<HttpResponse>;
  /** POST /api/v1/Webhook with Name prefixed by the run id; deleted again after the run. */
  createWebhook(input?: WebhookInput): Promise<CreatedWebhook>;
  /** Registers a webhook id for deletion after the run. */
  track(id: number): void;
  /** `<run prefix> <suffix>`: names that identify this run's webhooks. */
  name(suffix?: string): string;
  /** An event name only this run's webhooks listen for. */
  eventName(suffix?: string): string;
  /** The receiver URL for this case (plus an optional suffix); skips when there is none. */
  targetUrl(suffix?: string): string;
  /** The receiver path `targetUrl(suffix)` points at. */
  receiverPath(suffix?: string): string;
  /** The running receiver; skips the case when the run has none. */
  requireReceiver(): Receiver;
  /** A webhook id the target holds nothing under: 404, or 2xx with no entity (checked first,
   * so nothing real is touched). */
  unusedId(): Promise<number>;
  expectStatus(res: HttpResponse, expected: number | readonly number[], what?: string): void;
  /** Validates against the spec's response for the operation; lists every problem. */
  expectSchema(operationId: string, res: HttpResponse): void;
  /** `{ Error: true, ErrorType: string, Message|ErrorMessage: string }` (docs/sources.md §5, C1). */
  expectErrorShape(res: HttpResponse): void;
  /** Fails with `reason` unless `condition` holds; evidence defaults to the last exchange. */
  check(condition: unknown, reason: string, res?: HttpResponse | Evidence): void;
  fail(reason: string, res?: HttpResponse | Evidence): never;
  skip(reason: string): never;
  /** Adds a line to the verdict even when it passes (e.g. how long a quiet window was). */
  note(text: string): void;
}

export interface ConformanceCase {
  /** Stable: `<area prefix>.<behaviour>`; reports and --only/--skip use it. */
  id: string;
  area: Area;
  title: string;
  /** Seed page, fact-sheet section or spec choice, in the forms conformance/sources.ts resolves
   * (docs/sources.md lists where each can be read). */
  source: string;
  given: string;
  when: string;
  then: string;
  /** `doc`, `client` or `choice` (our reading where the docs are silent), plus topics. */
  tags: readonly string[];
  /** False only when the case changes nothing on the target (`--read-only`). */
  mutates: boolean;
  /**
   * Makes the target connect somewhere other than the runner's receiver (a port of its own
   * loopback): left out of `--read-only`, which against a production server may make it ping
   * only the receiver or an `.invalid` host.
   */
  probesElsewhere?: boolean;
  /** The case watches deliveries arriving at the receiver. */
  needsReceiver?: boolean;
  /** Takes many seconds at the documented delays: runs only under `--slow`. */
  slow?: boolean;
  /**
   * Spends most of its time waiting for the target's deliveries and retries, and touches
   * nothing but its own webhooks (by id), events and receiver path, lists included: the runner
   * starts it with the run, alongside the other cases, unless the delays are scaled down to
   * almost nothing (schedule.ts); its verdict still comes in case order.
   */
  concurrent?: boolean;
  run(ctx: CaseContext): Promise<void>;
}

/** `warning`: a rule that is only a choice of the contract (spec/README.md) did not hold; a
 * failure under `--strict`. */
export type VerdictStatus = 'passed' | 'failed' | 'skipped' | 'error' | 'warning';

/** Whether a verdict's rule is the vendor's documentation or a choice of the contract. */
export type RuleOrigin = 'documented' | 'choice';

export interface Verdict {
  id: string;
  area: VerdictArea;
  title: string;
  source: string;
  status: VerdictStatus;
  durationMs: number;
  reason?: string;
  evidence?: Evidence;
  /** What the case wants said even when it passes (the quiet window it waited, a seed). */
  notes?: string[];
  /** On a passed verdict that still has something to say in its notes: `warning`, a risk the
   * target takes (a failure under `--strict`); `info`, a documented consequence. */
  severity?: 'warning' | 'info';
  /** `documented` (by `source`) or a `choice` of the contract (spec/README.md). */
  origin?: RuleOrigin;
  /** On an error: the precondition the setup did not meet (distinct ids, a delivery, …). */
  precondition?: string;
  /** On a failure or error: the heading it is grouped under, true for every member. */
  cause?: string;
}
