// Model binding like the real server's (spec/README.md C11): member names match the spec's
// case-insensitively, enums bind by name in any case or by number, read-only members are
// dropped. The spec is the only source of names, so binding can never disagree with it.
import { isRecord } from '../domain/is-record.js';
import { setMember } from '../domain/json-pointer.js';
type Schema = Record<string, unknown>;

// The contract's schema objects live as long as the app: what binding derives from each is
// worked out once, not on every request and every member.
const branchCache = new WeakMap<Schema, Schema[]>();
const memberCache = new WeakMap<Schema, Map<string, [string, Schema]>>();

/** The schema and every branch it composes (allOf/oneOf/anyOf), flattened. */
export function branches(schema: unknown): Schema[] {
  if (!isRecord(schema)) return [];
  let found = branchCache.get(schema);
  if (!found) {
    const nested = ['allOf', 'oneOf', 'anyOf'].flatMap((key) => {
      const list = schema[key];
      return Array.isArray(list) ? list.flatMap(branches) : [];
    });
    found = [schema, ...nested];
    branchCache.set(schema, found);
  }
  return found;
}

export function memberSchemas(schema: unknown): ReadonlyMap<string, [string, Schema]> {
  if (!isRecord(schema)) return new Map();
  let members = memberCache.get(schema);
  if (!members) {
    members = new Map();
    for (const branch of branches(schema)) {
      if (!isRecord(branch.properties)) continue;
      for (const [name, sub] of Object.entries(branch.properties)) {
        if (isRecord(sub)) members.set(name.toLowerCase(), [name, sub]);
      }
    }
    memberCache.set(schema, members);
  }
  return members;
}

export function itemSchema(schema: unknown): unknown {
  return branches(schema).find((b) => b.items !== undefined)?.items;
}

function bindEnum(value: string | number, schema: unknown): unknown {
  for (const branch of branches(schema)) {
    const numbers = branch['x-enum-numbers'];
    const flags = branch['x-flags'];
    if (isRecord(numbers)) return bindNumbered(value, numbers);
    if (isRecord(flags)) return bindFlags(value, flags);
    if (Array.isArray(branch.enum) && typeof value === 'string') {
      const match = branch.enum.find(
        (e) => typeof e === 'string' && e.toLowerCase() === value.toLowerCase(),
      );
      if (match !== undefined) return match;
    }
  }
  return value;
}

function bindNumbered(value: string | number, numbers: Record<string, unknown>): unknown {
  const names = Object.keys(numbers);
  if (typeof value === 'number') return names.find((n) => numbers[n] === value) ?? value;
  return names.find((n) => n.toLowerCase() === value.toLowerCase()) ?? value;
}

function bindFlags(value: string | number, flags: Record<string, unknown>): unknown {
  const names = Object.keys(flags);
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0) return value;
    const set = names.filter((n) => {
      const bit = flags[n];
      return typeof bit === 'number' && bit !== 0 && (value & bit) === bit;
    });
    const known = set.reduce((sum, n) => sum | (flags[n] as number), 0);
    if (known !== value) return value;
    return set.length === 0 ? (names.find((n) => flags[n] === 0) ?? value) : set.join(', ');
  }
  const parts = value.split(',').map((p) => p.trim());
  const bound = parts.map((p) => names.find((n) => n.toLowerCase() === p.toLowerCase()));
  return bound.every((b) => b !== undefined) ? bound.join(', ') : value;
}

/** Binds a parsed JSON request body to the canonical names and values of `schema`. */
export function bindToSchema(value: unknown, schema: unknown): unknown {
  if (typeof value === 'string' || typeof value === 'number') return bindEnum(value, schema);
  if (Array.isArray(value)) {
    const items = itemSchema(schema);
    return items === undefined ? value : value.map((v) => bindToSchema(v, items));
  }
  if (!isRecord(value)) return value;
  const members = memberSchemas(schema);
  if (members.size === 0) return value;
  const bound: Record<string, unknown> = {};
  const put = (key: string, member: unknown) => setMember(bound, key, member);
  for (const [key, member] of Object.entries(value)) {
    const found = members.get(key.toLowerCase());
    if (!found) {
      put(key, member);
      continue;
    }
    const [name, sub] = found;
    if (sub.readOnly === true) continue;
    put(name, bindToSchema(member, sub));
  }
  return bound;
}

/**
 * Binds one query parameter value like a body member (C11): an enum by name in any case or by
 * number (`statusFilter=2` = `Stopped`). Values that bind to no name stay as sent, so the
 * contract check still refuses them.
 */
export function bindQueryValue(value: string, schema: unknown): string {
  const bound = bindToSchema(/^\d+$/.test(value) ? Number(value) : value, schema);
  return typeof bound === 'string' ? bound : value;
}
