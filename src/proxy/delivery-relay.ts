// A delivery the upstream sends to the proxy's receiver (`POST /__inbox/<name>`): judged against
// the delivery contract, logged and recorded, and forwarded byte for byte — same body bytes,
// same headers, signature intact — to the user's receiver (`--forward`), whose answer goes back
// to the upstream, so its retries see what the real receiver said.
import type { Context } from 'hono';
import type { DeliveryChecker } from './delivery-check.js';
import type { Recorder } from './recorder.js';
import { recordedBody } from './recorder.js';
import type { Redactor } from './redact.js';
import type { MissingRetry, RetryWatch } from './retry-watch.js';
import type { SequenceChecker } from './sequence-check.js';
import { evidenceOf } from './evidence.js';
import { forward, forwardedHeaders, type RawAnswer } from './upstream.js';
import type { LogEntry, VerdictLog } from './verdict-log.js';

export interface DeliveryRelayDeps {
  deliveries: DeliveryChecker;
  forwardTo: URL | undefined;
  sequence: SequenceChecker;
  retries: RetryWatch;
  log: VerdictLog;
  redactor: Redactor;
  recorder: Recorder | undefined;
  limits: { maxBodyBytes: number; maxAnswerBytes: number; timeoutMs: number };
  onViolation?: (line: string) => void;
}

/**
 * Where a delivery to `/__inbox/<name>/<rest>` goes: `--forward` with `/<rest>` appended, so
 * one receiver can tell its webhooks apart by path as it would without the proxy.
 */
export function forwardUrl(base: URL, path: string): URL {
  const rest = /^\/__inbox\/[^/]+(\/.+)$/i.exec(path)?.[1];
  if (rest === undefined) return base;
  const url = new URL(base);
  url.pathname = `${base.pathname.replace(/\/+$/, '')}${rest}`;
  return url;
}

async function passOn(
  deps: DeliveryRelayDeps,
  raw: Request,
  path: string,
  body: Buffer,
): Promise<RawAnswer> {
  if (!deps.forwardTo) return { status: 200, headers: {}, setCookies: [], body: Buffer.alloc(0) };
  try {
    return await forward({
      method: 'POST',
      url: forwardUrl(deps.forwardTo, path),
      headers: forwardedHeaders(raw.headers),
      body,
      timeoutMs: deps.limits.timeoutMs,
      maxBytes: deps.limits.maxAnswerBytes,
    });
  } catch (error) {
    const text = `the receiver at --forward did not answer: ${(error as Error).message}`;
    return {
      status: 502,
      headers: { 'content-type': 'text/plain' },
      setCookies: [],
      body: Buffer.from(text),
    };
  }
}

function announce(deps: Pick<DeliveryRelayDeps, 'onViolation'>, entry: LogEntry): void {
  for (const v of entry.violations) {
    deps.onViolation?.(
      `delivery ${entry.event ?? '?'} to ${entry.url}: ${v.message} [${v.origin}: ${v.source}]`,
    );
  }
}

/** A retry that never came is reported as a delivery entry of the attempt it should follow. */
export function reportMissingRetry(
  deps: Pick<DeliveryRelayDeps, 'log' | 'onViolation'>,
  missing: MissingRetry,
): void {
  const entry = deps.log.add({
    at: new Date().toISOString(),
    kind: 'delivery',
    method: 'POST',
    url: missing.path,
    status: missing.status,
    durationMs: 0,
    operationId: 'webhookEvent',
    ...(missing.event !== undefined ? { event: missing.event } : {}),
    requestProblems: [],
    violations: [missing.finding],
    unchecked: [],
    evidence: missing.evidence,
  });
  announce(deps, entry);
}

export async function relayDelivery(
  deps: DeliveryRelayDeps,
  c: Context,
  body: Buffer,
): Promise<Response> {
  const started = Date.now();
  const url = new URL(c.req.url);
  const headers: Record<string, string> = {};
  c.req.raw.headers.forEach((value, name) => (headers[name] = value));
  const verdict = deps.deliveries.check(url.pathname, headers, body);
  // A test ping is not a call of the counters (spec/README.md C39) and is never retried; an
  // attempt whose webhook the signature does not prove is judged for none.
  const proven = verdict.signature === 'verified' || verdict.signature === 'unsigned';
  const event =
    proven && verdict.event !== 'test' && !headers['x-hook-test'] ? verdict.event : undefined;
  const eventId = headers['x-superoffice-eventid'];
  const retry = /^\d+$/.test(headers['x-superoffice-retry'] ?? '')
    ? Number(headers['x-superoffice-retry'])
    : 0;
  const timing =
    event !== undefined && eventId !== undefined
      ? deps.retries.arrived(url.pathname, eventId, retry, started)
      : undefined;
  verdict.violations.push(...(timing?.findings ?? []));
  if (event !== undefined && verdict.primaryKey !== undefined)
    verdict.violations.push(
      ...deps.sequence.recipients(url.pathname, event, verdict.primaryKey, started),
    );
  const answer = await passOn(deps, c.req.raw, url.pathname, body);
  const answeredAt = Date.now();
  if (verdict.webhookId !== undefined && event !== undefined)
    deps.sequence.attempted(verdict.webhookId, url.pathname, answer.status);
  const request = { method: 'POST', path: url.pathname, query: url.search.slice(1), headers, body };
  const entry = deps.log.add({
    at: new Date(started).toISOString(),
    kind: 'delivery',
    method: 'POST',
    url: url.pathname,
    status: answer.status,
    durationMs: answeredAt - started,
    operationId: 'webhookEvent',
    ...(verdict.event !== undefined ? { event: verdict.event } : {}),
    signature: verdict.signature,
    requestProblems: [],
    violations: verdict.violations,
    unchecked: verdict.unchecked,
    evidence: evidenceOf(request, answer.status, answer.headers, answer.body, deps.redactor),
  });
  if (timing && eventId !== undefined) {
    const where = { path: url.pathname, eventId, attempt: timing.attempt };
    deps.retries.answered(where, answer.status, answeredAt, {
      event,
      webhookId: verdict.webhookId,
      evidence: entry.evidence,
    });
  }
  announce(deps, entry);
  deps.recorder?.write({
    kind: 'delivery',
    at: entry.at,
    method: 'POST',
    url: url.pathname,
    request: { headers: deps.redactor.headers(headers), ...recordedBody(body, deps.redactor) },
    response: {
      status: answer.status,
      headers: deps.redactor.headers(answer.headers),
      ...recordedBody(answer.body, deps.redactor),
    },
    verdict: { operationId: 'webhookEvent', violations: entry.violations.map((v) => v.message) },
  });
  const reply = new Headers(answer.headers);
  return new Response(answer.body.length > 0 ? new Uint8Array(answer.body) : null, {
    status: answer.status,
    headers: reply,
  });
}
