// The model's patch semantics, from libraries that share no code with the server it judges:
// fast-json-patch for RFC 6902 and json-merge-patch for RFC 7396. Were the model the mock's own
// src/domain, one bug there would make the mock wrong and the runner call it right. What the
// API adds to the RFCs is written here, each with its source.
// src/domain/patch-agreement.test.ts checks that these libraries and src/domain agree on the
// API's documents.
import jsonPatch from 'fast-json-patch';
import mergePatch from 'json-merge-patch';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonDocument = { [key: string]: Json };

/** What a patch does: the document after it, or the status the API answers instead. */
export type PatchOutcome = { ok: true; doc: JsonDocument } | { ok: false; status: 400 | 409 };

/** The API refuses `move` and `copy` with 400 (spec/README.md, JSON Patch operations). */
const REFUSED_OPS = new Set(['move', 'copy']);

const unescape = (segment: string) => segment.replace(/~1/g, '/').replace(/~0/g, '~');
const escape = (name: string) => name.replace(/~/g, '~0').replace(/\//g, '~1');

const ARRAY_INDEX = /^(0|[1-9][0-9]*|-)$/;

/**
 * A path as the API reads it (spec/README.md, the JSON Patch row): the leading slash is
 * optional and a member name matches an existing member ignoring case. An array index with a
 * leading zero (RFC 6901 §4) or a "~" escaping nothing (§3) is refused, which fast-json-patch
 * lets through: undefined.
 */
function apiPath(doc: Json, path: string): string | undefined {
  const absolute = path === '' || path.startsWith('/') ? path : `/${path}`;
  let node: Json | undefined = doc;
  const names: string[] = [];
  for (const segment of absolute.split('/').slice(1)) {
    // RFC 6901 §3: "~" is only ever followed by "0" or "1".
    if (/~(?![01])/.test(segment)) return undefined;
    const key = unescape(segment);
    if (Array.isArray(node) && !ARRAY_INDEX.test(key)) return undefined;
    const members: Record<string, Json> | undefined =
      node !== null && typeof node === 'object' ? (node as Record<string, Json>) : undefined;
    const name: string =
      members && !Array.isArray(node) && !Object.hasOwn(members, key)
        ? (Object.keys(members).find((k) => k.toLowerCase() === key.toLowerCase()) ?? key)
        : key;
    node = members?.[name];
    names.push(escape(name));
  }
  return ['', ...names].join('/');
}

/** One operation with the API's paths; undefined when a path is one the API refuses. */
function atApiPaths(doc: Json, op: unknown): jsonPatch.Operation | undefined {
  const { path, from } = op as { path?: unknown; from?: unknown };
  const at = typeof path === 'string' ? apiPath(doc, path) : undefined;
  const source = typeof from === 'string' ? apiPath(doc, from) : undefined;
  if (at === undefined || (from !== undefined && source === undefined)) return undefined;
  return {
    ...(op as jsonPatch.Operation),
    path: at,
    ...(source === undefined ? {} : { from: source }),
  };
}

const withSlash = (op: unknown): unknown => {
  const { path } = (op ?? {}) as { path?: unknown };
  return typeof path === 'string' && path !== '' && !path.startsWith('/')
    ? { ...(op as object), path: `/${path}` }
    : op;
};

export function modelJsonPatch(doc: JsonDocument, ops: readonly unknown[]): PatchOutcome {
  if (ops.some((op) => REFUSED_OPS.has(String((op as { op?: unknown })?.op)))) {
    return { ok: false, status: 400 };
  }
  // The whole patch document is checked before any operation runs (RFC 5789 §2.2): a malformed
  // patch is 400 even when an earlier `test` would fail.
  if (jsonPatch.validate(ops.map(withSlash) as jsonPatch.Operation[])) {
    return { ok: false, status: 400 };
  }
  let current: JsonDocument = structuredClone(doc);
  for (const [index, raw] of ops.entries()) {
    const op = atApiPaths(current, raw);
    if (!op) return { ok: false, status: 400 };
    try {
      current = jsonPatch.applyOperation(current, op, true, true, true, index).newDocument;
    } catch (error) {
      if (!(error instanceof jsonPatch.JsonPatchError)) throw error;
      // A failed `test` is 409 Conflict (RFC 5789 §2.2); a `test` of a member that does not
      // exist is a bad path, 400, like every other failure (spec/README.md, C2).
      const failedTest = error.name === 'TEST_OPERATION_FAILED' && exists(current, op.path);
      return { ok: false, status: failedTest ? 409 : 400 };
    }
  }
  return { ok: true, doc: current };
}

function exists(doc: Json, path: string): boolean {
  let node: Json | undefined = doc;
  for (const segment of path.split('/').slice(1).map(unescape)) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, segment)) return false;
    node = (node as Record<string, Json>)[segment];
  }
  return true;
}

export function modelMergePatch(doc: JsonDocument, patch: JsonDocument): PatchOutcome {
  return { ok: true, doc: mergePatch.apply(structuredClone(doc), patch) };
}
