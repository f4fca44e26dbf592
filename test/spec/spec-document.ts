// The contract document as the spec tests read it: the parsed YAML, JSON pointers into it and
// its local `$ref`s (every $ref in the document is '#/components/...').
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const SPEC_PATH = fileURLToPath(new URL('../../spec/webhook.openapi.yaml', import.meta.url));

export type JsonObject = { [key: string]: unknown };

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const doc: unknown = parse(readFileSync(SPEC_PATH, 'utf8'));
if (!isObject(doc)) throw new Error(`${SPEC_PATH} is not a YAML mapping`);
export const spec: JsonObject = doc;

export const escapeToken = (token: string): string =>
  token.replace(/~/g, '~0').replace(/\//g, '~1');
export const unescapeToken = (token: string): string =>
  token.replace(/~1/g, '/').replace(/~0/g, '~');
export const pointer = (tokens: readonly string[]): string =>
  tokens.map((t) => `/${escapeToken(t)}`).join('');

export function at(tokens: readonly string[]): unknown {
  let node: unknown = spec;
  for (const token of tokens) {
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isObject(node)) node = node[token];
    else return undefined;
  }
  return node;
}

export function refTokens(ref: string): string[] {
  if (!ref.startsWith('#/')) throw new Error(`Only local $refs are expected, found "${ref}"`);
  return ref.slice(2).split('/').map(unescapeToken);
}

/** A node and where it really lives, after following `$ref`s (for non-schema objects). */
export interface Located {
  node: JsonObject;
  tokens: string[];
  /** The component name the last `$ref` pointed at, if any. */
  refName?: string;
}

export function follow(node: unknown, tokens: string[]): Located {
  let current = node;
  let where = tokens;
  let refName: string | undefined;
  for (let hops = 0; isObject(current) && typeof current.$ref === 'string'; hops += 1) {
    if (hops > 10) throw new Error(`$ref loop at ${pointer(tokens)}`);
    where = refTokens(current.$ref);
    refName = where.at(-1);
    current = at(where);
    if (current === undefined) throw new Error(`Unresolved $ref at ${pointer(tokens)}`);
  }
  if (!isObject(current)) throw new Error(`Expected an object at ${pointer(where)}`);
  return refName === undefined
    ? { node: current, tokens: where }
    : { node: current, tokens: where, refName };
}

export function allRefs(node: unknown, tokens: string[] = [], out: [string, string][] = []) {
  if (Array.isArray(node)) node.forEach((item, i) => allRefs(item, [...tokens, String(i)], out));
  else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') out.push([pointer(tokens), value]);
      else allRefs(value, [...tokens, key], out);
    }
  }
  return out;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
