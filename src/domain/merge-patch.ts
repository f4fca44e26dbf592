// RFC 7396 JSON Merge Patch over plain JSON values, and its conversion to RFC 6902 operations
// (the vendor: "a MERGE-PATCH object will be converted to a list of JSON-PATCH operations").
// Inputs are never mutated; the result shares nothing with them.
import type { JsonPatchOperation } from './json-patch.js';
import {
  cloneJson,
  cloneObject,
  findForbiddenKey,
  findMemberKey,
  formatPointer,
  isJsonObject,
  setMember,
  type JsonObject,
  type JsonValue,
} from './json-pointer.js';

export type MergePatchOptions = {
  /** Member names match existing keys ignoring case at every level (spec C11). */
  caseInsensitive?: boolean;
};

export type MergePatchFailure = { ok: false; reason: 'forbidden-key'; message: string };
export type MergePatchResult = { ok: true; doc: JsonValue } | MergePatchFailure;
export type MergePatchConversion = { ok: true; ops: JsonPatchOperation[] } | MergePatchFailure;

/** Refuses a patch naming `__proto__`, `constructor` or `prototype` anywhere. */
function refuseForbidden(patch: JsonValue): MergePatchFailure | undefined {
  const at = findForbiddenKey(patch);
  if (at === undefined) return undefined;
  return { ok: false, reason: 'forbidden-key', message: `Forbidden member name at '${at}'` };
}

/** RFC 7396 §2: MergePatch(target, patch). */
export function applyMergePatch(
  target: JsonValue,
  patch: JsonValue,
  options: MergePatchOptions = {},
): MergePatchResult {
  const refused = refuseForbidden(patch);
  if (refused) return refused;
  return { ok: true, doc: merge(target, patch, options.caseInsensitive ?? false) };
}

/**
 * The algorithm of RFC 7396 §2, building new objects instead of assigning into the target:
 * a non-object patch replaces; an object patch starts from the target (or {} when the target
 * is not an object), removes members whose patch value is null and merges the others.
 */
function merge(target: JsonValue | undefined, patch: JsonValue, ci: boolean): JsonValue {
  if (!isJsonObject(patch)) return cloneJson(patch);
  const result: JsonObject = isJsonObject(target) ? cloneObject(target) : {};
  for (const [name, value] of Object.entries(patch)) {
    const key = findMemberKey(result, name, ci);
    if (value === null) {
      if (key !== undefined) Reflect.deleteProperty(result, key);
    } else {
      setMember(result, key ?? name, merge(key === undefined ? undefined : result[key], value, ci));
    }
  }
  return result;
}

/**
 * The RFC 6902 operations equivalent to merging `patch` into `target`, one per top-level
 * member: null → `remove` (only when the member exists), otherwise `replace` (existing) or
 * `add` (new) with the merged value. Paths use the target's own member names. A patch that is
 * not an object, or a target that is not one, replaces the whole document (RFC 7396 §2).
 */
export function mergePatchToOperations(
  target: JsonValue,
  patch: JsonValue,
  options: MergePatchOptions = {},
): MergePatchConversion {
  const refused = refuseForbidden(patch);
  if (refused) return refused;
  const ci = options.caseInsensitive ?? false;
  if (!isJsonObject(patch) || !isJsonObject(target)) {
    return { ok: true, ops: [{ op: 'replace', path: '', value: merge(target, patch, ci) }] };
  }
  // Tracks the members as the operations leave them, so that a name given twice (in two
  // cases) yields operations that still apply in order.
  const current: JsonObject = cloneObject(target);
  const ops: JsonPatchOperation[] = [];
  for (const [name, value] of Object.entries(patch)) {
    const key = findMemberKey(current, name, ci);
    if (value === null) {
      if (key === undefined) continue;
      Reflect.deleteProperty(current, key);
      ops.push({ op: 'remove', path: formatPointer([key]) });
      continue;
    }
    const merged = merge(key === undefined ? undefined : current[key], value, ci);
    setMember(current, key ?? name, merged);
    const op = key === undefined ? 'add' : 'replace';
    ops.push({ op, path: formatPointer([key ?? name]), value: cloneJson(merged) });
  }
  return { ok: true, ops };
}
