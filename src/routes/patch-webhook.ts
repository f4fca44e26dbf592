// PATCH /api/v1/Webhook/{id} (seeds/004): RFC 6902 add/replace/remove/test or an RFC 7396
// merge patch, paths case-insensitive with an optional leading slash; 409 on a failed test.
import { applyJsonPatch, type JsonPatchOperation } from '../domain/json-patch.js';
import { jsonEqual, parsePointer, type JsonValue } from '../domain/json-pointer.js';
import { mergePatchToOperations } from '../domain/merge-patch.js';
import { READ_ONLY_FIELDS, WEBHOOK_FIELDS, type WebhookRecord } from '../domain/webhook.js';
import { ApiError } from '../http/api-error.js';
import { bindToSchema } from '../http/binding.js';
import type { BoundRequest } from '../http/operation.js';
import type { RouteDeps } from './deps.js';
import {
  checkUnmodifiedSince,
  replaceLocked,
  requireWebhook,
  withWebhookLock,
} from './webhook-actions.js';

const asJson = (record: WebhookRecord): JsonValue => record as unknown as JsonValue;

const FIELD_BY_LOWER = new Map(WEBHOOK_FIELDS.map((f) => [f.toLowerCase(), f]));

function operationsOf(request: BoundRequest, existing: WebhookRecord): JsonPatchOperation[] {
  const { body, mediaType } = request;
  if (body === undefined) {
    throw new ApiError(
      'BAD_REQUEST',
      'Bad request. The patch document is not in the request body.',
    );
  }
  const isMerge = mediaType === 'application/merge-patch+json' || !Array.isArray(body);
  if (!isMerge) return body as JsonPatchOperation[];
  // A REST entity sent back as a merge patch carries its `_Links`; they describe, not change.
  const patch = Object.fromEntries(
    Object.entries(body as Record<string, JsonValue>).filter(([k]) => k.toLowerCase() !== '_links'),
  );
  const converted = mergePatchToOperations(asJson(existing), patch, {
    caseInsensitive: true,
  });
  if (!converted.ok) throw new ApiError('BAD_REQUEST', converted.message);
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

function withoutNoOps(
  existing: WebhookRecord,
  operations: JsonPatchOperation[],
): JsonPatchOperation[] {
  return operations.filter((operation) => !isNoOp(existing, operation));
}

/** Refuses what no patch may touch: read-only fields (C16) and fields a Webhook lacks. */
function checkPaths(operations: readonly JsonPatchOperation[]): void {
  for (const operation of operations) {
    if (operation.op === 'move' || operation.op === 'copy') {
      throw new ApiError('BAD_REQUEST', `JSON Patch operation '${operation.op}' is not supported.`);
    }
    const pointer = parsePointer(operation.path);
    if (!pointer.ok) throw new ApiError('BAD_REQUEST', pointer.message);
    const first = pointer.segments[0];
    if (first === undefined) {
      throw new ApiError(
        'BAD_REQUEST',
        `JSON Patch path '${operation.path}' does not name a field.`,
      );
    }
    const field = FIELD_BY_LOWER.get(first.toLowerCase());
    if (!field) throw new ApiError('BAD_REQUEST', `Webhook has no field '${first}'.`);
    if (READ_ONLY_FIELDS.has(field) && operation.op !== 'test') {
      throw new ApiError('BAD_REQUEST', `Webhook.${field} is read-only.`);
    }
  }
}

function applyOrThrow(existing: WebhookRecord, operations: JsonPatchOperation[]): unknown {
  const outcome = applyJsonPatch(asJson(existing), operations, { caseInsensitive: true });
  if (outcome.ok) return outcome.doc;
  if (outcome.reason === 'test-failed') throw new ApiError('CONFLICT', outcome.message);
  throw new ApiError('BAD_REQUEST', outcome.message);
}

/** The patched entity must still be a valid Webhook, checked like a SaveWebhook body. */
function checkPatched(deps: RouteDeps, patched: unknown): WebhookRecord {
  const schema = deps.contract.requestSchema('saveWebhook', 'application/json');
  const bound = bindToSchema(patched, schema);
  const problems = deps.contract.validateRequest('saveWebhook', {
    method: 'POST',
    path: '/api/v1/Agents/Webhook/SaveWebhook',
    headers: { 'content-type': 'application/json' },
    body: bound,
  });
  if (problems.length > 0) {
    throw new ApiError('BAD_REQUEST', problems.map((p) => p.message).join('; '));
  }
  return bound as WebhookRecord;
}

export function patchWebhook(deps: RouteDeps, request: BoundRequest, id: number) {
  return withWebhookLock(deps, id, async () => {
    const existing = requireWebhook(deps, id);
    checkUnmodifiedSince(deps, request, id);
    const operations = withoutNoOps(existing, operationsOf(request, existing));
    checkPaths(operations);
    const patched = checkPatched(deps, applyOrThrow(existing, operations));
    return replaceLocked(deps, existing, patched, request.user);
  });
}
