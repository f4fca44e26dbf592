// The dates of a webhook across two answers the proxy saw in order (docs/sources.md §2): Registered
// never changes, Updated never goes back, and a save that changed a member a client sets moves
// Updated forward.
import type { Sighting } from './seen-state.js';
import type { Pending } from './sequence-check.js';

const SAVES = new Set(['putWebhook', 'patchWebhook', 'saveWebhook']);
/** Members set by the server, not by a save (spec/README.md C16), and the links. */
export const SERVER_SET = new Set(
  [
    'WebhookId',
    'Registered',
    'RegisteredAssociate',
    'Updated',
    'UpdatedAssociate',
    'TotalCalls',
    'TotalErrors',
    'ConsecutiveErrors',
    'LastError',
    '_Links',
  ].map((n) => n.toLowerCase()),
);

/** A date as the server writes it (C9: UTC, with or without the zone); undefined when unset. */
export function dateOf(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.startsWith('0001-')) return undefined;
  const zoned = /(Z|[+-]\d\d:\d\d)$/i.test(value) ? value : `${value}Z`;
  const time = Date.parse(zoned);
  return Number.isFinite(time) ? time : undefined;
}

/**
 * How long the server's clock must have run for a date it writes to differ from `stamp`: a tick
 * of the finest resolution `stamp` prints (its fraction's last non-zero digit), at least 50 ms
 * for clocks that tick coarser than they print, twice over; a whole second when it prints none.
 * The reference names no resolution (docs/sources.md §2).
 */
export function tickMs(stamp: unknown): number {
  const digits = /\.(\d+)/.exec(String(stamp))?.[1]?.replace(/0+$/, '') ?? '';
  if (digits === '') return 1_000;
  return 2 * Math.max(50, 1000 / 10 ** digits.length);
}

const show = (value: unknown) => JSON.stringify(value)?.slice(0, 120) ?? 'absent';

/** Whether a save changed a member a client sets, from the webhook seen before to the answer. */
function changed(before: Record<string, unknown>, after: Record<string, unknown>): boolean {
  return Object.keys(after).some(
    (k) => !SERVER_SET.has(k.toLowerCase()) && show(before[k]) !== show(after[k]),
  );
}

export function dateProblems(
  pending: Pending,
  before: Sighting,
  after: Record<string, unknown>,
): string[] {
  const findings: string[] = [];
  const id = String(after.WebhookId);
  const [registered, wasRegistered] = [dateOf(after.Registered), dateOf(before.webhook.Registered)];
  if (registered !== undefined && wasRegistered !== undefined && registered !== wasRegistered) {
    const text = `webhook ${id}: Registered is ${String(after.Registered)}, was ${String(before.webhook.Registered)} (answered at ${before.at})`;
    findings.push(text);
  }
  const [updated, wasUpdated] = [dateOf(after.Updated), dateOf(before.webhook.Updated)];
  if (updated === undefined || wasUpdated === undefined) return findings;
  if (updated < wasUpdated) {
    const text = `webhook ${id}: Updated went back to ${String(after.Updated)} from ${String(before.webhook.Updated)} (answered at ${before.at})`;
    findings.push(text);
  } else if (
    SAVES.has(pending.operationId) &&
    updated <= wasUpdated &&
    // A tick of the server's clock, as its stamp shows it, on the proxy's clock between the
    // two: a date written by this save is later at the resolution the server keeps.
    pending.startedAt - before.endedAt >= tickMs(before.webhook.Updated) &&
    changed(before.webhook, after)
  ) {
    const text = `${pending.operationId} changed webhook ${id} but Updated stayed ${String(after.Updated)} (as answered at ${before.at})`;
    findings.push(text);
  }
  return findings;
}
