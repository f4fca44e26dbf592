// A response model written as XML in the data-contract form of the vendor's ASP.NET Web API
// stack (DataContractSerializer): the root element is named for the type, in the
// http://schemas.datacontract.org/2004/07/<CLR namespace> namespace; one child element per
// member, PascalCase as in JSON; null as an empty element with xsi:nil="true"; a list as
// repeated child elements; a dictionary as KeyValueOf… pairs of Key and Value. What no vendor
// text pins down (member order, the xsi prefix, dictionary values) is spec/README.md C23.
import { isRecord } from '../../domain/is-record.js';
import type { WebhookField } from '../../domain/webhook.js';
import type { XmlRoot } from './xml-roots.js';

export const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
export const ARRAYS = 'http://schemas.microsoft.com/2003/10/Serialization/Arrays';

/** How a member is written: as its value (scalars, carriers, lists of strings), as a
 * dictionary of KeyValueOf… pairs, or as a list of carriers of the named element type. */
type XmlMember = 'value' | 'dictionary' | { items: string };

/** Every Webhook field, so a new field does not compile until its XML form is chosen. */
const WEBHOOK_MEMBERS: Record<WebhookField, XmlMember> = {
  WebhookId: 'value',
  Name: 'value',
  Events: 'value',
  TargetUrl: 'value',
  Secret: 'value',
  State: 'value',
  Type: 'value',
  Headers: 'dictionary',
  Properties: 'dictionary',
  Registered: 'value',
  RegisteredAssociate: 'value',
  Updated: 'value',
  UpdatedAssociate: 'value',
  ErrorsEmail: 'value',
  ErrorEmails: 'value',
  ErrorAssociates: { items: 'MDOListItem' },
  Description: 'value',
  NotifyVia: 'value',
  NotifyWhen: 'value',
  TotalCalls: 'value',
  TotalErrors: 'value',
  ConsecutiveErrors: 'value',
  LastError: 'value',
};

/** Members of the carriers inside a webhook (Associate, MDOListItem) and of `_Links`. */
const NESTED_MEMBERS: Record<string, XmlMember> = {
  ExtraFields: 'dictionary',
  CustomFields: 'dictionary',
  FieldProperties: 'dictionary',
  _Links: 'dictionary',
  Data: 'dictionary',
  ChildItems: { items: 'MDOListItem' },
};

const MEMBERS = new Map<string, XmlMember>([
  ...Object.entries(WEBHOOK_MEMBERS),
  ...Object.entries(NESTED_MEMBERS),
]);
const itemTypeOf = (name: string): string | undefined => {
  const member = MEMBERS.get(name);
  return typeof member === 'object' ? member.items : undefined;
};

const escapeText = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
const escapeAttribute = (text: string): string => escapeText(text).replace(/"/g, '&quot;');

// XML 1.0 cannot carry most control characters even as references; JSON strings can. They are
// dropped rather than producing a document no parser accepts.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const text = (value: string | number | boolean): string =>
  escapeText(String(value).replace(INVALID_XML, ''));

const XML_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

const nil = (name: string) => `<${name} xsi:nil="true"/>`;

function scalarOrNil(name: string, value: unknown): string | undefined {
  if (value === null || value === undefined) return nil(name);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return `<${name}>${text(value)}</${name}>`;
  }
  return undefined;
}

function dictionary(name: string, value: Record<string, unknown>, prefix: string): string {
  const pairs = Object.entries(value).map(([key, entry]) => {
    const pair =
      isRecord(entry) || Array.isArray(entry)
        ? 'KeyValueOfstringanyType'
        : 'KeyValueOfstringstring';
    return (
      `<${prefix}:${pair}><${prefix}:Key>${text(key)}</${prefix}:Key>` +
      `${dictionaryValue(`${prefix}:Value`, entry, prefix)}</${prefix}:${pair}>`
    );
  });
  return `<${name} xmlns:${prefix}="${ARRAYS}">${pairs.join('')}</${name}>`;
}

function dictionaryValue(name: string, value: unknown, prefix: string): string {
  const scalar = scalarOrNil(name, value);
  if (scalar !== undefined) return scalar;
  if (Array.isArray(value)) {
    return `<${name}>${value.map((v) => dictionaryValue(`${prefix}:anyType`, v, prefix)).join('')}</${name}>`;
  }
  const pairs = Object.entries(value as Record<string, unknown>).map(
    ([key, entry]) =>
      `<${prefix}:KeyValueOfstringanyType><${prefix}:Key>${text(key)}</${prefix}:Key>` +
      `${dictionaryValue(`${prefix}:Value`, entry, prefix)}</${prefix}:KeyValueOfstringanyType>`,
  );
  return `<${name}>${pairs.join('')}</${name}>`;
}

function list(name: string, values: unknown[]): string {
  const itemType = itemTypeOf(name);
  if (itemType) {
    return `<${name}>${values.map((v) => element(itemType, v)).join('')}</${name}>`;
  }
  const items = values.map((v) => scalarOrNil('d2p1:string', v) ?? element('d2p1:anyType', v));
  return `<${name} xmlns:d2p1="${ARRAYS}">${items.join('')}</${name}>`;
}

/** One member (or list item) as an element. */
export function element(name: string, value: unknown): string {
  const scalar = scalarOrNil(name, value);
  if (scalar !== undefined) return scalar;
  if (Array.isArray(value)) return list(name, value);
  const record = value as Record<string, unknown>;
  // A member name that is no XML name cannot be an element: such an object is a dictionary.
  if (MEMBERS.get(name) === 'dictionary' || !Object.keys(record).every((k) => XML_NAME.test(k))) {
    return dictionary(name, record, 'd2p1');
  }
  return `<${name}>${Object.entries(record)
    .map(([member, v]) => element(member, v))
    .join('')}</${name}>`;
}

/** The whole document for a response model. */
export function toXml(root: XmlRoot, value: unknown): string {
  const namespaces = `xmlns:xsi="${XSI}" xmlns="${escapeAttribute(root.namespace)}"`;
  if (value === null || value === undefined) {
    return `<${root.name} xsi:nil="true" ${namespaces}/>`;
  }
  if (root.item !== undefined && Array.isArray(value)) {
    const item = root.item;
    return `<${root.name} ${namespaces}>${value.map((v) => element(item, v)).join('')}</${root.name}>`;
  }
  if (!isRecord(value)) return `<${root.name} ${namespaces}>${text(String(value))}</${root.name}>`;
  const members = Object.entries(value).map(([member, v]) => element(member, v));
  return `<${root.name} ${namespaces}>${members.join('')}</${root.name}>`;
}
