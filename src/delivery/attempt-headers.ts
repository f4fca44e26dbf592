// The headers of one delivery attempt (docs/sources.md §3a): protocol headers, the signature when
// the webhook has a Secret, the webhook's own Headers, and optionally Standard Webhooks'.
import { isReservedHeader } from '../domain/delivery-headers.js';
import type { WebhookRecord } from '../domain/webhook.js';
import { SIGNATURE_HEADER, signBody } from './signature.js';
import { standardWebhookHeaders } from './standard-webhooks.js';

/** The NetServer version the mock presents itself as; receivers may log or parse it. */
export const USER_AGENT = 'NetServer-Webhook/12.4.0';

export interface AttemptHeaderInput {
  webhook: Pick<WebhookRecord, 'Secret' | 'Headers'>;
  event: string;
  eventId: string;
  body: string;
  retry: number;
  test: boolean;
  /** X-SuperOffice-Signature already computed over `body` with the webhook's Secret. */
  signature?: string;
  /** Unix seconds of this attempt, when Standard Webhooks headers are wanted. */
  standardWebhooksAt?: number;
}

export function attemptHeaders(input: AttemptHeaderInput): Record<string, string> {
  // Custom headers come first so that they can never replace a protocol header; reserved
  // names are refused on save, and skipped here for stores written before that rule.
  const headers: Record<string, string> = Object.fromEntries(
    Object.entries(input.webhook.Headers ?? {}).filter(([name]) => !isReservedHeader(name)),
  );
  Object.assign(headers, {
    'Content-Type': 'application/json; charset=utf-8',
    'User-Agent': USER_AGENT,
    'X-SuperOffice-Event': input.event,
    'X-SuperOffice-EventId': input.eventId,
    'X-SuperOffice-Retry': String(input.retry),
  });
  if (input.test) headers['X-Hook-Test'] = 'true';
  const secret = input.webhook.Secret;
  if (secret) {
    headers[SIGNATURE_HEADER] = input.signature ?? signBody(secret, input.body);
    if (input.standardWebhooksAt !== undefined) {
      Object.assign(
        headers,
        standardWebhookHeaders(secret, input.eventId, input.standardWebhooksAt, input.body),
      );
    }
  }
  return headers;
}
