// prism-http dereferences an operation's schemas but leaves each recursive reference in place as
// `{ "$ref": "#/__bundled__/<name>" }`, with its target under the operation's `__bundled__`
// (MDOListItem.ChildItems is a list of MDOListItem). The validators resolve those themselves;
// code that walks a schema along a body (binding, XML and form reading) needs the target at
// every depth, so here each reference is replaced by its resolved target. A recursive schema
// becomes a cyclic graph: finite along any finite body, never to be walked without one.
import { isRecord } from '../domain/is-record.js';

const BUNDLED = '#/__bundled__/';

/** The target a `#/__bundled__/…` pointer names, or undefined when it names nothing. */
function target(pointer: string, bundle: Record<string, unknown>): unknown {
  let node: unknown = bundle;
  for (const token of pointer.slice(BUNDLED.length).split('/')) {
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isRecord(node) || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

/** `schema` with every reference into `bundle` replaced by its (equally resolved) target. */
export function resolveBundled(schema: unknown, bundle: unknown): unknown {
  if (!isRecord(bundle)) return schema;
  const copies = new Map<object, unknown>();
  const resolve = (node: unknown): unknown => {
    if (typeof node !== 'object' || node === null) return node;
    if (copies.has(node)) return copies.get(node);
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === 'string' && ref.startsWith(BUNDLED)) {
      const found = target(ref, bundle);
      if (found === undefined) return node;
      // Marked before resolving, so a reference to a reference to itself ends here.
      copies.set(node, node);
      const resolved = resolve(found);
      copies.set(node, resolved);
      return resolved;
    }
    const copy: Record<string, unknown> | unknown[] = Array.isArray(node) ? [] : {};
    copies.set(node, copy);
    for (const [key, value] of Object.entries(node)) {
      (copy as Record<string, unknown>)[key] = resolve(value);
    }
    return copy;
  };
  return resolve(schema);
}
