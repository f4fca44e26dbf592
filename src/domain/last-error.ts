// What GetLastError answers: "Error message, or empty string if no errors received" (the
// official client's WebhookAgent.getLastErrorAsync, both overloads, in the vendor's generated sources).
import type { WebhookRecord } from './webhook.js';

export const lastErrorText = (webhook: Pick<WebhookRecord, 'LastError'>): string =>
  webhook.LastError ?? '';
