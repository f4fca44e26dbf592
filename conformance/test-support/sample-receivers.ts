// Webhook receivers as people write them, one right and six with one well-known mistake each,
// on node:http at 127.0.0.1. They verify with node:crypto themselves rather than with the
// mock's signer, so the checker is proven against receivers that share none of its code.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenLocal, type LocalListener } from '../../src/platform/local-listener.js';

export const SAMPLE_KINDS = [
  'correct',
  're-serialises',
  'rejects-test-event',
  'ignores-signatures',
  'answers-204',
  'slow',
  'header-casing',
] as const;
/** Mistakes the checker was not written around, to show its cases catch them by what they are. */
export const UNLISTED_KINDS = ['dedupes-event-id', 'strict-schema', 'requires-entity'] as const;
export type SampleKind = (typeof SAMPLE_KINDS)[number] | (typeof UNLISTED_KINDS)[number];

const DOCUMENTED_KEYS = new Set([
  'EventId',
  'Timestamp',
  'Changes',
  'Values',
  'Event',
  'PrimaryKey',
  'Entity',
  'ContextIdentifier',
  'ChangedByAssociateId',
  'WebhookName',
  'FieldValues',
]);

export interface SampleOptions {
  secret: string | undefined;
  /** How long `slow` waits before answering. */
  delayMs?: number;
}

const hmac = (secret: string, bytes: Buffer | string): Buffer =>
  createHmac('sha256', secret).update(bytes).digest();

function sameSignature(secret: string, bytes: Buffer | string, given: string | undefined): boolean {
  const expected = hmac(secret, bytes);
  const actual = Buffer.from(given ?? '', 'base64');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** What a receiver reads the signature with: Node's lower-cased header, or a raw exact name. */
function signatureHeader(request: IncomingMessage, exactCase: boolean): string | undefined {
  if (!exactCase) {
    const value = request.headers['x-superoffice-signature'];
    return Array.isArray(value) ? value[0] : value;
  }
  const raw = request.rawHeaders;
  const at = raw.indexOf('X-SuperOffice-Signature');
  return at >= 0 ? raw[at + 1] : undefined;
}

function verified(
  kind: SampleKind,
  secret: string | undefined,
  request: IncomingMessage,
  raw: Buffer,
): boolean {
  if (kind === 'ignores-signatures' || !secret) return true;
  const given = signatureHeader(request, kind === 'header-casing');
  if (kind !== 're-serialises') return sameSignature(secret, raw, given);
  // The mistake: hashing the object parsed and serialised again instead of the bytes received.
  try {
    return sameSignature(secret, JSON.stringify(JSON.parse(raw.toString('utf8'))), given);
  } catch {
    return false;
  }
}

/** The unlisted mistakes: a status to refuse the delivery with, or undefined to accept it. */
function refusal(kind: SampleKind, raw: Buffer, seen: Set<string>): number | undefined {
  if (!(UNLISTED_KINDS as readonly string[]).includes(kind)) return undefined;
  const body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
  if (kind === 'dedupes-event-id') {
    const id = String(body.EventId);
    if (seen.has(id)) return 409;
    seen.add(id);
  }
  if (kind === 'strict-schema' && Object.keys(body).some((k) => !DOCUMENTED_KEYS.has(k))) {
    return 400;
  }
  if (kind === 'requires-entity' && typeof body.Entity !== 'string') return 400;
  return undefined;
}

function answer(
  kind: SampleKind,
  options: SampleOptions,
  request: IncomingMessage,
  response: ServerResponse,
  raw: Buffer,
  seen: Set<string>,
): void {
  if (!verified(kind, options.secret, request, raw)) {
    response.writeHead(401).end('bad signature');
    return;
  }
  const refused = refusal(kind, raw, seen);
  if (refused !== undefined) {
    response.writeHead(refused).end();
    return;
  }
  if (kind === 'rejects-test-event' && request.headers['x-hook-test'] === 'true') {
    response.writeHead(400).end('unknown event test');
    return;
  }
  if (kind === 'answers-204') {
    response.writeHead(204).end();
    return;
  }
  if (kind === 'slow') {
    setTimeout(() => response.writeHead(200).end('ok'), options.delayMs ?? 0);
    return;
  }
  response.writeHead(200).end('ok');
}

export function startSampleReceiver(
  kind: SampleKind,
  options: SampleOptions,
): Promise<LocalListener> {
  const seen = new Set<string>();
  return listenLocal((request, response, raw) =>
    answer(kind, options, request, response, raw, seen),
  );
}
