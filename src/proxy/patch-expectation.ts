// What a PATCH answer must hold, given the webhook the proxy saw before it: the patch applied to
// that representation by the conformance runner's patch model (fast-json-patch for RFC 6902,
// json-merge-patch for RFC 7396, the API's path rules on top; none of it the mock's own code),
// compared on the members the patch touched. A patch the model refuses is not judged here: its
// status is the upstream's call, and a change by another client can make a `test` pass or fail.
import { isDeepStrictEqual } from 'node:util';
import { isRecord } from '../domain/is-record.js';
import { SERVER_SET } from './date-rules.js';
import { keyOf } from './members.js';
import {
  modelJsonPatch,
  modelMergePatch,
  type JsonDocument,
} from '../../conformance/cases/patch-model.js';

/** Members whose values are enum names, bound in any case (spec/README.md C11, C21). */
const NAMES = new Set(['state', 'type', 'notifyvia', 'notifywhen']);

/** A value as a carrier may answer it: a removed member, null, '' and {} all read "none". */
function normal(value: unknown, member: string): unknown {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string' && NAMES.has(member.toLowerCase())) return value.toLowerCase();
  if (Array.isArray(value)) return value.map((v) => normal(v, ''));
  if (isRecord(value)) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== null && v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => [k, normal(v, '')] as const);
    return entries.length === 0 ? null : Object.fromEntries(entries);
  }
  return value;
}

/** A merge patch with its member names spelled as the document spells them (C11: any case). */
function inDocCase(doc: unknown, patch: Record<string, unknown>): Record<string, unknown> {
  const target = isRecord(doc) ? doc : {};
  return Object.fromEntries(
    Object.entries(patch).map(([name, value]) => {
      const key = keyOf(target, name);
      return [key, isRecord(value) ? inDocCase(target[key], value) : value];
    }),
  );
}

/** The top-level members a patch document writes. */
function touched(doc: Record<string, unknown>, patch: unknown): string[] {
  const names = Array.isArray(patch)
    ? patch
        .filter((op) => isRecord(op) && op.op !== 'test' && typeof op.path === 'string')
        .map(
          (op) =>
            String((op as { path: string }).path)
              .replace(/^\//, '')
              .split('/')[0] ?? '',
        )
    : Object.keys(patch as Record<string, unknown>);
  return [...new Set(names.filter((n) => n !== '').map((n) => keyOf(doc, n)))];
}

/** The webhook after the patch, by the model; undefined when the model refuses the patch. */
export function patched(
  before: Record<string, unknown>,
  patch: unknown,
): Record<string, unknown> | undefined {
  const doc = JSON.parse(JSON.stringify(before)) as JsonDocument;
  const outcome = Array.isArray(patch)
    ? modelJsonPatch(doc, patch)
    : isRecord(patch)
      ? modelMergePatch(doc, inDocCase(doc, patch) as JsonDocument)
      : undefined;
  return outcome?.ok ? outcome.doc : undefined;
}

export interface PatchDifference {
  member: string;
  expected: unknown;
  answered: unknown;
}

/**
 * Where the answer differs from the patch applied to `before`; undefined when the patch cannot
 * be judged (not a patch document, or one the model refuses).
 */
export function patchDifferences(
  before: Record<string, unknown>,
  patch: unknown,
  answer: Record<string, unknown>,
): PatchDifference[] | undefined {
  const after = patched(before, patch);
  if (after === undefined) return undefined;
  const differences: PatchDifference[] = [];
  for (const member of touched(before, patch)) {
    // A patch may name a server-set member only with the value it has (C46), which the server
    // then sets as it always does (a save moves Updated): the answer's value is the server's.
    if (SERVER_SET.has(member.toLowerCase())) continue;
    const expected = after[member];
    // A number for an enum binds to a name the proxy does not map; the schema check has it.
    if (typeof expected === 'number' && NAMES.has(member.toLowerCase())) continue;
    const answered = answer[keyOf(answer, member)];
    if (!isDeepStrictEqual(normal(expected, member), normal(answered, member))) {
      differences.push({ member, expected, answered });
    }
  }
  return differences;
}
