// PATCH /api/v1/Webhook/{id} (docs/sources.md seed 004): RFC 6902 add/replace/remove/test or an RFC 7396
// merge patch, paths case-insensitive with an optional leading slash; a failed test is a
// conflict. The patched entity must still be a Webhook by the spec's schema.
import { DomainError } from '../domain/errors.js';
import { applyJsonPatch, type JsonPatchOperation } from '../domain/json-patch.js';
import { jsonEqual, parsePointer, type JsonValue } from '../domain/json-pointer.js';
import { mergePatchToOperations } from '../domain/merge-patch.js';
import type { UserRecord } from '../domain/user.js';
import { READ_ONLY_FIELDS, WEBHOOK_FIELDS, type WebhookRecord } from '../domain/webhook.js';
import type { ServiceDeps } from './deps.js';
import { getWebhook } from './read-webhooks.js';
import { withWebhookLock } from './webhook-lock.js';
import { checkUnmodifiedSince, replaceLocked } from './write-webhooks.js';

export interface PatchInput {
  id: number;
  /** A JSON Patch array or a merge patch object; undefined when the request had none. */
  document: unknown;
  /** The client declared `application/merge-patch+json`. */
  declaredMerge: boolean;
  ifUnmodifiedSince: string | undefined;
  user: UserRecord | undefined;
}

const invalid = (message: string) => new DomainError('invalid', message);
const asJson = (record: WebhookRecord): JsonValue => record as unknown as JsonValue;

const FIELD_BY_LOWER = new Map(WEBHOOK_FIELDS.map((f) => [f.toLowerCase(), f]));

function operationsOf(patch: PatchInput, existing: WebhookRecord): JsonPatchOperation[] {
  const { document } = patch;
  if (document === undefined) {
    throw invalid('Bad request. The patch document is not in the request body.');
  }
  const isMerge = patch.declaredMerge || !Array.isArray(document);
  if (!isMerge) return document as JsonPatchOperation[];
  // A REST entity sent back as a merge patch carries its `_Links`; they describe, not change.
  const merge = Object.fromEntries(
    Object.entries(document as Record<string, JsonValue>).filter(
      ([k]) => k.toLowerCase() !== '_links',
    ),
  );
  const converted = mergePatchToOperations(asJson(existing), merge, { caseInsensitive: true });
  if (!converted.ok) throw invalid(converted.message);
  return converted.ops;
}

/**
 * A client that round-trips the whole entity as a merge patch sends read-only fields with
 * their current values; those change nothing and are dropped rather than refused. A read-only
 * field that is null comes back as `null`, which a merge patch reads as `remove` (RFC 7396 §2):
 * removing a null changes nothing either.
 */
function isNoOp(existing: WebhookRecord, operation: JsonPatchOperation): boolean {
  if (operation.op !== 'replace' && operation.op !== 'remove') return false;
  const pointer = parsePointer(operation.path);
  const field =
    pointer.ok && pointer.segments.length === 1
      ? FIELD_BY_LOWER.get(pointer.segments[0]!.toLowerCase())
      : undefined;
  if (!field || !READ_ONLY_FIELDS.has(field)) return false;
  if (operation.op === 'remove') return existing[field] === null;
  return jsonEqual(existing[field] as JsonValue, operation.value);
}

/** Refuses what no patch may touch: read-only fields (C16) and fields a Webhook lacks. */
function checkPaths(operations: readonly JsonPatchOperation[]): void {
  for (const operation of operations) {
    if (operation.op === 'move' || operation.op === 'copy') {
      throw invalid(`JSON Patch operation '${operation.op}' is not supported.`);
    }
    const pointer = parsePointer(operation.path);
    if (!pointer.ok) throw invalid(pointer.message);
    const first = pointer.segments[0];
    if (first === undefined) {
      throw invalid(`JSON Patch path '${operation.path}' does not name a field.`);
    }
    const field = FIELD_BY_LOWER.get(first.toLowerCase());
    if (!field) throw invalid(`Webhook has no field '${first}'.`);
    if (READ_ONLY_FIELDS.has(field) && operation.op !== 'test') {
      throw invalid(`Webhook.${field} is read-only.`);
    }
  }
}

function applyOrThrow(existing: WebhookRecord, operations: JsonPatchOperation[]): unknown {
  const outcome = applyJsonPatch(asJson(existing), operations, { caseInsensitive: true });
  if (outcome.ok) return outcome.doc;
  if (outcome.reason === 'test-failed') throw new DomainError('conflict', outcome.message);
  throw invalid(outcome.message);
}

export function patchWebhook(deps: ServiceDeps, patch: PatchInput): Promise<WebhookRecord> {
  return withWebhookLock(deps, patch.id, async () => {
    const existing = getWebhook(deps, patch.id);
    checkUnmodifiedSince(existing, patch.ifUnmodifiedSince);
    const operations = operationsOf(patch, existing).filter((op) => !isNoOp(existing, op));
    checkPaths(operations);
    const checked = deps.webhookSchema.check(applyOrThrow(existing, operations));
    if (!checked.ok) throw invalid(checked.message);
    return replaceLocked(deps, existing, checked.webhook, patch.user);
  });
}
