// JSON values and JSON Pointers (RFC 6901), shared by json-patch.ts and merge-patch.ts.
// Objects are only ever built with defineProperty, so a member named "__proto__" stays an
// ordinary own property; forbidden names are refused before they get that far anyway.

export type JsonPrimitive = string | number | boolean | null;
export type JsonObject = { [key: string]: JsonValue };
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;

/** Member names that reach an object's prototype chain when assigned naively. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

/** Prototype pollution guard; exact match, like src/http/json-guard.ts. */
export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN_KEYS.has(key);
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep check that `value` is what JSON.parse could have produced (RFC 8259 §3). */
export function isJsonValue(value: unknown): value is JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJsonValue);
  if (typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(value).every(isJsonValue);
}

/** RFC 6902 §4.6 equality: same type; arrays in order; objects regardless of member order. */
export function jsonEqual(a: JsonValue, b: JsonValue): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => b[i] !== undefined && jsonEqual(item, b[i]));
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((key) => {
      const [left, right] = [a[key], b[key]];
      return left !== undefined && right !== undefined && jsonEqual(left, right);
    });
  }
  return a === b;
}

/** Pointer to the first forbidden member name anywhere inside `value`, or undefined. */
export function findForbiddenKey(value: JsonValue, at = ''): string | undefined {
  const entries: [string, JsonValue][] = Array.isArray(value)
    ? value.map((item, index) => [String(index), item])
    : isJsonObject(value)
      ? Object.entries(value)
      : [];
  for (const [name, member] of entries) {
    const here = `${at}/${escapeSegment(name)}`;
    if (!Array.isArray(value) && isForbiddenKey(name)) return here;
    const hit = findForbiddenKey(member, here);
    if (hit !== undefined) return hit;
  }
  return undefined;
}

/**
 * The existing member `name` refers to: the exact name first, then (when asked) the first
 * name equal ignoring case, because the API binds member names case-insensitively (spec C11).
 */
export function findMemberKey(
  obj: JsonObject,
  name: string,
  caseInsensitive: boolean,
): string | undefined {
  if (Object.hasOwn(obj, name)) return name;
  if (!caseInsensitive) return undefined;
  const lower = name.toLowerCase();
  return Object.keys(obj).find((key) => key.toLowerCase() === lower);
}

/**
 * Sets an own data property: `__proto__` can never act as the prototype setter here. Only that
 * name needs defineProperty; a plain assignment keeps the object's fast layout, which every
 * later read and JSON.stringify of it benefits from.
 */
export function setMember<T>(obj: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') {
    Object.defineProperty(obj, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    obj[key] = value;
  }
}

export function cloneObject(obj: JsonObject): JsonObject {
  const copy: JsonObject = {};
  for (const [key, member] of Object.entries(obj)) setMember(copy, key, cloneJson(member));
  return copy;
}

/** A deep copy sharing nothing with `value`; key order is kept. */
export function cloneJson(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map((item) => cloneJson(item));
  return isJsonObject(value) ? cloneObject(value) : value;
}

export type PointerResult =
  | { ok: true; segments: string[] }
  | { ok: false; reason: 'invalid-path' | 'forbidden-key'; message: string };

/**
 * RFC 6901 §3-4: split on "/" and unescape "~1" then "~0" (in that order, so "~01" is "~1").
 * The API also accepts a path without the leading slash ("State" = "/State"); "" stays the
 * whole document. A forbidden member name anywhere makes the pointer unusable.
 */
export function parsePointer(pointer: string): PointerResult {
  if (pointer === '') return { ok: true, segments: [] };
  const body = pointer.startsWith('/') ? pointer.slice(1) : pointer;
  const segments: string[] = [];
  for (const raw of body.split('/')) {
    if (/~(?![01])/.test(raw)) {
      return { ok: false, reason: 'invalid-path', message: `Invalid escape in path '${pointer}'` };
    }
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (isForbiddenKey(segment)) {
      const message = `Path '${pointer}' uses the forbidden member name '${segment}'`;
      return { ok: false, reason: 'forbidden-key', message };
    }
    segments.push(segment);
  }
  return { ok: true, segments };
}

/** RFC 6901 §3: "~" becomes "~0" and "/" becomes "~1". */
export function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function formatPointer(segments: readonly string[]): string {
  return segments.map((segment) => `/${escapeSegment(segment)}`).join('');
}

/**
 * RFC 6901 §4: an array index is "0" or digits without a leading zero. "-" (the element past
 * the end) and `length` itself are only valid where something is inserted (RFC 6902 §4.1).
 */
export function parseArrayIndex(
  token: string,
  length: number,
  forInsert: boolean,
): number | undefined {
  if (token === '-') return forInsert ? length : undefined;
  if (!/^(0|[1-9][0-9]*)$/.test(token)) return undefined;
  const index = Number(token);
  return index < length || (forInsert && index === length) ? index : undefined;
}

/** RFC 6901 §4: the value `segments` refers to inside `root`, or undefined when absent. */
export function evaluatePointer(
  root: JsonValue,
  segments: readonly string[],
  caseInsensitive: boolean,
): JsonValue | undefined {
  let current: JsonValue | undefined = root;
  for (const token of segments) {
    if (Array.isArray(current)) {
      const index = parseArrayIndex(token, current.length, false);
      current = index === undefined ? undefined : current[index];
    } else if (isJsonObject(current)) {
      const key = findMemberKey(current, token, caseInsensitive);
      current = key === undefined ? undefined : current[key];
    } else {
      return undefined;
    }
  }
  return current;
}
