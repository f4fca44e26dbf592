// One root cause, many broken cases: when several cases fail or error for the same reason (say,
// "create answered 200 without a WebhookId" breaks every case that needs a webhook), the report
// names the cause once and lists the cases under it instead of repeating it per case.
//
// Cases are grouped by what actually differed: the cause a check gave (a status pair such as
// "expected status 200, got 405", the schema problems of an answer, an unmet precondition),
// else the reason with only what varies per case (receiver paths, run names, ids) folded. A
// status is never folded, and a group's heading is true for every member: the shared reason,
// or the folded form when the members' reasons differ.
import type { Verdict } from '../types.js';

export interface RootCause {
  /** Holds for every case listed under it. */
  reason: string;
  ids: string[];
}

/** At least this many cases must share a reason before it is reported as a root cause. */
export const MIN_CASES = 3;

const HTTP_STATUS = /^[1-5]\d\d$/;

/** The reason without what differs from case to case: receiver paths, ids, numbers that are
 * not HTTP statuses. */
export function causeKey(reason: string): string {
  return reason
    .replace(/\/[0-9a-f]{8}\/[\w.-]+(\/[\w.-]+)?/g, '/<receiver path>')
    .replace(/soconf[-.][0-9a-f]{8}[\w. -]*?(?=["',;)]|$)/g, '<run name>')
    .replace(/\d+(\.\d+)?/g, (n) => (HTTP_STATUS.test(n) ? n : 'N'));
}

interface Group {
  key: string;
  reasons: Set<string>;
  ids: string[];
}

export function rootCauses(verdicts: readonly Verdict[]): RootCause[] {
  const groups = new Map<string, Group>();
  for (const v of verdicts) {
    if ((v.status !== 'failed' && v.status !== 'error') || v.reason === undefined) continue;
    const key = v.cause ?? causeKey(v.reason);
    const group = groups.get(key) ?? { key, reasons: new Set<string>(), ids: [] };
    group.reasons.add(v.cause ?? v.reason);
    group.ids.push(v.id);
    groups.set(key, group);
  }
  return [...groups.values()]
    .filter((g) => g.ids.length >= MIN_CASES)
    .map((g) => ({ reason: g.reasons.size === 1 ? [...g.reasons][0]! : g.key, ids: g.ids }));
}
