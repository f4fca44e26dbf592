// The verdict on one delivery the upstream sent to the proxy's receiver, against the delivery
// contract of the spec (`webhooks: webhookEvent`): its header parameters, the WebhookPayload
// schema, the signature under the Secret seen when the webhook was saved, the webhook's custom
// Headers, and the retry header across attempts of one event. The spec is read here directly:
// the contract facade covers the API operations, not the delivery.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { verifySignature } from '../delivery/signature.js';
import { isRecord } from '../domain/is-record.js';
import { createAjv } from '../platform/ajv.js';
import { SPEC_PATH } from '../paths.js';
import type { Finding } from './exchange-check.js';
import { RULES, type RuleId } from './rule-sources.js';
import type { Signer, WebhooksSeen } from './webhooks-seen.js';

export interface DeliveryVerdict {
  event: string | undefined;
  /** The payload's PrimaryKey, which ties the delivery to a signal. */
  primaryKey: number | undefined;
  webhookId: number | undefined;
  signature: 'verified' | 'broken' | 'missing' | 'unsigned' | 'unknown-webhook';
  violations: Finding[];
  unchecked: string[];
}

interface Spec {
  webhooks: {
    webhookEvent: {
      post: {
        parameters: Array<{ name: string; in: string; required?: boolean; schema: unknown }>;
      };
    };
  };
  components: { schemas: { WebhookPayload: unknown } };
}

interface Compiled {
  headers: ValidateFunction;
  payload: ValidateFunction;
}

let compiled: Compiled | undefined;

function compile(): Compiled {
  if (compiled) return compiled;
  const spec = parse(readFileSync(SPEC_PATH, 'utf8')) as Spec;
  const params = spec.webhooks.webhookEvent.post.parameters.filter((p) => p.in === 'header');
  const ajv = createAjv({
    allErrors: true,
    strict: false,
    allowUnionTypes: true,
    coerceTypes: true,
  });
  compiled = {
    headers: ajv.compile({
      type: 'object',
      properties: Object.fromEntries(params.map((p) => [p.name.toLowerCase(), p.schema])),
      required: params.filter((p) => p.required).map((p) => p.name.toLowerCase()),
    }),
    payload: createAjv({ allErrors: true, strict: false, allowUnionTypes: true }).compile(
      spec.components.schemas.WebhookPayload as object,
    ),
  };
  return compiled;
}

/** The custom headers of `signer` a delivery lacks or carries with another value. */
const missingHeaders = (signer: Signer, headers: Record<string, string>): string[] =>
  Object.entries(signer.headers)
    .filter(([name, value]) => headers[name.toLowerCase()] !== value)
    .map(([name]) => name);

const describe = (validate: ValidateFunction, what: string): string[] =>
  (validate.errors ?? []).map((e) =>
    `${what}${e.instancePath.replaceAll('/', '.')} ${e.message ?? ''}`.trim(),
  );

/** Attempts remembered per EventId, to judge X-SuperOffice-Retry on the next one. */
const MAX_EVENTS = 5_000;

export class DeliveryChecker {
  readonly #seen: WebhooksSeen;
  readonly #attempts = new Map<string, number>();

  constructor(seen: WebhooksSeen) {
    this.#seen = seen;
  }

  check(path: string, headers: Record<string, string>, raw: Buffer): DeliveryVerdict {
    const { headers: headerCheck, payload: payloadCheck } = compile();
    const violations: Finding[] = [];
    const push = (rule: RuleId, message: string) =>
      violations.push({ rule, message, ...RULES[rule] });
    if (!headerCheck({ ...headers })) {
      for (const problem of describe(headerCheck, 'header')) push('delivery.headers', problem);
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
      if (!payloadCheck(body))
        for (const p of describe(payloadCheck, 'body')) push('delivery.payload', p);
    } catch {
      push('delivery.payload', 'the body is not JSON');
    }
    const payload = isRecord(body) ? body : {};
    const eventId = headers['x-superoffice-eventid'];
    if (eventId !== undefined && payload.EventId !== undefined && payload.EventId !== eventId) {
      push('delivery.headers', `X-SuperOffice-EventId ${eventId} differs from the body's EventId`);
    }
    const signers = this.#seen.signersFor(path);
    const named = signers.filter((s) => s.name === payload.WebhookName);
    const candidates = named.length > 0 ? named : signers;
    // Of several webhooks at one path (a save in flight, a PUT that changed the headers), the
    // ones whose custom headers the delivery carries; the headers are wrong only if none does.
    const carrying = candidates.filter((s) => missingHeaders(s, headers).length === 0);
    const { signature, signer } = this.#signature(
      carrying.length > 0 ? carrying : candidates,
      headers,
      raw,
    );
    if (signature === 'broken')
      push(
        'delivery.signature',
        'the signature does not match the Secret seen when the webhook was saved',
      );
    if (signature === 'missing')
      push('delivery.signature', 'no X-SuperOffice-Signature although the webhook has a Secret');
    for (const name of signer ? missingHeaders(signer, headers) : []) {
      push(
        'delivery.custom-headers',
        `the webhook's header ${name} is ${JSON.stringify(headers[name.toLowerCase()]) ?? 'absent'}`,
      );
    }
    // One event goes to every webhook subscribed to it under one EventId: attempts are
    // counted per receiver path.
    const retry = this.#retry(path, eventId, headers['x-superoffice-retry']);
    if (retry) push('delivery.retry', retry);
    return {
      event: headers['x-superoffice-event'],
      primaryKey: Number.isInteger(payload.PrimaryKey) ? (payload.PrimaryKey as number) : undefined,
      webhookId: signer?.webhookId,
      signature,
      violations,
      unchecked:
        signers.length === 0 ? ['no webhook seen through the proxy targets this path'] : [],
    };
  }

  #signature(candidates: Signer[], headers: Record<string, string>, raw: Buffer) {
    const sent = headers['x-superoffice-signature'];
    if (candidates.length === 0)
      return { signature: 'unknown-webhook' as const, signer: undefined };
    const secretless = candidates.find((s) => s.secret === undefined);
    if (sent === undefined || sent === '') {
      return secretless
        ? { signature: 'unsigned' as const, signer: secretless }
        : { signature: 'missing' as const, signer: candidates[0] };
    }
    const signer = candidates.find(
      (s) => s.secret !== undefined && verifySignature(s.secret, raw, sent),
    );
    return signer
      ? { signature: 'verified' as const, signer }
      : { signature: 'broken' as const, signer: candidates[0] };
  }

  /** What is wrong with X-SuperOffice-Retry given the attempts of the event seen before. */
  #retry(path: string, eventId: string | undefined, header: string | undefined) {
    if (eventId === undefined || header === undefined || !/^\d+$/.test(header)) return undefined;
    const retry = Number(header);
    const key = `${path.toLowerCase()} ${eventId}`;
    const before = this.#attempts.get(key);
    this.#attempts.delete(key);
    this.#attempts.set(key, retry);
    if (this.#attempts.size > MAX_EVENTS) {
      const oldest = this.#attempts.keys().next().value;
      if (oldest !== undefined) this.#attempts.delete(oldest);
    }
    if (before === undefined) {
      return retry > 0
        ? `X-SuperOffice-Retry ${retry} on the first attempt seen of event ${eventId}`
        : undefined;
    }
    return retry === before + 1
      ? undefined
      : `X-SuperOffice-Retry ${retry} after an attempt with ${before} for the same EventId`;
  }
}
