// The documented delivery policy as data (docs/sources.md §3d, notification.md; spec/README.md C18):
// 3 attempts per event cycle, the 2nd 1 s after the 1st fails, the 3rd 4 s after the 2nd; only
// 200 is success; 410 Gone disables at once; 9 consecutive failed cycles disable. Pure.
import type { WebhookRecord, WebhookState } from '../domain/webhook.js';

export const MAX_ATTEMPTS = 3;
/** Wait before attempt n+2 after attempt n+1 failed: [before 2nd, before 3rd]. */
export const RETRY_DELAYS_MS: readonly number[] = [1000, 4000];
/** "9 consecutive delivery failures" (admin/index.md); overview.md's "seven" is superseded. */
export const MAX_CONSECUTIVE_ERRORS = 9;

export type Classification = 'success' | 'gone' | 'failure';

/** Structurally a DeliveryAttemptResult (deliver.ts), so this module needs no I/O import. */
export interface AttemptOutcome {
  status?: number;
  error?: string;
}

/**
 * Only 200 counts (C18: the docs say "200", a conservative mock does not widen it to 2xx); 3xx
 * is a failure because redirects are not followed. An error (timeout, reset, even after a
 * status line arrived) is a failure, as for a .NET client that reads the whole response.
 */
export function classify(outcome: AttemptOutcome): Classification {
  if (outcome.error !== undefined || outcome.status === undefined) return 'failure';
  if (outcome.status === 200) return 'success';
  return outcome.status === 410 ? 'gone' : 'failure';
}

export type Step =
  | { kind: 'done' }
  | { kind: 'retry'; delayMs: number }
  | { kind: 'cycle-failed' }
  | { kind: 'gone' };

/**
 * What to do after attempt `attemptIndex` (0-based) ended with `classification`. `timeScale`
 * multiplies the documented delays so tests and demos need not wait (0 = no wait).
 */
export function nextStep(
  attemptIndex: number,
  classification: Classification,
  timeScale = 1,
): Step {
  if (!Number.isFinite(timeScale) || timeScale < 0) {
    throw new RangeError(`timeScale must be a finite number >= 0, got ${timeScale}`);
  }
  if (classification === 'success') return { kind: 'done' };
  if (classification === 'gone') return { kind: 'gone' };
  const delay = Number.isInteger(attemptIndex) ? RETRY_DELAYS_MS[attemptIndex] : undefined;
  if (attemptIndex < 0 || delay === undefined) return { kind: 'cycle-failed' };
  return { kind: 'retry', delayMs: Math.round(delay * timeScale) };
}

export type DeliveryCounters = Pick<
  WebhookRecord,
  'ConsecutiveErrors' | 'TotalErrors' | 'TotalCalls' | 'State'
>;
export type CycleResult = 'success' | 'failed' | 'gone';

export interface CycleUpdate {
  counters: DeliveryCounters;
  /** True only on the cycle that moved the hook to TooManyErrors: mail and fire `.errors`. */
  disabledNow: boolean;
}

/** Attempts a cycle made when the caller does not say: a failed cycle used all of them. */
function defaultAttempts(result: CycleResult): number {
  return result === 'failed' ? MAX_ATTEMPTS : 1;
}

/**
 * Counters after one event cycle. TotalCalls counts HTTP attempts ("times invoked") and
 * TotalErrors counts failed attempts ("times target returned error", docs/sources.md §2), so a failed
 * cycle adds 3 to both; ConsecutiveErrors counts failed cycles and a success resets it (§3d).
 * Only an Active hook is disabled: a hook stopped meanwhile stays Stopped, and one already
 * TooManyErrors does not notify twice.
 */
export function afterCycle(
  counters: DeliveryCounters,
  result: CycleResult,
  attempts: number = defaultAttempts(result),
): CycleUpdate {
  const failedAttempts = result === 'success' ? attempts - 1 : attempts;
  const consecutive = result === 'success' ? 0 : counters.ConsecutiveErrors + 1;
  const disable =
    counters.State === 'Active' &&
    (result === 'gone' || (result === 'failed' && consecutive >= MAX_CONSECUTIVE_ERRORS));
  const state: WebhookState = disable ? 'TooManyErrors' : counters.State;
  return {
    counters: {
      ConsecutiveErrors: consecutive,
      TotalErrors: counters.TotalErrors + failedAttempts,
      TotalCalls: counters.TotalCalls + attempts,
      State: state,
    },
    disabledNow: disable,
  };
}
