// One root cause, many broken cases: when several cases fail or error for the same reason (say,
// "create answered 200 without a WebhookId" breaks every case that needs a webhook), the report
// names the cause once and lists the cases under it instead of repeating it per case.
import type { Verdict } from '../types.js';

export interface RootCause {
  reason: string;
  ids: string[];
}

/** At least this many cases must share a reason before it is reported as a root cause. */
export const MIN_CASES = 3;

/** The reason without what differs from case to case: receiver paths, ids, numbers. */
export function causeKey(reason: string): string {
  return reason
    .replace(/\/[0-9a-f]{8}\/[\w.-]+(\/[\w.-]+)?/g, '/<receiver path>')
    .replace(/soconf[-.][0-9a-f]{8}[\w. -]*?(?=["',;)]|$)/g, '<run name>')
    .replace(/\d+/g, 'N');
}

export function rootCauses(verdicts: readonly Verdict[]): RootCause[] {
  const groups = new Map<string, RootCause>();
  for (const v of verdicts) {
    if ((v.status !== 'failed' && v.status !== 'error') || v.reason === undefined) continue;
    const key = causeKey(v.reason);
    const group = groups.get(key) ?? { reason: v.reason, ids: [] };
    group.ids.push(v.id);
    groups.set(key, group);
  }
  return [...groups.values()].filter((g) => g.ids.length >= MIN_CASES);
}
