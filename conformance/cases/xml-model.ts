// The suite's own reading of a data-contract XML answer (spec C23, C50), so a whole XML answer
// can be held against the JSON answer of the same request: element names resolved to their
// namespace URIs (prefixes are the writer's to choose), entities decoded here, and every member
// compared by the C23 rules. It shares no code with the server it judges.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
export const ARRAYS = 'http://schemas.microsoft.com/2003/10/Serialization/Arrays';
const contract = (clr: string) => `http://schemas.datacontract.org/2004/07/${clr}`;
export const SERVICES = contract('SuperOffice.CRM.Services');
export const CARRIERS = contract('SuperOffice.WebApi.v1.Carriers.WebhookCarriers');
export const SERIALIZATION = 'http://schemas.microsoft.com/2003/10/Serialization/';

/** Members the vendor Swagger types as dictionaries (`additionalProperties`, no properties). */
const DICTIONARIES = new Set([
  'Headers',
  'Properties',
  '_Links',
  'ExtraFields',
  'CustomFields',
  'FieldProperties',
]);
/** Lists of carriers, and the element of each item (vendor Swagger `items.$ref`). */
const CARRIER_LISTS: Record<string, string> = {
  ErrorAssociates: 'MDOListItem',
  ChildItems: 'MDOListItem',
};

export interface XmlElement {
  ns: string;
  name: string;
  nil: boolean;
  children: XmlElement[];
  text: string;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number(ref.slice(1)));
    const named = NAMED[ref];
    if (named === undefined) throw new Error(`undeclared entity ${whole}`);
    return named;
  });
}

type Ordered = Record<string, unknown>;

function resolve(qname: string, scope: Map<string, string>, attribute: boolean): [string, string] {
  const colon = qname.indexOf(':');
  if (colon < 0) return [attribute ? '' : (scope.get('') ?? ''), qname];
  const prefix = qname.slice(0, colon);
  const ns = scope.get(prefix);
  if (ns === undefined) throw new Error(`the prefix ${prefix} of <${qname}> is not declared`);
  return [ns, qname.slice(colon + 1)];
}

function build(node: Ordered, outer: Map<string, string>): XmlElement {
  const attrs = (node[':@'] ?? {}) as Record<string, string>;
  const scope = new Map(outer);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'xmlns') scope.set('', value);
    else if (name.startsWith('xmlns:')) {
      if (value === '') throw new Error(`${name}="" undeclares a prefix (Namespaces in XML 1.0)`);
      scope.set(name.slice(6), value);
    }
  }
  const qname = Object.keys(node).find((k) => k !== ':@') ?? '';
  const [ns, name] = resolve(qname, scope, false);
  let nil = false;
  for (const [attr, value] of Object.entries(attrs)) {
    if (attr === 'xmlns' || attr.startsWith('xmlns:')) continue;
    const [attrNs, local] = resolve(attr, scope, true);
    if (attrNs === XSI && local === 'nil') nil = value === 'true';
  }
  const children: XmlElement[] = [];
  let text = '';
  for (const child of node[qname] as Ordered[]) {
    if ('#text' in child) text += String(child['#text']);
    else children.push(build(child, scope));
  }
  return { ns, name, nil, children, text: decode(text) };
}

/** The document's root element, or the reason it is no well-formed namespaced XML. */
export function parseXml(raw: string): XmlElement | string {
  const valid = XMLValidator.validate(raw);
  if (valid !== true) return `not well-formed XML: ${valid.err.msg}`;
  try {
    const nodes = (parser.parse(raw) as Ordered[]).filter((n) => !('#text' in n));
    if (nodes.length !== 1 || nodes[0] === undefined) return 'not exactly one root element';
    return build(nodes[0], new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]));
  } catch (error) {
    return (error as Error).message;
  }
}

// XML 1.0 cannot carry these even as character references (C50).
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

const isScalar = (v: unknown) => ['string', 'number', 'boolean'].includes(typeof v);

/**
 * Where `el` differs from `json` under C23/C50, as `path: reason` lines (empty: it matches).
 * `ns` is the namespace of member elements (the root's); `inDictionary` marks dictionary values,
 * whose objects are dictionaries too and whose lists hold `anyType` items.
 */
export function differences(
  el: XmlElement,
  json: unknown,
  path: string,
  ns: string,
  inDictionary = false,
): string[] {
  const at = (why: string) => [`${path}: ${why}`];
  if (json === null) {
    return el.nil && el.children.length === 0 && el.text === '' ? [] : at('not xsi:nil="true"');
  }
  if (el.nil) return at(`xsi:nil, but JSON has ${JSON.stringify(json)}`);
  if (isScalar(json)) {
    const expected = String(json as string | number | boolean).replace(NOT_XML, '');
    if (el.children.length > 0) return at('has elements where JSON has a scalar');
    return el.text === expected
      ? []
      : at(`text ${JSON.stringify(el.text)}, JSON ${JSON.stringify(expected)}`);
  }
  if (el.text.trim() !== '') return at(`stray text ${JSON.stringify(el.text)}`);
  if (Array.isArray(json)) return listDifferences(el, json, path, ns, inDictionary);
  const record = json as Record<string, unknown>;
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (inDictionary || DICTIONARIES.has(name)) {
    return dictionaryDifferences(el, record, path, inDictionary);
  }
  const keys = Object.keys(record);
  const names = el.children.map((c) => c.name);
  if (names.join() !== keys.join()) return at(`members [${names.join()}], JSON [${keys.join()}]`);
  return el.children.flatMap((child, i) => {
    const key = keys[i] as string;
    if (child.ns !== ns) return [`${path}/${key}: namespace ${child.ns}, expected ${ns}`];
    return differences(child, record[key], `${path}/${key}`, ns);
  });
}

function listDifferences(
  el: XmlElement,
  json: unknown[],
  path: string,
  ns: string,
  inDictionary: boolean,
): string[] {
  if (el.children.length !== json.length) {
    return [`${path}: ${el.children.length} items, JSON has ${json.length}`];
  }
  const name = path.slice(path.lastIndexOf('/') + 1);
  const carrier = inDictionary ? undefined : CARRIER_LISTS[name];
  return el.children.flatMap((item, i) => {
    const value = json[i];
    const [itemNs, itemName] = carrier
      ? [ns, carrier]
      : [ARRAYS, !inDictionary && (isScalar(value) || value === null) ? 'string' : 'anyType'];
    if (item.ns !== itemNs || item.name !== itemName) {
      return [`${path}[${i}]: {${item.ns}}${item.name}, expected {${itemNs}}${itemName}`];
    }
    return differences(item, value, `${path}/${itemName}`, ns, !carrier);
  });
}

function dictionaryDifferences(
  el: XmlElement,
  json: Record<string, unknown>,
  path: string,
  nested: boolean,
): string[] {
  const entries = Object.entries(json);
  if (el.children.length !== entries.length) {
    return [`${path}: ${el.children.length} pairs, JSON has ${entries.length} keys`];
  }
  return el.children.flatMap((pair, i) => {
    const [key, value] = entries[i] as [string, unknown];
    // A member's pairs are typed by their value; a dictionary inside a value holds objects.
    const kind =
      !nested && (isScalar(value) || value === null)
        ? 'KeyValueOfstringstring'
        : 'KeyValueOfstringanyType';
    const where = `${path}[${JSON.stringify(key)}]`;
    if (pair.ns !== ARRAYS || pair.name !== kind) {
      return [`${where}: {${pair.ns}}${pair.name}, expected {${ARRAYS}}${kind}`];
    }
    const [k, v] = pair.children;
    if (pair.children.length !== 2 || k?.name !== 'Key' || v?.name !== 'Value') {
      return [`${where}: not a Key and a Value`];
    }
    if (k.ns !== ARRAYS || v.ns !== ARRAYS) return [`${where}: Key or Value outside ${ARRAYS}`];
    if (k.text !== key.replace(NOT_XML, '')) return [`${where}: Key is ${k.text}`];
    return differences(v, value, `${where}/Value`, ARRAYS, true);
  });
}

/**
 * The whole document against the JSON answer: root name and namespace, `xsi` bound to XML
 * Schema instance, then every member. Empty: they agree.
 */
export function documentDifferences(
  raw: string,
  json: unknown,
  root: { name: string; ns: string; item?: string },
): string[] {
  const doc = parseXml(raw);
  if (typeof doc === 'string') return [doc];
  if (doc.name !== root.name || doc.ns !== root.ns) {
    return [`root {${doc.ns}}${doc.name}, expected {${root.ns}}${root.name}`];
  }
  if (root.item === undefined) return differences(doc, json, `/${root.name}`, root.ns);
  if (!Array.isArray(json)) return ['the JSON answer is no list'];
  if (doc.text.trim() !== '') return [`stray text ${JSON.stringify(doc.text)} between items`];
  if (doc.children.length !== json.length) {
    return [`${doc.children.length} <${root.item}> items, JSON has ${json.length}`];
  }
  return doc.children.flatMap((item, i) =>
    item.name !== root.item || item.ns !== root.ns
      ? [`item ${i} is {${item.ns}}${item.name}`]
      : differences(item, json[i], `/${root.name}/${root.item}[${i}]`, root.ns),
  );
}
