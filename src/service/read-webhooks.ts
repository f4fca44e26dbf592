// The read use cases: one store read each, absent ids as the caller's surface defines them.
import { DomainError } from '../domain/errors.js';
import { filterWebhooks, type WebhookFilters } from '../domain/filters.js';
import { lastErrorText } from '../domain/last-error.js';
import { defaultWebhook, type WebhookRecord } from '../domain/webhook.js';
import type { ServiceDeps } from './deps.js';

export const notFound = (id: number) => new DomainError('not-found', `Webhook id ${id} not found`);

/** CreateDefaultWebhook / GET default (docs/sources.md §2a). */
export const createDefaultWebhook = (): WebhookRecord => defaultWebhook();

/** The webhook, or undefined (Agent getters answer null for an unknown id, C4). */
export const findWebhook = (deps: ServiceDeps, id: number): WebhookRecord | undefined =>
  deps.store.get(id);

/** The webhook, or a `not-found` error (REST answers 404). */
export function getWebhook(deps: ServiceDeps, id: number): WebhookRecord {
  const webhook = deps.store.get(id);
  if (!webhook) throw notFound(id);
  return webhook;
}

export const listWebhooks = (
  deps: ServiceDeps,
  filters: WebhookFilters,
): readonly WebhookRecord[] => filterWebhooks(deps.store.list(), filters);

/** The webhook's LastError text, or a `not-found` error (REST answers 404). */
export const getLastError = (deps: ServiceDeps, id: number): string =>
  lastErrorText(getWebhook(deps, id));

/** GetLastError's text, or undefined for an unknown id. */
export function findLastError(deps: ServiceDeps, id: number): string | undefined {
  const webhook = deps.store.get(id);
  return webhook ? lastErrorText(webhook) : undefined;
}
