// checkReceiver(): sends the documented deliveries to one receiver, one case after another,
// and answers the conformance report object (conformance/report.schema.json). A receiver that
// cannot be reached at all is an error thrown, not a report (the CLI's exit 2); one that stops
// answering part-way gets its remaining cases as errors, so a run never hangs.
import { randomUUID } from 'node:crypto';
import { Agent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { performance } from 'node:perf_hooks';
import { toJsonReport, type JsonReport } from '../reporters/json.js';
import { cite } from '../sources.js';
import type { Verdict } from '../types.js';
import type { Delivery } from './bodies.js';
import type { CheckContext, Finding, ReceiverCase, SendOptions, Sent } from './case.js';
import { deliveryCases } from './cases.js';
import { deliveryHeaders } from './headers.js';
import { redacted, send, type Exchange } from './send.js';
import { SUMMARY_CASES } from './summary-cases.js';

/** The mock's own --delivery-timeout default; the vendor documents none (spec C40). */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** One event per documented shape: created, changed, deleted (Values), a state event. */
export const DEFAULT_EVENTS = [
  'contact.created',
  'person.changed',
  'sale.deleted',
  'webhook1.errors',
];

export interface CheckReceiverOptions {
  /** The receiver's URL, as a webhook's TargetUrl would name it. */
  url: string;
  /** The webhook's Secret: deliveries are signed, and the signature cases run. */
  secret?: string;
  /** Event names to send one delivery each for (default DEFAULT_EVENTS). */
  events?: readonly string[];
  /** A receiver that accepts unsigned or wrongly signed deliveries fails, not just warns. */
  strict?: boolean;
  /** Per-attempt timeout (ms). */
  timeoutMs?: number;
  /** How much longer a late answer is awaited so it can still be judged; min(timeout, 3 s). */
  graceMs?: number;
  /** Refuses a resolved address with a reason (the dashboard keeps the mock from checking itself). */
  refuseAddress?: (address: string) => string | undefined;
  onVerdict?: (verdict: Verdict) => void;
}

export type CheckReceiverReport = JsonReport;

/** The options themselves are wrong (a usage error: exit 2). */
export class CheckReceiverUsageError extends Error {
  override name = 'CheckReceiverUsageError';
  /** The caller's input is at fault (the dashboard answers 400). */
  readonly badInput = true;
}

/** The receiver could not be reached, or does not speak HTTP (exit 2). */
export class ReceiverUnreachableError extends Error {
  override name = 'ReceiverUnreachableError';
  readonly badInput = true;
}

const EVENT_NAME = /^[^\s,]+\.[^\s,.]+$/;

function receiverUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CheckReceiverUsageError(`--url ${url} is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new CheckReceiverUsageError(`--url must be http: or https:, not ${parsed.protocol}`);
  }
  return parsed;
}

function checkedEvents(events: readonly string[]): readonly string[] {
  if (events.length === 0) throw new CheckReceiverUsageError('--events names no event');
  for (const event of events) {
    if (!EVENT_NAME.test(event) || event === 'test') {
      throw new CheckReceiverUsageError(
        `--events: "${event}" is not an event name like contact.created`,
      );
    }
  }
  return events;
}

function verdictOf(testCase: ReceiverCase, finding: Finding, durationMs: number): Verdict {
  const verdict: Verdict = {
    id: testCase.id,
    area: 'receiver',
    title: testCase.title,
    source: [...new Set(cite(testCase.source).split(', '))].join(', '),
    status: finding.status,
    durationMs: Math.round(durationMs),
  };
  for (const key of ['reason', 'evidence', 'notes', 'severity'] as const) {
    if (finding[key] !== undefined) Object.assign(verdict, { [key]: finding[key] });
  }
  return verdict;
}

function unreachable(url: URL, exchange: Exchange): ReceiverUnreachableError {
  const what = exchange.code?.startsWith('HPE_')
    ? `answered with something that is not HTTP (${exchange.error})`
    : `could not be reached: ${exchange.error ?? 'no answer'}`;
  return new ReceiverUnreachableError(`the receiver at ${redacted(url)} ${what}`);
}

export async function checkReceiver(options: CheckReceiverOptions): Promise<CheckReceiverReport> {
  const url = receiverUrl(options.url);
  const events = checkedEvents(options.events ?? DEFAULT_EVENTS);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!(timeoutMs > 0)) throw new CheckReceiverUsageError('--timeout must be above 0');
  const graceMs = options.graceMs ?? Math.min(timeoutMs, 3000);
  const startedAt = new Date().toISOString();
  const started = performance.now();
  // Kept-alive connections as the real sender's; closed at the end so nothing lingers.
  const agent =
    url.protocol === 'https:'
      ? new HttpsAgent({ keepAlive: true })
      : new Agent({ keepAlive: true });
  const sent: Sent[] = [];
  let caseId = '';
  let stalled: Sent | undefined;
  const ctx: CheckContext = {
    secret: options.secret || undefined,
    events,
    strict: options.strict ?? false,
    timeoutMs,
    sent,
    async deliver(delivery: Delivery, how: SendOptions) {
      const body = Buffer.from(how.body ?? delivery.body, 'utf8');
      const post = { url, headers: deliveryHeaders(delivery, how), body };
      const exchange = await send(post, {
        timeoutMs,
        graceMs,
        agent,
        refuseAddress: options.refuseAddress,
      });
      const record = { caseId, label: how.label, exchange };
      sent.push(record);
      if (exchange.code === 'TIMEOUT') stalled ??= record;
      return exchange;
    },
  };
  const verdicts: Verdict[] = [];
  try {
    for (const testCase of [...deliveryCases(events), ...SUMMARY_CASES]) {
      caseId = testCase.id;
      const caseStart = performance.now();
      let finding: Finding;
      if (stalled && !testCase.summary) {
        finding = {
          status: 'error',
          reason: `not sent: the receiver stopped answering (${stalled.label}: ${stalled.exchange.error ?? ''})`,
        };
      } else {
        finding = await testCase.run(ctx);
      }
      // The first POST is the reachability check: without any answer there is nothing to judge.
      const [first] = sent;
      if (sent.length === 1 && first && first.exchange.status === undefined) {
        if (first.exchange.code !== 'TIMEOUT') throw unreachable(url, first.exchange);
      }
      const verdict = verdictOf(testCase, finding, performance.now() - caseStart);
      verdicts.push(verdict);
      options.onVerdict?.(verdict);
    }
  } finally {
    agent.destroy();
  }
  return toJsonReport(verdicts, {
    target: redacted(url),
    runId: randomUUID().slice(0, 8),
    startedAt,
    durationMs: Math.round(performance.now() - started),
  });
}
