// The Webhook entity as the server holds it: every field of the spec's WebhookFields, always
// present (the server emits the full v11+ set), minus the unused carrier rights.
import type { components } from '../generated/webhook-api.js';

type Schemas = components['schemas'];
type Complete<T> = { -readonly [K in keyof T]-?: T[K] };

export type WebhookState = Schemas['WebhookState'];
export type WebhookType = Schemas['WebhookType'];
export type Associate = Schemas['Associate'];
export type WebhookRecord = Complete<
  Omit<Schemas['WebhookFields'], 'TableRight' | 'FieldProperties'>
>;
export type WebhookField = keyof WebhookRecord;

/** The unset date of the .NET carrier: DateTime.MinValue, serialized without a zone. */
export const MIN_DATE = '0001-01-01T00:00:00';

/** Set by the server; ignored on save, refused in a patch (docs/sources.md §2 read-only fields). */
export const READ_ONLY_FIELDS: ReadonlySet<WebhookField> = new Set<WebhookField>([
  'WebhookId',
  'Registered',
  'RegisteredAssociate',
  'Updated',
  'UpdatedAssociate',
  'TotalCalls',
  'TotalErrors',
  'ConsecutiveErrors',
  'LastError',
]);

/** Values of CreateDefaultWebhook (docs/sources.md §2a); the v11+ fields take their zero values. */
export function defaultWebhook(): WebhookRecord {
  return {
    WebhookId: 0,
    Name: null,
    Events: ['contact.created', 'contact.deleted'],
    TargetUrl: null,
    Secret: null,
    State: 'Active',
    Type: 'webhook',
    Headers: null,
    Properties: null,
    Registered: MIN_DATE,
    RegisteredAssociate: null,
    Updated: MIN_DATE,
    UpdatedAssociate: null,
    ErrorsEmail: null,
    ErrorEmails: null,
    ErrorAssociates: null,
    Description: null,
    NotifyVia: 'None',
    NotifyWhen: 'None',
    TotalCalls: 0,
    TotalErrors: 0,
    ConsecutiveErrors: 0,
    LastError: null,
  };
}

/** Field names in the order the reference pages list them; responses keep this order. */
export const WEBHOOK_FIELDS: readonly WebhookField[] = Object.keys(
  defaultWebhook(),
) as WebhookField[];

/**
 * What `$select` leaves in a field it did not select (spec/README.md C8): reference types
 * become null, value types keep their .NET default.
 */
export function unselectedWebhook(): WebhookRecord {
  return {
    ...defaultWebhook(),
    Events: null,
    State: 'Unknown',
    Type: null,
  };
}
