// Reads an application/x-www-form-urlencoded body into a tree of named text values, with the
// key syntax of ASP.NET model binding (spec/README.md C24): `Name=x`, repeated `Events=a&Events=b`
// or `Events[0]=a`, `Headers[X-Key]=v` or `Headers.X-Key=v` for members of members.
import { ApiError } from '../api-error.js';
import type { TextNode } from './text-tree.js';

type Branch = { kind: 'children'; children: Array<[string, TextNode]> };

/** Each branch's member branches by lower-case name, so a body of many keys stays linear. */
type Index = Map<Branch, Map<string, Branch>>;

function child(index: Index, parent: Branch, name: string): Branch {
  let members = index.get(parent);
  if (!members) index.set(parent, (members = new Map()));
  const found = members.get(name.toLowerCase());
  if (found) return found;
  const created: Branch = { kind: 'children', children: [] };
  parent.children.push([name, created]);
  members.set(name.toLowerCase(), created);
  return created;
}

/** `Headers[X-Key]` → ['Headers', 'X-Key']; `A.B[0]` → ['A', 'B', '0']. */
function segments(key: string): string[] {
  return key.match(/[^.[\]]+/g) ?? [];
}

export function readForm(body: string, maxDepth: number): TextNode {
  const root: Branch = { kind: 'children', children: [] };
  const index: Index = new Map();
  for (const [key, value] of new URLSearchParams(body)) {
    const path = segments(key);
    if (path.length === 0) continue;
    if (path.length > maxDepth) {
      throw new ApiError(
        'BAD_REQUEST',
        `The form field ${key} nests deeper than ${maxDepth} levels.`,
      );
    }
    const parents = path.slice(0, -1).reduce((branch, name) => child(index, branch, name), root);
    // A repeated key is a list: each value is one more child of the same name.
    parents.children.push([path.at(-1) as string, { kind: 'text', text: value }]);
  }
  return root;
}
