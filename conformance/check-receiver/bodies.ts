// The deliveries the checker sends, built here from the documentation rather than taken from
// the mock's own payload code, so the check does not share what it judges: the body keys and
// their order (docs/sources.md §3b), the test event (§2c, §3a), state events (§3b), Properties merged
// as top-level keys (spec C14), and bodies whose bytes a re-serialising receiver changes.
import { randomUUID } from 'node:crypto';

export const USER_AGENT = 'NetServer-Webhook/12.4.0';
export const WEBHOOK_NAME = 'so-webhook-mock check-receiver';
export const CONTEXT = 'Cust12345';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type Payload = Record<string, Json>;

export interface Delivery {
  /** X-SuperOffice-Event: `test`, `contact.created`, `webhook7.errors`… */
  event: string;
  eventId: string;
  /** The exact text sent; its UTF-8 bytes are what the signature covers. */
  body: string;
}

const STATE_EVENT = /^webhook(\d+)\.(started|stopped|errors)$/;

/** .NET's round-trip format with seven fractional digits, as in the documented samples. */
export function timestamp(date = new Date()): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');
}

/** `list.category.created` → `list.category`; the verb is the part after the last dot. */
function split(event: string): { entity: string; verb: string } {
  const dot = event.lastIndexOf('.');
  return { entity: event.slice(0, dot), verb: event.slice(dot + 1) };
}

const idColumn = (entity: string): string => `${entity.replace(/[^a-z0-9_]/gi, '_')}_id`;

/** The documented keys in the documented order (docs/sources.md §3b); state events have no Entity. */
export function payloadFor(event: string, eventId: string, primaryKey = 42): Payload {
  const state = STATE_EVENT.exec(event);
  const base = { EventId: eventId, Timestamp: timestamp() };
  const tail = { ContextIdentifier: CONTEXT, ChangedByAssociateId: 5, WebhookName: WEBHOOK_NAME };
  if (state) {
    return {
      ...base,
      Changes: [],
      Event: `webhook.${state[2]}`,
      PrimaryKey: Number(state[1]),
      ...tail,
      FieldValues: {
        events: 'contact.created,webhook1.errors',
        registered: '2026-01-05T09:30:00.0000000Z',
        registered_associate_id: 5,
        state: state[2] === 'started' ? 1 : state[2] === 'stopped' ? 2 : 3,
        updated: timestamp(),
        updated_associate_id: 5,
      },
    };
  }
  const { entity, verb } = split(event);
  const id = idColumn(entity);
  if (verb === 'deleted') {
    const Values = { [id]: primaryKey, contact_id: 12, person_id: 0, project_id: 0 };
    return {
      ...base,
      Changes: [],
      Values,
      Event: event,
      PrimaryKey: primaryKey,
      Entity: entity,
      ...tail,
    };
  }
  const Changes =
    verb === 'created'
      ? [id, 'name', 'registered', 'updated']
      : verb === 'changed'
        ? ['name', 'updated', 'updatedCount']
        : [];
  const FieldValues = { [id]: primaryKey, name: 'Acme Industries', updated: timestamp() };
  return {
    ...base,
    Changes,
    Event: event,
    PrimaryKey: primaryKey,
    Entity: entity,
    ...tail,
    FieldValues,
  };
}

/** The `test` event a save sends before it stores the webhook (docs/sources.md §2c, §3a). */
export function testDelivery(): Delivery {
  const eventId = randomUUID();
  const body = {
    EventId: eventId,
    Timestamp: timestamp(),
    Changes: [],
    Event: 'test',
    PrimaryKey: 0,
    Entity: 'test',
    ContextIdentifier: CONTEXT,
    ChangedByAssociateId: 0,
    WebhookName: WEBHOOK_NAME,
  };
  return { event: 'test', eventId, body: JSON.stringify(body) };
}

export function eventDelivery(event: string, extra: Payload = {}): Delivery {
  const eventId = randomUUID();
  return { event, eventId, body: JSON.stringify({ ...payloadFor(event, eventId), ...extra }) };
}

/**
 * Members written into FieldValues exactly as given, so the text holds what JSON.stringify
 * would never write; each variant's text changes when parsed and serialised again.
 */
export const RAW_VARIANTS = {
  'non-ascii': {
    title: 'non-ASCII text (raw UTF-8 and \\u00e9 escapes)',
    members: '"street":"Caf\\u00e9 M\u00fcller","city":"Troms\u00f8 \u2013 \u65e5\u672c"',
  },
  'escaped-slash': {
    title: 'escaped slashes (\\/)',
    members: '"url":"https:\\/\\/crm.example.com\\/contact\\/42"',
  },
  'number-format': {
    title: 'numbers written 1.0, 12.50 and 1E2',
    members: '"amount":1.0,"probability":12.50,"rate":1E2',
  },
  'key-order': {
    title: 'keys out of the documented order, numeric keys last',
    members: '"udef_name":"x","10":"ten","2":"two"',
  },
  whitespace: {
    title: 'indentation and spaces around colons',
    members: '"note" : "indented"',
  },
} as const;
export type RawVariant = keyof typeof RAW_VARIANTS;

const MARK = '"__raw__":"__raw__"';

export function rawDelivery(event: string, variant: RawVariant): Delivery {
  const eventId = randomUUID();
  const payload = payloadFor(event, eventId);
  const fields = payload.FieldValues;
  const base =
    typeof fields === 'object' && fields !== null && !Array.isArray(fields) ? fields : {};
  payload.FieldValues = { ...base, __raw__: '__raw__' };
  const ordered =
    variant === 'key-order' ? Object.fromEntries(Object.entries(payload).reverse()) : payload;
  const text =
    variant === 'whitespace' ? JSON.stringify(ordered, null, 2) : JSON.stringify(ordered);
  const mark = variant === 'whitespace' ? '"__raw__": "__raw__"' : MARK;
  return { event, eventId, body: text.replace(mark, RAW_VARIANTS[variant].members) };
}
