// What a differential run compares of the deliveries each side sent: every delivery by role
// (payload, documented headers, signature with the secret set last, the receiver's answer),
// waiting first until the reference has sent and retried all it will and the target as much,
// and the spacing of retries within the documented bounds.
import { isRecord } from '../expect.js';
import { checkSignature, type Delivery, type Receiver } from '../receiver.js';
import { eventRole, type SideState } from './normalize.js';

/** The documented waits before the 2nd and 3rd attempt (reference §3d). */
const RETRY_DELAYS_MS = [1000, 4000];
/**
 * How long nothing new must arrive after a step that may deliver before the next step: the
 * reference says when it is done (its own deliveries), so this only gives a target's extra
 * deliveries — ones the reference does not send — time to show at the step that caused them.
 * One that comes later still differs, at a later step.
 */
const QUIET_MS = 15;
/** How often the receiver and the reference are looked at while settling. */
const POLL_MS = 5;

export interface DeliverySide {
  state: SideState;
  /** Receiver path prefix of this side's webhooks. */
  receiverPath: string;
}

export interface DeliveryEnv {
  receiver: Receiver;
  timeScale: number;
  deliveryTimeoutMs: number;
  /** Whether the reference still has a delivery to send or retry on `site` ('' is its root). */
  referencePending(site: string): Promise<boolean>;
  /** When the run's time budget ends (`performance.now()`); none under `--deep`. */
  stopAt?: number;
}

/** The time budget ended while a step's deliveries were settling: that step goes unjudged. */
export class BudgetSpent extends Error {}

export function delivered(receiver: Receiver, side: DeliverySide, index: number): Delivery[] {
  return receiver.deliveries(`${side.receiverPath}/w${index}/`);
}

function signatureRole(secret: string, d: Delivery): string {
  const header = d.headers['x-superoffice-signature'];
  if (secret === '') return header === undefined ? 'unsigned' : 'signed without a secret';
  return checkSignature(secret, d.raw, header).ok
    ? 'valid for the current secret'
    : 'not valid for the current secret';
}

/** `ContextIdentifier`: the tenant on a tenant's site (reference "Base"); on the root, the
 * installation's own id, the same on every delivery. */
function contextRole(side: SideState, value: unknown): unknown {
  if (side.site !== '') return value === side.site.slice(1) ? 'the tenant' : value;
  side.context ??= value;
  return value === side.context ? "the installation's id" : value;
}

function payloadRole(side: SideState, body: Record<string, unknown>): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === 'EventId') payload[key] = eventRole(side, value);
    else if (key === 'Timestamp')
      payload[key] =
        typeof value === 'string' && /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(value)
          ? 'a UTC timestamp'
          : value;
    else if (key === 'ChangedByAssociateId')
      payload[key] = Number(value) > 0 ? 'an associate' : value;
    else if (key === 'ContextIdentifier') payload[key] = contextRole(side, value);
    else payload[key] = value;
  }
  return payload;
}

export function deliveryRole(side: SideState, index: number, d: Delivery): unknown {
  const body = isRecord(d.body) ? d.body : {};
  return {
    method: d.method,
    test: d.isTest,
    event: d.headers['x-superoffice-event'],
    eventIdHeader:
      d.headers['x-superoffice-eventid'] === body.EventId
        ? 'the body EventId'
        : d.headers['x-superoffice-eventid'],
    retry: d.headers['x-superoffice-retry'],
    contentType: (d.headers['content-type'] ?? '').split(';')[0],
    custom: d.headers['x-seq'],
    signature: signatureRole(side.secrets[index] ?? '', d),
    answered: d.answered,
    payload: payloadRole(side, body),
  };
}

/** Attempts per event, in the order they arrived (the save-time test pings are not retried). */
function byEvent(deliveries: readonly Delivery[]): Delivery[][] {
  const events = new Map<unknown, Delivery[]>();
  for (const d of deliveries) {
    if (d.isTest || !isRecord(d.body)) continue;
    const id = d.body.EventId;
    events.set(id, [...(events.get(id) ?? []), d]);
  }
  return [...events.values()];
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the reference has nothing left to send or retry, the target has at least as many
 * deliveries as the reference, and — after a step that may deliver — neither side got one for
 * a quiet window since it was sent; bounded by the delivery timeout plus a retry cycle, and by
 * the time budget (`stopAt`). The reference is asked first and the
 * receiver read after, so a delivery it finished in between is counted.
 */
export async function settle(
  env: DeliveryEnv,
  sides: readonly DeliverySide[],
  mayDeliver: boolean,
  /** When the step was sent: its deliveries may have arrived before its answer did. */
  sent: number,
): Promise<void> {
  const site = sides[1]!.state.site;
  const count = (side: DeliverySide) => env.receiver.deliveries(side.receiverPath).length;
  // A receiver that keeps failing keeps the reference retrying for the documented delays: wait
  // those out too, up to the 3 × the retry spacing accepts.
  const cycleMs = RETRY_DELAYS_MS.reduce((sum, delay) => sum + delay * 3, 0) * env.timeScale;
  const deadline = performance.now() + env.deliveryTimeoutMs + cycleMs;
  let counts = sides.map(count);
  let changed = sent;
  for (;;) {
    const pending = await env.referencePending(site);
    const now = sides.map(count);
    if (now.some((n, i) => n !== counts[i])) [counts, changed] = [now, performance.now()];
    const quiet = !mayDeliver || performance.now() - changed >= QUIET_MS;
    if (!pending && quiet && counts[0]! >= counts[1]!) return;
    if (performance.now() > deadline) return;
    if (performance.now() >= (env.stopAt ?? Infinity)) throw new BudgetSpent();
    await pause(POLL_MS);
  }
}

/** The first retry of one event that came outside the documented spacing, if any. */
export function retrySpacing(timeScale: number, deliveries: Delivery[]): string | undefined {
  for (const attempts of byEvent(deliveries)) {
    for (let i = 1; i < attempts.length; i += 1) {
      const expected = (RETRY_DELAYS_MS[i - 1] ?? 0) * timeScale;
      const waited = attempts[i]!.receivedAt - attempts[i - 1]!.receivedAt;
      if (waited < expected * 0.5 - 50 || waited > expected * 3 + 1000) {
        return `attempt ${i + 1} came ${Math.round(waited)} ms after attempt ${i}; documented: ${Math.round(expected)} ms`;
      }
    }
  }
  return undefined;
}
