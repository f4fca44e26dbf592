// XML and form bodies carry text only; this binds their tree of named text values to the JSON
// model the spec describes (numbers, booleans, lists, dictionaries, nulls), so that they then
// take the same binding and validation as a JSON body (spec/README.md C23, C24).
import { branches, itemSchema, memberSchemas } from '../binding.js';

export type TextNode =
  | { kind: 'text'; text: string }
  | { kind: 'nil' }
  | { kind: 'children'; children: Array<[string, TextNode]> };

function typeOf(schema: unknown): string | undefined {
  for (const branch of branches(schema)) {
    const types = Array.isArray(branch.type) ? branch.type : [branch.type];
    const type = types.find((t): t is string => typeof t === 'string' && t !== 'null');
    if (type) return type;
    if (branch.properties !== undefined) return 'object';
    if (branch.items !== undefined) return 'array';
  }
  return undefined;
}

function additional(schema: unknown): unknown {
  return branches(schema).find((b) => b.additionalProperties !== undefined)?.additionalProperties;
}

function scalar(text: string, type: string | undefined): unknown {
  const trimmed = text.trim();
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(trimmed)) {
    return Number(trimmed);
  }
  // xs:boolean also allows 1 and 0.
  if (type === 'boolean' && /^(true|1)$/.test(trimmed)) return true;
  if (type === 'boolean' && /^(false|0)$/.test(trimmed)) return false;
  if (type === 'object') return trimmed === '' ? {} : text;
  if (type === 'array') return trimmed === '' ? [] : text;
  return text;
}

/** A KeyValueOf… pair (data-contract dictionaries), as [key, value node]. */
function pair(node: TextNode): [string, TextNode] | undefined {
  if (node.kind !== 'children') return undefined;
  const key = node.children.find(([n]) => n.toLowerCase() === 'key')?.[1];
  const value = node.children.find(([n]) => n.toLowerCase() === 'value')?.[1];
  if (key?.kind !== 'text' || value === undefined) return undefined;
  return [key.text, value];
}

function put(target: Record<string, unknown>, key: string, value: unknown): void {
  // defineProperty: a key named "__proto__" stays data (the JSON guard then refuses it).
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/**
 * A list member is one wrapper element whose children are the items (XML, `Events[0]=`), or
 * the member repeated once per item (a form's `Events=a&Events=b`).
 */
function listOf(nodes: TextNode[], schema: unknown): unknown[] {
  const items = itemSchema(schema);
  const only = nodes.length === 1 ? nodes[0] : undefined;
  if (only?.kind === 'children') return only.children.map(([, c]) => fromTextTree(c, items));
  if (only?.kind === 'text' && only.text.trim() === '') return [];
  return nodes.map((node) => fromTextTree(node, items));
}

function object(children: Array<[string, TextNode]>, schema: unknown): Record<string, unknown> {
  const members = memberSchemas(schema);
  const values = additional(schema);
  const result: Record<string, unknown> = {};
  // By lower-case name, keeping the spelling seen first.
  const lists = new Map<string, { name: string; nodes: TextNode[] }>();
  for (const [name, child] of children) {
    const keyed = name.startsWith('KeyValueOf') ? pair(child) : undefined;
    const member = members.get(name.toLowerCase())?.[1];
    // A typed value written as pairs (a FieldProperties FieldInfo) binds each pair by its member.
    const keyedSchema = keyed && (members.get(keyed[0].toLowerCase())?.[1] ?? values);
    if (keyed) put(result, keyed[0], fromTextTree(keyed[1], keyedSchema));
    else if (member !== undefined && typeOf(member) === 'array' && child.kind !== 'nil') {
      const list = lists.get(name.toLowerCase());
      if (list) list.nodes.push(child);
      else {
        lists.set(name.toLowerCase(), { name, nodes: [child] });
        // Its place among the members, kept for the list filled in below.
        put(result, name, []);
      }
    } else put(result, name, fromTextTree(child, member ?? values));
  }
  for (const [lower, { name, nodes }] of lists) {
    put(result, name, listOf(nodes, members.get(lower)?.[1]));
  }
  return result;
}

/** The JSON value `node` stands for under `schema`. */
export function fromTextTree(node: TextNode, schema: unknown): unknown {
  if (node.kind === 'nil') return null;
  const type = typeOf(schema);
  if (node.kind === 'text') return scalar(node.text, type);
  if (type === 'array') return listOf([node], schema);
  return object(node.children, schema);
}
