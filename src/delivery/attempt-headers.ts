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

/** A stored webhook's Headers (frozen with its version) → the custom headers it sends. */
const customByVersion = new WeakMap<object, Readonly<Record<string, string>>>();

/** Sent as they are by every attempt of one version of a webhook: filtered once per version. */
function customHeaders(stored: WebhookRecord['Headers']): Readonly<Record<string, string>> {
  if (!stored) return {};
  let custom = customByVersion.get(stored);
  if (!custom) {
    // Reserved names are refused on save, and skipped here for stores written before that rule.
    custom = Object.fromEntries(Object.entries(stored).filter(([name]) => !isReservedHeader(name)));
    // Only a stored version's (frozen) Headers stay as they are; a draft's may still change.
    if (Object.isFrozen(stored)) customByVersion.set(stored, custom);
  }
  return custom;
}

export function attemptHeaders(input: AttemptHeaderInput): Record<string, string> {
  // Custom headers come first so that they can never replace a protocol header.
  const headers: Record<string, string> = { ...customHeaders(input.webhook.Headers) };
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
