// The write use cases both surfaces share (REST and Agent call the same service in the real
// server): save, replace, delete and the TestWebhook ping. Each reads the webhook once, under
// its lock; only a save that waited for the target's ping reads it again before writing.
import { customHeadersProblem } from '../domain/delivery-headers.js';
import { DomainError } from '../domain/errors.js';
import { failsIfUnmodifiedSince } from '../domain/preconditions.js';
import { buildSaved, type WebhookInput } from '../domain/save.js';
import { targetUrlProblem } from '../domain/target-url.js';
import type { UserRecord } from '../domain/user.js';
import type { WebhookRecord } from '../domain/webhook.js';
import type { ServiceDeps } from './deps.js';
import { getWebhook, notFound } from './read-webhooks.js';
import { checkRoomForWebhook, checkWebhookSize } from './store-limits.js';
import { withWebhookLock, type Written } from './webhook-lock.js';

const contextOf = (deps: ServiceDeps, user: UserRecord | undefined) => ({
  now: deps.clock.now(),
  associate: user?.Associate ?? null,
});

/**
 * Refuses a definition that would make the mock send what it must not: custom headers that
 * frame the request or forge the mock's own (C26), or a TargetUrl that reaches this server (C25).
 */
function refuseUnsafeTarget(deps: ServiceDeps, record: WebhookRecord): void {
  const headers = customHeadersProblem(record.Headers);
  if (headers) throw new DomainError('invalid', headers);
  if (record.Type === 'crmscript' || !record.TargetUrl) return;
  const problem = deps.targets.self?.(record.TargetUrl.trim());
  if (problem) throw new DomainError('invalid', problem);
}

/**
 * Validates like SaveWebhook does before anything is stored (docs/sources.md §2c); true when it
 * waited for the target's ping.
 */
async function checkSavable(deps: ServiceDeps, record: WebhookRecord): Promise<boolean> {
  checkWebhookSize(record, deps.limits);
  const problem = targetUrlProblem(record, deps.targets.strict);
  if (problem) throw new DomainError('invalid', problem);
  refuseUnsafeTarget(deps, record);
  // Only an active HTTP hook is pinged: stopping a hook whose receiver is down must work.
  if (!deps.targets.verify || record.Type !== 'webhook' || record.State !== 'Active') return false;
  const refused = await deps.deliveries.verifyTarget(record);
  if (refused) throw new DomainError('invalid', refused);
  return true;
}

/** If-Unmodified-Since → 412 when the webhook changed after it (spec/README.md C10). */
export function checkUnmodifiedSince(webhook: WebhookRecord, since: string | undefined): void {
  if (failsIfUnmodifiedSince(webhook.Updated, since)) {
    throw new DomainError(
      'precondition-failed',
      `Webhook ${webhook.WebhookId} has changed since ${since}`,
    );
  }
}

/** Replaces an existing webhook; the caller holds the webhook's lock. */
export async function replaceLocked(
  deps: ServiceDeps,
  existing: WebhookRecord,
  input: WebhookInput,
  user: UserRecord | undefined,
): Promise<Written<WebhookRecord>> {
  const context = contextOf(deps, user);
  let saved = buildSaved(existing, input, context);
  let current = existing;
  const generation = deps.store.generation();
  if (await checkSavable(deps, saved)) {
    // Deliveries may have settled (or the hook been deleted) while the target was pinged:
    // build the stored record from the webhook as it is now, so no statistics update is lost.
    // After a reset the id names the fixture's webhook, not the one this write read (C38).
    const now = deps.store.get(existing.WebhookId);
    if (!now || deps.store.generation() !== generation) throw notFound(existing.WebhookId);
    current = now;
    saved = buildSaved(current, input, context);
  }
  const stored = deps.store.replace(saved);
  const events = deps.deliveries.stateChanged(current, saved);
  return { value: saved, durable: Promise.all([stored, events]) };
}

export interface SaveInput {
  id: number;
  input: WebhookInput;
  user: UserRecord | undefined;
}

/** SaveWebhook: id 0 creates; an existing id is replaced; an unknown id is not found (C7). */
export async function saveWebhook(deps: ServiceDeps, save: SaveInput): Promise<WebhookRecord> {
  if (save.id === 0) {
    const draft = buildSaved(undefined, save.input, contextOf(deps, save.user));
    checkRoomForWebhook(deps.store, deps.limits);
    await checkSavable(deps, draft);
    // Again after the target's ping: other creates may have filled the room meanwhile.
    checkRoomForWebhook(deps.store, deps.limits);
    return deps.store.insert(draft);
  }
  return withWebhookLock(deps, save.id, () =>
    replaceLocked(deps, getWebhook(deps, save.id), save.input, save.user),
  );
}

/** PUT: replaces an existing webhook unless it changed after `ifUnmodifiedSince` (C10). */
export function replaceWebhook(
  deps: ServiceDeps,
  save: SaveInput & { ifUnmodifiedSince: string | undefined },
): Promise<WebhookRecord> {
  return withWebhookLock(deps, save.id, () => {
    const existing = getWebhook(deps, save.id);
    checkUnmodifiedSince(existing, save.ifUnmodifiedSince);
    return replaceLocked(deps, existing, save.input, save.user);
  });
}

export interface DeleteInput {
  id: number;
  /** REST answers 404 for an unknown id; the Agent method does not (spec/README.md C5). */
  mustExist: boolean;
  ifUnmodifiedSince?: string | undefined;
}

/** Deletes the webhook and its pending deliveries; false when there was none. */
export function deleteWebhook(deps: ServiceDeps, remove: DeleteInput): Promise<boolean> {
  return withWebhookLock(deps, remove.id, async () => {
    const existing = deps.store.get(remove.id);
    if (!existing) {
      if (remove.mustExist) throw notFound(remove.id);
      return { value: false, durable: Promise.resolve() };
    }
    checkUnmodifiedSince(existing, remove.ifUnmodifiedSince);
    const durable = deps.store.remove(remove.id).then(() => deps.deliveries.forget(remove.id));
    return { value: true, durable };
  });
}

/** TestWebhook: pings a definition that is not stored, unless it points at this server (§2b). */
export async function testWebhook(deps: ServiceDeps, definition: WebhookInput) {
  const draft = buildSaved(undefined, definition, { now: deps.clock.now(), associate: null });
  refuseUnsafeTarget(deps, draft);
  return deps.deliveries.test(draft);
}
