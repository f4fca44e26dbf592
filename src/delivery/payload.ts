// The JSON body of a delivery, `WebhookPayload` in the spec (docs/sources.md §3b). Pure: the event id
// and the time are passed in. The serialized string is the exact byte sequence that is signed.
import type { WebhookRecord } from '../domain/webhook.js';
import type { components } from '../generated/webhook-api.js';

export type WebhookPayload = components['schemas']['WebhookPayload'];

export interface PayloadInput {
  eventId: string;
  timestamp: Date;
  /** As subscribed and as sent in X-SuperOffice-Event, e.g. `contact.created`, `webhook7.errors`. */
  event: string;
  primaryKey: number;
  /** Defaults to the event name up to its last dot (`entityOf`). */
  entity?: string;
  changes?: string[];
  /** Only on `*.deleted`: ids of the deleted row and its parents. */
  values?: Record<string, unknown>;
  /** Column values of the row; for SignalEvent, its Data (spec/README.md C13). */
  fieldValues?: Record<string, unknown>;
  contextIdentifier: string;
  changedByAssociateId: number;
  webhook: Pick<WebhookRecord, 'Name' | 'Properties'>;
}

/** Every key the reference documents; webhook Properties never take one of these (C14). */
export const DOCUMENTED_KEYS: readonly string[] = [
  'EventId',
  'Timestamp',
  'Changes',
  'Values',
  'Event',
  'PrimaryKey',
  'Entity',
  'ContextIdentifier',
  'ChangedByAssociateId',
  'WebhookName',
  'FieldValues',
];
const RESERVED = new Set(DOCUMENTED_KEYS.map((key) => key.toLowerCase()));

const STATE_EVENT = /^webhook\d+\.(started|stopped|errors)$/;

/**
 * .NET's round-trip format, as in the samples (`2018-04-24T07:50:50.6812131Z`): UTC, seven
 * fractional digits, `Z`. A Date holds milliseconds, so the last four digits are zeros.
 */
export function formatTimestamp(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');
}

/**
 * The body's Event: state events are subscribed as `webhook{id}.errors` but the body says
 * `webhook.errors` (docs/sources.md §3b, state-events.md); every other name is sent as is.
 */
export function payloadEventName(event: string): string {
  const match = STATE_EVENT.exec(event);
  return match ? `webhook.${match[1]}` : event;
}

export function isStateEvent(event: string): boolean {
  return STATE_EVENT.test(event);
}

/**
 * Event names are `<entity>.<verb>` (docs/sources.md §4), and an entity may itself hold dots: the list
 * events `list.category.created` and `list.110.changed` name the entities `list.category` and
 * `list.110`. So the verb is what follows the LAST dot: `contact.created` → `contact`,
 * `test` → `test`.
 */
export function entityOf(event: string): string {
  const dot = event.lastIndexOf('.');
  return dot === -1 ? event : event.slice(0, dot);
}

/** Keys in the order of the documented samples (§3b); Properties follow as extra keys (C14). */
export function buildPayload(input: PayloadInput): WebhookPayload {
  const payload: WebhookPayload = {
    EventId: input.eventId,
    Timestamp: formatTimestamp(input.timestamp),
    Changes: [...(input.changes ?? [])],
    ...(input.values !== undefined && { Values: input.values }),
    Event: payloadEventName(input.event),
    PrimaryKey: input.primaryKey,
    // The state-event sample has no Entity key at all (§3b).
    ...(!isStateEvent(input.event) && { Entity: input.entity ?? entityOf(input.event) }),
    ContextIdentifier: input.contextIdentifier,
    ChangedByAssociateId: input.changedByAssociateId,
    WebhookName: input.webhook.Name,
    ...(input.fieldValues !== undefined && { FieldValues: input.fieldValues }),
  };
  addProperties(payload, input.webhook.Properties);
  return payload;
}

/**
 * "Custom values to inject into JSON body of webhook call" (§2, §3b): top-level keys after the
 * documented ones. A documented key is never overwritten, even when absent (Entity on a state
 * event) and in another casing, because .NET receivers bind property names case-insensitively.
 */
function addProperties(payload: WebhookPayload, properties: WebhookRecord['Properties']): void {
  for (const [key, value] of Object.entries(properties ?? {})) {
    if (RESERVED.has(key.toLowerCase())) continue;
    // defineProperty, not assignment: a stored `__proto__` key stays a plain data key.
    Object.defineProperty(payload, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
}

/** The `test` event sent on save and by TestWebhook (docs/sources.md §4, test-event.md). */
export function testPayload(input: {
  eventId: string;
  timestamp: Date;
  contextIdentifier: string;
  changedByAssociateId: number;
  webhook: Pick<WebhookRecord, 'Name' | 'Properties'>;
}): WebhookPayload {
  return buildPayload({ ...input, event: 'test', primaryKey: 0, entity: 'test', changes: [] });
}

/** Compact JSON: the exact text that is sent and signed (§3c). */
export function serializePayload(payload: WebhookPayload): string {
  return JSON.stringify(payload);
}

/** A key JavaScript orders before every other key of an object (an array index). */
const INDEX_KEY = /^(0|[1-9]\d*)$/;

/**
 * The Properties of `webhook` as the text `serializePayload` would append for them, or
 * undefined when only building the object gives the same text: an index-like key is ordered
 * first in an object, and a value JSON cannot hold is left out of it.
 */
function propertiesText(properties: WebhookRecord['Properties']): string | undefined {
  let text = '';
  for (const [key, value] of Object.entries(properties ?? {})) {
    if (RESERVED.has(key.toLowerCase())) continue;
    const json = INDEX_KEY.test(key) ? undefined : (JSON.stringify(value) as string | undefined);
    if (json === undefined) return undefined;
    text += `,${JSON.stringify(key)}:${json}`;
  }
  return text;
}

/**
 * The body of one event for each webhook it goes to, the same text as building and serialising
 * each payload: what every webhook's copy shares is serialised once per event, and only
 * WebhookName and Properties once per webhook.
 */
export function payloadSerializer(
  input: Omit<PayloadInput, 'webhook'>,
): (webhook: PayloadInput['webhook']) => string {
  const { fieldValues, ...shared } = input;
  const head = serializePayload(
    buildPayload({ ...shared, webhook: { Name: null, Properties: null } }),
  );
  // buildPayload puts WebhookName last but for FieldValues, so the head ends where it began.
  const cut = head.lastIndexOf(',"WebhookName":');
  const start = head.slice(0, cut);
  const tail = fieldValues === undefined ? '' : `,"FieldValues":${JSON.stringify(fieldValues)}`;
  return (webhook) => {
    const properties = propertiesText(webhook.Properties);
    if (properties === undefined || webhook.Name === undefined) {
      return serializePayload(buildPayload({ ...input, webhook }));
    }
    return `${start},"WebhookName":${JSON.stringify(webhook.Name)}${tail}${properties}}`;
  };
}

/** FieldValues of webhook{id}.started|stopped|errors (docs/sources.md §3b, state-events page). */
export function stateFieldValues(webhook: WebhookRecord): Record<string, unknown> {
  const states = { Unknown: 0, Active: 1, Stopped: 2, TooManyErrors: 3 } as const;
  return {
    events: (webhook.Events ?? []).join(','),
    registered: webhook.Registered,
    registered_associate_id: webhook.RegisteredAssociate?.AssociateId ?? 0,
    state: states[webhook.State],
    updated: webhook.Updated,
    updated_associate_id: webhook.UpdatedAssociate?.AssociateId ?? 0,
  };
}
