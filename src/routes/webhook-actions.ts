// The operations both surfaces share (REST and Agent call the same service in the real
// server); HTTP shapes stay in the route files.
import { failsIfUnmodifiedSince } from '../domain/preconditions.js';
import { buildSaved, type WebhookInput } from '../domain/save.js';
import { customHeadersProblem } from '../domain/delivery-headers.js';
import { targetUrlProblem } from '../domain/target-url.js';
import type { WebhookRecord } from '../domain/webhook.js';
import { ApiError } from '../http/api-error.js';
import type { BoundRequest } from '../http/operation.js';
import type { UserRecord } from '../store/state.js';
import type { RouteDeps } from './deps.js';

export const notFound = (id: number) => new ApiError('NOT_FOUND', `Webhook id ${id} not found`);

export function requireWebhook(deps: RouteDeps, id: number): WebhookRecord {
  const webhook = deps.store.get(id);
  if (!webhook) throw notFound(id);
  return webhook;
}

/**
 * 400 when a definition would make the mock send what it must not: custom headers that frame
 * the request or forge the mock's own (C26), or a TargetUrl that reaches this server (C25).
 */
export function refuseUnsafeTarget(deps: RouteDeps, record: WebhookRecord): void {
  const headers = customHeadersProblem(record.Headers);
  if (headers) throw new ApiError('BAD_REQUEST', headers);
  if (record.Type === 'crmscript' || !record.TargetUrl) return;
  const problem = deps.targets.self?.(record.TargetUrl.trim());
  if (problem) throw new ApiError('BAD_REQUEST', problem);
}

/** TestWebhook on either surface: pings the definition unless it points at this server. */
export async function testWebhook(deps: RouteDeps, input: WebhookInput) {
  const draft = buildSaved(undefined, input, { now: deps.clock(), associate: null });
  refuseUnsafeTarget(deps, draft);
  return deps.deliveries.test(draft);
}

/** Validates like SaveWebhook does before anything is stored (reference §2c). */
async function checkSavable(deps: RouteDeps, record: WebhookRecord): Promise<void> {
  const problem = targetUrlProblem(record, deps.targets.strict);
  if (problem) throw new ApiError('BAD_REQUEST', problem);
  refuseUnsafeTarget(deps, record);
  // Only an active HTTP hook is pinged: stopping a hook whose receiver is down must work.
  if (deps.targets.verify && record.Type === 'webhook' && record.State === 'Active') {
    const refused = await deps.deliveries.verifyTarget(record);
    if (refused) throw new ApiError('BAD_REQUEST', refused);
  }
}

/** SaveWebhook: id 0 creates; an existing id is replaced; an unknown id is 404 (C7). */
export async function saveWebhook(
  deps: RouteDeps,
  id: number,
  input: WebhookInput,
  user: UserRecord | undefined,
): Promise<WebhookRecord> {
  const context = { now: deps.clock(), associate: user?.Associate ?? null };
  if (id === 0) {
    const draft = buildSaved(undefined, input, context);
    await checkSavable(deps, draft);
    return deps.store.insert(draft);
  }
  return withWebhookLock(deps, id, () =>
    replaceLocked(deps, requireWebhook(deps, id), input, user),
  );
}

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
  deps: RouteDeps,
  id: number,
  work: () => Promise<Written<T>>,
): Promise<T> {
  const { value, durable } = await deps.locks.run(id, work);
  await durable;
  return value;
}

/** Replaces an existing webhook; the caller holds the webhook's lock. */
export async function replaceLocked(
  deps: RouteDeps,
  existing: WebhookRecord,
  input: WebhookInput,
  user: UserRecord | undefined,
): Promise<Written<WebhookRecord>> {
  const context = { now: deps.clock(), associate: user?.Associate ?? null };
  await checkSavable(deps, buildSaved(existing, input, context));
  // Deliveries may have settled (or the hook been deleted) while the target was pinged: build
  // the stored record from the webhook as it is now, so no statistics update is lost.
  const current = deps.store.get(existing.WebhookId);
  if (!current) throw notFound(existing.WebhookId);
  const saved = buildSaved(current, input, context);
  const stored = deps.store.replace(saved);
  const events = deps.deliveries.stateChanged(current, saved);
  return { value: saved, durable: Promise.all([stored, events]) };
}

export function deleteWebhook(deps: RouteDeps, id: number): Promise<boolean> {
  return withWebhookLock(deps, id, async () => {
    if (!deps.store.get(id)) return { value: false, durable: Promise.resolve() };
    const durable = deps.store.remove(id).then(() => deps.deliveries.forget(id));
    return { value: true, durable };
  });
}

/** If-Unmodified-Since → 412 when the webhook changed after it (spec/README.md C10). */
export function checkUnmodifiedSince(deps: RouteDeps, request: BoundRequest, id: number): void {
  const webhook = requireWebhook(deps, id);
  const since = request.header('if-unmodified-since');
  if (failsIfUnmodifiedSince(webhook.Updated, since)) {
    throw new ApiError('PRECONDITION_FAILED', `Webhook ${id} has changed since ${since}`);
  }
}
