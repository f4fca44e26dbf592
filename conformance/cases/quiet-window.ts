// "Nothing arrived" needs a defined quiet window: a stray delivery may land a moment after the
// one a case waited for. The window scales with the target's own observed delivery latency,
// within a floor (a fast local target still gets time to misbehave) and a cap (a slow one does
// not stall the run), and the verdict says how long it was.
import type { Delivery } from '../receiver.js';
import type { CaseContext } from '../types.js';

export const QUIET_FLOOR_MS = 250;
export const QUIET_CAP_MS = 2_000;
/** How many observed latencies the window lasts. */
export const QUIET_FACTOR = 5;

export function quietWindowMs(observedLatencyMs: number): number {
  const scaled = Math.ceil(QUIET_FACTOR * Math.max(0, observedLatencyMs));
  return Math.min(QUIET_CAP_MS, Math.max(QUIET_FLOOR_MS, scaled));
}

/**
 * Waits the quiet window derived from `observedLatencyMs` (never past the delivery timeout)
 * and returns what matched `stray` by its end; it returns early on the first stray delivery.
 */
export async function quietWindow(
  ctx: CaseContext,
  observedLatencyMs: number,
  stray: (d: Delivery) => boolean,
): Promise<{ windowMs: number; strays: Delivery[] }> {
  const windowMs = Math.min(quietWindowMs(observedLatencyMs), ctx.deliveryTimeoutMs);
  const receiver = ctx.requireReceiver();
  await receiver.waitFor(stray, windowMs, ctx.signal);
  const latency = Math.round(observedLatencyMs);
  ctx.note(
    `waited a quiet window of ${windowMs} ms (${QUIET_FACTOR} × the observed delivery latency of ${latency} ms, floor ${QUIET_FLOOR_MS} ms, cap ${QUIET_CAP_MS} ms)`,
  );
  return { windowMs, strays: receiver.deliveries().filter(stray) };
}
