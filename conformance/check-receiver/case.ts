// The vocabulary of the receiver check: a case sends deliveries through the context and says
// what it saw; the verdicts are the conformance runner's (conformance/types.ts), so the same
// reporters print them.
import type { Delivery } from './bodies.js';
import type { HeaderOptions } from './headers.js';
import { accepted, type Exchange } from './send.js';
import type { Evidence, Verdict } from '../types.js';

export interface SendOptions extends HeaderOptions {
  /** Sent instead of the delivery's own body (a tampered copy). */
  body?: string;
  /** What this delivery is, for the answer-time and status summaries. */
  label: string;
}

export interface Sent {
  caseId: string;
  label: string;
  exchange: Exchange;
}

export interface CheckContext {
  readonly secret: string | undefined;
  /** The event names deliveries are sent for (`--events`), first one used by the other cases. */
  readonly events: readonly string[];
  readonly strict: boolean;
  readonly timeoutMs: number;
  /** Every exchange so far, in order; the summary cases read it. */
  readonly sent: readonly Sent[];
  deliver(delivery: Delivery, options: SendOptions): Promise<Exchange>;
}

export type Finding = Pick<Verdict, 'status' | 'reason' | 'evidence' | 'notes' | 'severity'>;

export interface ReceiverCase {
  id: string;
  title: string;
  /** As conformance/sources.ts reads it: the fact sheet section (`§3c`) or a `spec C18` row. */
  source: string;
  /** Judged from what the other cases saw, after them. */
  summary?: boolean;
  run(ctx: CheckContext): Promise<Finding>;
}

export const passed = (notes?: string[]): Finding =>
  notes && notes.length > 0 ? { status: 'passed', notes } : { status: 'passed' };

export const failed = (reason: string, evidence?: Evidence): Finding =>
  evidence ? { status: 'failed', reason, evidence } : { status: 'failed', reason };

/** What the receiver did with one POST, in words: `answered 401`, `no answer within 10 s`. */
export function outcome(exchange: Exchange): string {
  if (exchange.status !== undefined) return `answered ${exchange.status}`;
  return exchange.error ?? 'no answer';
}

/** Passed when the receiver accepted (any 2xx: exactly-200 is judged once, by status-200). */
export function expectAccepted(exchange: Exchange, what: string, consequence: string): Finding {
  if (accepted(exchange)) return passed();
  return failed(`${what}: ${outcome(exchange)}; ${consequence}`, exchange.evidence);
}
