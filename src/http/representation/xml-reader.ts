// Reads an XML request body into a tree of named text values. Hostile documents are refused
// before the parser sees them: no DTD (so no entity can be declared or expanded), no CDATA,
// only the five predefined entities and character references, and a bounded nesting depth
// (the body size is already bounded by the caller).
import { XMLParser } from 'fast-xml-parser';
import { ApiError } from '../api-error.js';
import type { TextNode } from './text-tree.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  isArray: () => true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: false,
});

const ENTITY = /&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]{1,6}|#[0-9]{1,7});/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

const refused = (why: string) => new ApiError('BAD_REQUEST', `The XML request body ${why}.`);

/** One pass, so `&amp;lt;` stays `&lt;` as text; any other entity is undeclared. */
function decode(text: string): string {
  const decoded = text.replace(ENTITY, (_, ref: string) => {
    if (NAMED[ref] !== undefined) return NAMED[ref];
    const code = ref.startsWith('#x') ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || code === 0) {
      throw refused(`has an invalid character reference &${ref};`);
    }
    return String.fromCodePoint(code);
  });
  if (/&/.test(text.replace(ENTITY, ''))) throw refused('uses an entity XML does not predefine');
  return decoded;
}

/** DTDs (entity declarations, external references) and CDATA are refused outright. */
function prescan(xml: string): void {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw refused('may not contain a DTD');
  if (xml.includes('<![CDATA[')) throw refused('may not contain CDATA sections');
}

/** Iterative, so a deep document cannot exhaust the stack before it is refused. */
function depthOf(parsed: unknown, maxDepth: number): void {
  const stack: Array<[unknown, number]> = [[parsed, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (typeof node !== 'object' || node === null) continue;
    if (depth > maxDepth * 2) throw refused(`nests deeper than ${maxDepth} levels`);
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
}

type Parsed = Record<string, unknown>;

function toNode(value: unknown): TextNode {
  if (typeof value === 'string') return { kind: 'text', text: decode(value) };
  const element = value as Parsed;
  const nil = element['@nil'];
  if ((Array.isArray(nil) ? nil[0] : nil) === 'true') return { kind: 'nil' };
  const children: Array<[string, TextNode]> = [];
  let text = '';
  for (const [name, items] of Object.entries(element)) {
    if (name.startsWith('@')) continue;
    for (const item of items as unknown[]) {
      if (name === '#text') text += String(item);
      else children.push([name, toNode(item)]);
    }
  }
  if (children.length === 0) return { kind: 'text', text: decode(text) };
  if (text.trim() !== '') throw refused('mixes text and elements');
  return { kind: 'children', children };
}

/** The root element's name and content. */
export function readXml(xml: string, maxDepth: number): { root: string; node: TextNode } {
  prescan(xml);
  let parsed: Parsed;
  try {
    // `true`: fast-xml-parser validates well-formedness first. A document deep enough to
    // overflow its recursion ends here too, as a RangeError.
    parsed = parser.parse(xml, true) as Parsed;
  } catch (error) {
    // The parser's message may quote the document; a short prefix is enough to locate it.
    throw refused(`is not well-formed: ${String((error as Error).message).slice(0, 200)}`);
  }
  // Each element is an array level and an object level in the parsed form.
  depthOf(parsed, maxDepth);
  const roots = Object.entries(parsed).filter(([name]) => !name.startsWith('?'));
  const [first] = roots;
  if (roots.length !== 1 || !first || (first[1] as unknown[]).length !== 1) {
    throw refused('must have exactly one root element');
  }
  return { root: first[0], node: toNode((first[1] as unknown[])[0]) };
}
