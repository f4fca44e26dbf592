// How a stored webhook is shown: `$select` applied, and `_Links` on REST single entities.
import { unselectedWebhook, type WebhookRecord } from '../domain/webhook.js';
import { applySelect, parseSelect } from '../domain/select.js';

const BLANK = unselectedWebhook();

export function present(record: WebhookRecord, select: string | undefined): WebhookRecord {
  return applySelect(record, parseSelect(select), BLANK);
}

/** WebhookWithLinks (reference §7; values per spec/README.md C15). */
export function presentWithLinks(
  record: WebhookRecord,
  select: string | undefined,
  origin: string,
) {
  return {
    ...present(record, select),
    _Links: {
      Self: `${origin}/api/v1/Webhook/${record.WebhookId}`,
      Archive: `${origin}/api/v1/Webhook`,
    },
  };
}
