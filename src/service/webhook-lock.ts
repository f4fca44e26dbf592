// Writes to one webhook run one at a time; each writer is answered once its write is on disk.
import type { ServiceDeps } from './deps.js';

/** A write whose effect is already in memory, and the promise of it being on disk. */
export interface Written<T> {
  value: T;
  durable: Promise<unknown>;
}

/**
 * Runs `work` under the webhook's lock but waits for the disk outside it. Store writes apply
 * to memory synchronously, so the next writer already sees this one's change (a conflicting
 * `test` still fails); releasing the lock first lets writers to one webhook share a journal
 * batch instead of queueing for each other's write. Each caller is still answered only after
 * its own write is on disk, and the journal keeps their order.
 */
export async function withWebhookLock<T>(
  deps: Pick<ServiceDeps, 'locks'>,
  id: number,
  work: () => Promise<Written<T>>,
): Promise<T> {
  const { value, durable } = await deps.locks.run(id, work);
  await durable;
  return value;
}
