// RFC 6902 JSON Patch over plain JSON values. The input is never mutated: the document is
// cloned once and the operations work on the clone. Expected failures are values, not throws.
import {
  cloneJson,
  evaluatePointer,
  findForbiddenKey,
  findMemberKey,
  formatPointer,
  isJsonObject,
  isJsonValue,
  jsonEqual,
  parseArrayIndex,
  parsePointer,
  setMember,
  type JsonObject,
  type JsonValue,
} from './json-pointer.js';

export type JsonPatchOperation =
  | { op: 'add' | 'replace' | 'test'; path: string; value: JsonValue }
  | { op: 'remove'; path: string }
  | { op: 'move' | 'copy'; from: string; path: string };

export type JsonPatchOptions = {
  /** Member names match existing keys ignoring case; a new key keeps the case given. */
  caseInsensitive?: boolean;
  /** The API refuses `move` and `copy` (design notes); true implements them per RFC 6902. */
  allowMoveCopy?: boolean;
};

export type JsonPatchFailureReason =
  'test-failed' | 'invalid-path' | 'unsupported-op' | 'invalid-op' | 'forbidden-key';

export type JsonPatchResult =
  | { ok: true; doc: JsonValue }
  | { ok: false; reason: JsonPatchFailureReason; index: number; message: string };

type OpName = JsonPatchOperation['op'];
type Step = { op: OpName; path: string[]; from: string[]; value: JsonValue };
type Problem = { reason: JsonPatchFailureReason; message: string };
type Box = { root: JsonValue };

const OP_NAMES: ReadonlySet<string> = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);
const isOpName = (op: unknown): op is OpName => typeof op === 'string' && OP_NAMES.has(op);
const problem = (reason: JsonPatchFailureReason, message: string): Problem => ({ reason, message });

/**
 * Applies `ops` to a copy of `doc`. The whole patch document is validated first, so a
 * malformed patch is refused whatever the target's state (RFC 5789 §2.2); then operations run
 * in order and the first failure ends evaluation with nothing applied (RFC 6902 §5).
 */
export function applyJsonPatch(
  doc: JsonValue,
  ops: readonly unknown[],
  options: JsonPatchOptions = {},
): JsonPatchResult {
  const steps: Step[] = [];
  for (const [index, raw] of ops.entries()) {
    const step = parseStep(raw, options.allowMoveCopy ?? false);
    if ('reason' in step) return { ok: false, index, ...step };
    steps.push(step);
  }
  const box: Box = { root: cloneJson(doc) };
  for (const [index, step] of steps.entries()) {
    const failed = runStep(box, step, options.caseInsensitive ?? false);
    if (failed) return { ok: false, index, ...failed };
  }
  return { ok: true, doc: box.root };
}

/** RFC 6902 §4: members an operation needs; unrecognised members are ignored (A.11). */
function parseStep(raw: unknown, allowMoveCopy: boolean): Step | Problem {
  if (!isJsonObject(raw)) return problem('invalid-op', 'An operation must be a JSON object');
  const { op, path, from } = raw;
  if (!isOpName(op)) return problem('invalid-op', `Unknown operation ${show(op)}`);
  if ((op === 'move' || op === 'copy') && !allowMoveCopy) {
    const message = `The '${op}' operation is not supported; use add, remove, replace or test`;
    return problem('unsupported-op', message);
  }
  if (typeof path !== 'string') return problem('invalid-op', `'${op}' needs a string 'path'`);
  const needsFrom = op === 'move' || op === 'copy';
  if (needsFrom && typeof from !== 'string') {
    return problem('invalid-op', `'${op}' needs a string 'from'`);
  }
  const needsValue = op === 'add' || op === 'replace' || op === 'test';
  if (needsValue && !(Object.hasOwn(raw, 'value') && isJsonValue(raw.value))) {
    return problem('invalid-op', `'${op}' needs a JSON 'value'`);
  }
  const fromPath = needsFrom && typeof from === 'string' ? from : '';
  return parsePointers(op, path, fromPath, needsValue ? (raw.value ?? null) : null);
}

function parsePointers(op: OpName, path: string, from: string, value: JsonValue): Step | Problem {
  const target = parsePointer(path);
  if (!target.ok) return target;
  const source = parsePointer(from);
  if (!source.ok) return source;
  const forbidden = findForbiddenKey(value);
  if (forbidden !== undefined) {
    return problem('forbidden-key', `The value uses a forbidden member name at '${forbidden}'`);
  }
  return { op, path: target.segments, from: source.segments, value };
}

function runStep(box: Box, step: Step, ci: boolean): Problem | undefined {
  switch (step.op) {
    case 'add':
      return add(box, step.path, cloneJson(step.value), ci);
    case 'remove':
      return remove(box, step.path, ci);
    case 'replace':
      return replace(box, step.path, cloneJson(step.value), ci);
    case 'test':
      return test(box, step.path, step.value, ci);
    case 'move':
      return move(box, step.from, step.path, ci);
    case 'copy':
      return copy(box, step.from, step.path, ci);
  }
}

const missing = (segments: readonly string[]): Problem =>
  problem('invalid-path', `Path '${formatPointer(segments)}' does not exist`);

type Parent = { parent: JsonObject | JsonValue[]; token: string };

function locateParent(root: JsonValue, segments: string[], ci: boolean): Parent | Problem {
  const parent = evaluatePointer(root, segments.slice(0, -1), ci);
  const token = segments[segments.length - 1];
  if (token === undefined || parent === undefined) return missing(segments.slice(0, -1));
  if (Array.isArray(parent) || isJsonObject(parent)) return { parent, token };
  return missing(segments);
}

/** RFC 6902 §4.1: insert into an array, or add/replace an object member; "" is the root. */
function add(box: Box, segments: string[], value: JsonValue, ci: boolean): Problem | undefined {
  if (segments.length === 0) {
    box.root = value;
    return undefined;
  }
  const at = locateParent(box.root, segments, ci);
  if ('reason' in at) return at;
  if (!Array.isArray(at.parent)) {
    setMember(at.parent, findMemberKey(at.parent, at.token, ci) ?? at.token, value);
    return undefined;
  }
  const index = parseArrayIndex(at.token, at.parent.length, true);
  if (index === undefined) return missing(segments);
  at.parent.splice(index, 0, value);
  return undefined;
}

type Existing = { array: JsonValue[]; index: number } | { object: JsonObject; key: string };

/** The existing location `segments` names: its container and the exact key or index. */
function locateExisting(box: Box, segments: string[], ci: boolean): Existing | Problem {
  const at = locateParent(box.root, segments, ci);
  if ('reason' in at) return at;
  if (Array.isArray(at.parent)) {
    const index = parseArrayIndex(at.token, at.parent.length, false);
    return index === undefined ? missing(segments) : { array: at.parent, index };
  }
  const key = findMemberKey(at.parent, at.token, ci);
  return key === undefined ? missing(segments) : { object: at.parent, key };
}

/** RFC 6902 §4.2: the target must exist; removing the whole document is refused. */
function remove(box: Box, segments: string[], ci: boolean): Problem | undefined {
  if (segments.length === 0) return problem('invalid-path', 'Cannot remove the whole document');
  const at = locateExisting(box, segments, ci);
  if ('reason' in at) return at;
  if ('array' in at) at.array.splice(at.index, 1);
  else Reflect.deleteProperty(at.object, at.key);
  return undefined;
}

/** RFC 6902 §4.3: the target must exist; an object member keeps its position. */
function replace(box: Box, segments: string[], value: JsonValue, ci: boolean) {
  if (segments.length === 0) {
    box.root = value;
    return undefined;
  }
  const at = locateExisting(box, segments, ci);
  if ('reason' in at) return at;
  if ('array' in at) at.array[at.index] = value;
  else setMember(at.object, at.key, value);
  return undefined;
}

/** RFC 6902 §4.6; a missing target is a bad path rather than a failed comparison. */
function test(box: Box, segments: string[], expected: JsonValue, ci: boolean) {
  const actual = evaluatePointer(box.root, segments, ci);
  if (actual === undefined) return missing(segments);
  if (jsonEqual(actual, expected)) return undefined;
  const where = formatPointer(segments);
  return problem('test-failed', `Test failed: ${where} is ${show(actual)}, not ${show(expected)}`);
}

/** RFC 6902 §4.4: remove then add; `from` must not be a proper prefix of `path`. */
function move(box: Box, from: string[], path: string[], ci: boolean): Problem | undefined {
  const same = (a: string, b: string) => (ci ? a.toLowerCase() === b.toLowerCase() : a === b);
  if (from.length < path.length && from.every((segment, i) => same(segment, path[i] ?? ''))) {
    const message = `Cannot move '${formatPointer(from)}' into its own child '${formatPointer(path)}'`;
    return problem('invalid-path', message);
  }
  const value = evaluatePointer(box.root, from, ci);
  if (value === undefined) return missing(from);
  return remove(box, from, ci) ?? add(box, path, value, ci);
}

/** RFC 6902 §4.5: add a deep copy of the value at `from`. */
function copy(box: Box, from: string[], path: string[], ci: boolean): Problem | undefined {
  const value = evaluatePointer(box.root, from, ci);
  return value === undefined ? missing(from) : add(box, path, cloneJson(value), ci);
}

/** A value for a human-readable message: strings quoted like the API's own messages. */
function show(value: unknown): string {
  const text = typeof value === 'string' ? `'${value}'` : (JSON.stringify(value) ?? String(value));
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
