// What a differential run compares of the deliveries each side sent: every delivery by role
// (payload, documented headers, signature with the secret set last, the receiver's answer),
// waiting first until both sides are quiet — long enough for a retry after a recent failure —
// and the spacing of retries within the documented bounds.
import { isRecord } from '../expect.js';
import { checkSignature, type Delivery, type Receiver } from '../receiver.js';
import { eventRole, type SideState } from './normalize.js';

/** The documented waits before the 2nd and 3rd attempt (reference §3d). */
const RETRY_DELAYS_MS = [1000, 4000];
/** How long nothing new must arrive: short when the reference tells when it is done (its
 * root) or nothing was signalled (a save's ping is answered before the save), longer after a
 * signal on a tenant's site, where a first attempt may still be on its way. */
const QUIET_MS = { known: 30, signalled: 200 };

export interface DeliverySide {
  state: SideState;
  /** Receiver path prefix of this side's webhooks. */
  receiverPath: string;
}

export interface DeliveryEnv {
  receiver: Receiver;
  timeScale: number;
  deliveryTimeoutMs: number;
  /** Whether the reference still has a delivery to send or retry (its root's only). */
  referencePending(): boolean;
}

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

/** When the last retry still due may arrive: after an attempt that failed (not 200, not 410,
 * which disables) and is not the last, its documented delay and half as much again. */
function retryDueAt(deliveries: readonly Delivery[], timeScale: number): number {
  let due = 0;
  for (const attempts of byEvent(deliveries)) {
    const last = attempts[attempts.length - 1]!;
    const delay = RETRY_DELAYS_MS[attempts.length - 1];
    if (last.answered === 200 || last.answered === 410 || delay === undefined) continue;
    due = Math.max(due, last.receivedAt + delay * timeScale * 1.5 + 250);
  }
  return due;
}

/**
 * Waits until the reference has nothing left to send, both sides' deliveries stay unchanged
 * for a quiet window, no retry is still due on either side, and the target has at least as
 * many as the reference; bounded.
 */
export async function settle(
  env: DeliveryEnv,
  sides: readonly DeliverySide[],
  signalled: boolean,
): Promise<void> {
  const root = sides[0]!.state.site === '';
  const quiet = root || !signalled ? QUIET_MS.known : QUIET_MS.signalled;
  // On the root the reference says when it is done, and the target must reach its count.
  const timed = root ? [] : sides;
  const all = (side: DeliverySide) => env.receiver.deliveries(side.receiverPath);
  const deadline = Date.now() + env.deliveryTimeoutMs;
  let last = sides.map((side) => all(side).length);
  for (;;) {
    const due = Math.max(0, ...timed.map((side) => retryDueAt(all(side), env.timeScale)));
    const wait = Math.max(quiet, due - performance.now());
    await new Promise((resolve) => setTimeout(resolve, Math.min(wait, deadline - Date.now())));
    const now = sides.map((side) => all(side).length);
    const stable = now.every((n, i) => n === last[i]) && now[0]! >= now[1]!;
    const done = stable && due <= performance.now() && !env.referencePending();
    if (done || Date.now() > deadline) return;
    last = now;
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
