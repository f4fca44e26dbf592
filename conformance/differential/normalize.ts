// What two servers' answers have in common when both behave as documented: ids, stamps, GUIDs,
// receiver URLs and links differ in value between the target and the reference, so they are
// replaced by their role — which of this sequence's webhooks an id names, whether a stamp stayed
// or moved forward, whether an EventId is new or repeats an earlier one — before comparing.
import { XMLParser } from 'fast-xml-parser';
import { isRecord } from '../expect.js';

/** One side of a differential run: the target, or the reference the runner started. */
export interface SideState {
  readonly label: 'target' | 'reference';
  /** The root URL, for links ('' until the first answer names it). */
  base: string;
  /** Receiver URL prefix of this side's webhooks (followed by `/<handle>`). */
  readonly receiverBase: string;
  /** WebhookId per handle (creation order); undefined once deleted or never created. */
  ids: (number | undefined)[];
  /** The secret each handle signs with now. */
  secrets: string[];
  /** Last Registered/Updated seen per handle, for the stamp roles. */
  stamps: Map<string, string>;
  /** EventIds in the order first seen. */
  eventIds: string[];
  /** Path prefix of the site the sequence runs on: '' (the root) or `/Cust<n>`. */
  site: string;
  /** This side's Authorization value, for steps that recase its scheme name. */
  readonly authorization: string | undefined;
  /** Each handle's webhook as last read back (JSON), for steps that use its name or events. */
  lastRead: (Record<string, unknown> | undefined)[];
  /** Set while the step in progress writes a webhook: then `Updated` may move forward. */
  writing: boolean;
  /** The ContextIdentifier first delivered on the root (the installation's own id). */
  context?: unknown;
}

export const handleOf = (side: SideState, id: unknown): string => {
  const index = typeof id === 'number' ? side.ids.indexOf(id) : -1;
  return index >= 0
    ? `webhook#${index}`
    : typeof id === 'number' && id > 0
      ? 'another id'
      : String(id);
};

function stampRole(side: SideState, key: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') return String(value);
  if (Number.isNaN(Date.parse(value))) return 'not a date';
  const before = side.stamps.get(key);
  side.stamps.set(key, value);
  if (before === undefined) return 'set';
  if (key.endsWith('Registered')) return before === value ? 'unchanged' : 'changed';
  if (Date.parse(value) < Date.parse(before)) return 'went back';
  // Only a write moves Updated; a read, a list, a delivery or a failure leaves it as it was.
  if (side.writing) return 'not earlier';
  return before === value ? 'unchanged' : 'moved without a write';
}

function urlRole(side: SideState, value: string): string {
  if (value.startsWith(side.receiverBase))
    return `<receiver>${value.slice(side.receiverBase.length)}`;
  // A link's origin is the server's public address, which a proxy or --public-url changes
  // and the contract does not fix: its role is the path below the target's base path.
  const origin = /^https?:\/\/[^/?#]+/.exec(value)?.[0];
  const basePath = side.base === '' ? undefined : new URL(side.base).pathname.replace(/\/$/, '');
  if (origin !== undefined && basePath !== undefined) {
    const path = value.slice(origin.length);
    if (path.startsWith(`${basePath}/`)) {
      return `<base>${path.slice(basePath.length).replace(/\/\d+(?=\/|$|\?)/, (m) => `/${handleOf(side, Number(m.slice(1)))}`)}`;
    }
  }
  return value;
}

/** A webhook entity (JSON, or XML parsed to strings) by role. */
export function entityRole(
  side: SideState,
  entity: Record<string, unknown>,
): Record<string, unknown> {
  const handle = handleOf(
    side,
    typeof entity.WebhookId === 'string' ? Number(entity.WebhookId) : entity.WebhookId,
  );
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entity)) {
    if (key === 'WebhookId') out[key] = handle;
    else if (key === 'Registered' || key === 'Updated')
      out[key] = stampRole(side, `${handle}.${key}`, value);
    else if (key === 'RegisteredAssociate' || key === 'UpdatedAssociate')
      out[key] = associateRole(value);
    else if (key === 'LastError')
      out[key] = typeof value === 'string' && value !== '' ? 'a message' : value;
    else if (key === 'Secret') out[key] = secretRole(side, handle, value);
    else out[key] = deepRole(side, value);
  }
  return out;
}

function associateRole(value: unknown): unknown {
  if (!isRecord(value)) return value;
  const id = Number(value.AssociateId);
  return { AssociateId: id > 0 ? 'an associate' : id };
}

function secretRole(side: SideState, handle: string, value: unknown): unknown {
  const index = Number(handle.replace('webhook#', ''));
  if (value === null || value === '' || value === undefined) return value ?? null;
  return side.secrets[index] === value ? 'the secret set' : 'another secret';
}

function deepRole(side: SideState, value: unknown): unknown {
  if (typeof value === 'string') return urlRole(side, value);
  if (Array.isArray(value)) return value.map((v) => deepRole(side, v));
  if (isRecord(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deepRole(side, v)]));
  return value;
}

/** Any JSON answer: entities by role, lists as a set of entities, other values as they are. */
export function bodyRole(side: SideState, body: unknown): unknown {
  if (Array.isArray(body)) {
    const items = body.map((item) => (isRecord(item) ? entityRole(side, item) : item));
    return items.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  }
  if (isRecord(body) && 'WebhookId' in body) return entityRole(side, body);
  if (isRecord(body) && body.Error === true)
    return { Error: true, ErrorType: typeof body.ErrorType };
  // A test's Message is free text (the receiver's raw answer, with its Date): only Success counts.
  if (isRecord(body) && typeof body.Success === 'boolean')
    return { ...body, Message: typeof body.Message === 'string' ? 'a message' : body.Message };
  if (isRecord(body)) return deepRole(side, body);
  return body;
}

/** LastError as an answer: its text is the receiver's raw answer (with a Date), so only
 * whether there is one is compared. */
export const lastErrorRole = (body: unknown): unknown =>
  typeof body === 'string' && body !== '' ? 'a message' : body;

const xml = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false });

/** An XML answer: its root's members by role (values as text; the XML form is spec C23). */
export function xmlRole(side: SideState, text: string): unknown {
  const parsed: unknown = xml.parse(text);
  if (!isRecord(parsed)) return 'not XML';
  const roots = Object.entries(parsed).filter(([name]) => !name.startsWith('?'));
  const [root, content] = roots[0] ?? ['', ''];
  if (!isRecord(content)) return { root };
  const asNumbers = { ...content, WebhookId: Number(content.WebhookId) };
  return { root, members: entityRole(side, 'WebhookId' in content ? asNumbers : content) };
}

/** An EventId by when it was first seen: `event 0`, `event 1`, … on each side. */
export function eventRole(side: SideState, eventId: unknown): string {
  if (typeof eventId !== 'string' || eventId === '') return `no EventId (${String(eventId)})`;
  let index = side.eventIds.indexOf(eventId);
  if (index < 0) index = side.eventIds.push(eventId) - 1;
  return `event ${index}`;
}
