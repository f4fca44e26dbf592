// A structural check of an XML document against the small XSD subset conformance/junit.xsd is
// written in, with fast-xml-parser and no native validator: which elements exist, which children
// each may hold, which attributes are allowed or required, their types (xs:string or a named
// pattern type), and where text may appear. Order and occurrence counts are left to the real
// validator (XsdValidate.java), which the tests also run where Java is installed.
import { XMLParser } from 'fast-xml-parser';

interface AttributeRule {
  type: string;
  required: boolean;
}

interface ElementRule {
  text: boolean;
  children: Set<string>;
  attributes: Map<string, AttributeRule>;
}

export interface XsdRules {
  elements: Map<string, ElementRule>;
  types: Map<string, RegExp>;
}

type Node = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  trimValues: false,
});

const tagOf = (node: Node): string => Object.keys(node).find((k) => k !== ':@') ?? '';
const childrenOf = (node: Node): Node[] => {
  const content = node[tagOf(node)];
  return Array.isArray(content) ? (content as Node[]) : []; // a '#text' node holds a string
};
const attrsOf = (node: Node): Record<string, string> => node[':@'] ?? {};

function descendants(node: Node, tag: string): Node[] {
  return childrenOf(node).flatMap((c) => [
    ...(tagOf(c) === tag ? [c] : []),
    ...descendants(c, tag),
  ]);
}

function elementRule(element: Node): ElementRule {
  const rule: ElementRule = { text: false, children: new Set(), attributes: new Map() };
  if (attrsOf(element).type === 'xs:string') return { ...rule, text: true };
  const complex = childrenOf(element).find((c) => tagOf(c) === 'xs:complexType');
  if (!complex) return rule;
  rule.text = attrsOf(complex).mixed === 'true';
  for (const ref of descendants(complex, 'xs:element')) rule.children.add(attrsOf(ref).ref ?? '');
  for (const attribute of descendants(complex, 'xs:attribute')) {
    const { name = '', type = 'xs:string', use } = attrsOf(attribute);
    rule.attributes.set(name, { type, required: use === 'required' });
  }
  return rule;
}

export function loadXsdRules(xsd: string): XsdRules {
  const doc = parser.parse(xsd) as Node[];
  const schema = doc.find((n) => tagOf(n) === 'xs:schema');
  if (!schema) throw new Error('no xs:schema element');
  const rules: XsdRules = { elements: new Map(), types: new Map() };
  for (const node of childrenOf(schema)) {
    const name = attrsOf(node).name ?? '';
    if (tagOf(node) === 'xs:element') rules.elements.set(name, elementRule(node));
    if (tagOf(node) === 'xs:simpleType') {
      const pattern = descendants(node, 'xs:pattern')[0];
      rules.types.set(name, new RegExp(`^(?:${attrsOf(pattern ?? {}).value ?? '.*'})$`));
    }
  }
  return rules;
}

function attributeProblems(rules: XsdRules, rule: ElementRule, node: Node, at: string): string[] {
  const problems: string[] = [];
  const attrs = attrsOf(node);
  for (const [name, value] of Object.entries(attrs)) {
    const declared = rule.attributes.get(name);
    if (!declared) problems.push(`${at}: attribute ${name} is not allowed`);
    else if (declared.type !== 'xs:string') {
      const pattern = rules.types.get(declared.type);
      if (!pattern) problems.push(`${at}: unsupported type ${declared.type}`);
      else if (!pattern.test(value))
        problems.push(`${at}: ${name}="${value}" is not a ${declared.type}`);
    }
  }
  for (const [name, { required }] of rule.attributes) {
    if (required && !(name in attrs)) problems.push(`${at}: required attribute ${name} is missing`);
  }
  return problems;
}

function nodeProblems(rules: XsdRules, node: Node, parent: string): string[] {
  const tag = tagOf(node);
  const at = `${parent}/${tag}`;
  const rule = rules.elements.get(tag);
  if (!rule) return [`${at}: element ${tag} is not declared`];
  const problems = attributeProblems(rules, rule, node, at);
  for (const child of childrenOf(node)) {
    const childTag = tagOf(child);
    if (childTag === '#text') {
      if (!rule.text && String(child['#text']).trim() !== '')
        problems.push(`${at}: text is not allowed`);
    } else if (!rule.children.has(childTag)) {
      problems.push(`${at}: ${childTag} is not allowed here`);
    } else {
      problems.push(...nodeProblems(rules, child, at));
    }
  }
  return problems;
}

/** Every structural problem of `xml` against `rules`, with `root` as the document element. */
export function xsdProblems(rules: XsdRules, xml: string, root: string): string[] {
  const doc = (parser.parse(xml) as Node[]).filter((n) => !['?xml', '#text'].includes(tagOf(n)));
  if (doc.length !== 1 || tagOf(doc[0] as Node) !== root) {
    return [`the document element is not <${root}>`];
  }
  return nodeProblems(rules, doc[0] as Node, '');
}
