// After a step, the sides settle until the reference has nothing left to send or retry. A
// receiver that fails three times keeps the reference busy for the documented retry delays
// (1 s, then 4 s, times the time scale): settling must wait that out on top of the delivery
// timeout, or the next step compares a webhook the reference has disabled with one the target
// is about to disable (seen at --time-scale 1 as State "Active" vs "TooManyErrors").
import { expect, it } from 'vitest';
import type { Receiver } from '../receiver.js';
import { settle, type DeliveryEnv } from './deliveries.js';
import { sideState } from './reference.js';

const receiver = { deliveries: () => [] } as unknown as Receiver;

it('waits out a retry cycle of the reference, beyond the delivery timeout', async () => {
  const timeScale = 0.3;
  // The reference's third attempt comes 1.5 s after the first (5 s × 0.3).
  const busyUntil = performance.now() + 5_000 * timeScale;
  const env: DeliveryEnv = {
    receiver,
    timeScale,
    deliveryTimeoutMs: 500,
    referencePending: async () => performance.now() < busyUntil,
  };
  const sides = [
    { state: sideState('target', 'http://receiver/t', undefined), receiverPath: '/t' },
    { state: sideState('reference', 'http://receiver/r', undefined), receiverPath: '/r' },
  ];
  await settle(env, sides, true, performance.now());
  expect(await env.referencePending(''), 'the reference still had a retry due').toBe(false);
}, 20_000);
