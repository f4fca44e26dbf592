// How much a client may store, checked before anything is written (spec/README.md, "Store
// limits"): a client of the mock must not be able to grow its memory and its store file
// without end, one 1 MiB webhook or one more webhook at a time.
import { DomainError } from '../domain/errors.js';
import type { WebhookRecord } from '../domain/webhook.js';
import { DEFAULT_LIMITS, type Limits } from '../platform/limits.js';
import type { StateStore } from '../store/state-store.js';

export type StoreLimits = Pick<Limits, 'maxWebhooksPerTenant' | 'maxWebhookBytes'>;

/** 413 when the webhook, as stored, is larger than a webhook may be. */
export function checkWebhookSize(record: WebhookRecord, limits: StoreLimits = DEFAULT_LIMITS) {
  const bytes = Buffer.byteLength(JSON.stringify(record), 'utf8');
  if (bytes > limits.maxWebhookBytes) {
    throw new DomainError(
      'too-large',
      `The webhook would take ${bytes} bytes; a webhook holds at most ${limits.maxWebhookBytes} ` +
        '(Name, Events, TargetUrl, Secret, Headers and Properties together).',
    );
  }
}

/** 400 when the tenant already holds as many webhooks as it may. */
export function checkRoomForWebhook(
  store: Pick<StateStore, 'list'>,
  limits: StoreLimits = DEFAULT_LIMITS,
) {
  if (store.list().length >= limits.maxWebhooksPerTenant) {
    throw new DomainError(
      'invalid',
      `This tenant holds ${limits.maxWebhooksPerTenant} webhooks, as many as it may; delete ` +
        'one before creating another.',
    );
  }
}
