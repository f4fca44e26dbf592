// GetAllWebhooks' filters, as the vendor's client documents them: "Only return hooks with this
// name" (the whole Name, compared without case like the database's collation; spec/README.md
// C20), "responding to this event name" (Events includes), "with this status" (State equals);
// StatusFilter Unknown or absent means no filter (docs/sources.md §1a R2).
import type { WebhookRecord, WebhookState } from './webhook.js';

export interface WebhookFilters {
  name?: string | null | undefined;
  event?: string | null | undefined;
  status?: WebhookState | null | undefined;
}

export function filterWebhooks(
  webhooks: readonly WebhookRecord[],
  filters: WebhookFilters,
): readonly WebhookRecord[] {
  const name = filters.name?.toLowerCase();
  const event = filters.event?.toLowerCase();
  const status = filters.status === 'Unknown' ? undefined : filters.status;
  // No filter answers the store's own list, whose answer is cached as a whole (webhook-views).
  if (!name && !event && !status) return webhooks;
  return webhooks.filter(
    (w) =>
      (!name || (w.Name ?? '').toLowerCase() === name) &&
      (!event || (w.Events ?? []).some((e) => e.toLowerCase() === event)) &&
      (!status || w.State === status),
  );
}

/** Webhooks a signalled event goes to: Active ones listening for exactly that event name. */
export function listeners(webhooks: readonly WebhookRecord[], event: string): WebhookRecord[] {
  return webhooks.filter((w) => w.State === 'Active' && (w.Events ?? []).includes(event));
}
