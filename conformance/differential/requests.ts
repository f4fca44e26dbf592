// Each step of a sequence as the request one side gets: the same operation, representation and
// headers on both, with that side's own ids, receiver URL and event names filled in.
import type { RequestOptions } from '../types.js';
import type { SideState } from './normalize.js';
import type { Accept, PatchOp, Representation, Since, Step } from './steps.js';

export interface SideRequest {
  method: string;
  path: string;
  options: RequestOptions;
}

export interface Naming {
  /** Name prefix of this sequence's webhooks (also the list filters' name filter). */
  prefix: string;
  event(index: number): string;
}

const REST = '/api/v1/Webhook';
const AGENT = '/api/v1/Agents/Webhook';

const ACCEPT: Record<Accept, string> = {
  json: 'application/json',
  'json-params': 'application/json; charset=utf-8; q=0.9, application/xml; q=0.1',
  'text-json': 'text/json',
  xml: 'application/xml',
};

const SINCE: Record<Since, string | undefined> = {
  none: undefined,
  stale: 'Sat, 01 Jan 2000 00:00:00 GMT',
  unparseable: 'not a date',
  future: 'Fri, 01 Jan 2100 00:00:00 GMT',
};

/** The live handles; a step's `h` picks one of them (none: the step is skipped). */
export function pick(side: SideState, h: number): { index: number; id: number } | undefined {
  const live = side.ids.flatMap((id, index) => (id === undefined ? [] : [{ index, id }]));
  return live.length === 0 ? undefined : live[h % live.length];
}

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function definitionBody(definition: Record<string, unknown>, repr: Representation): RequestOptions {
  if (repr === 'json') return { body: definition };
  if (repr === 'text-json') {
    return { rawBody: JSON.stringify(definition), headers: { 'content-type': 'text/json' } };
  }
  if (repr === 'form') {
    const pairs: [string, string][] = [];
    for (const [key, value] of Object.entries(definition)) {
      if (Array.isArray(value)) for (const item of value) pairs.push([key, String(item)]);
      else if (typeof value === 'string') pairs.push([key, value]);
    }
    const rawBody = new URLSearchParams(pairs).toString();
    return { rawBody, headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  }
  const members = Object.entries(definition).map(([key, value]) => {
    if (Array.isArray(value)) {
      return `<${key}>${value.map((v) => `<string>${escapeXml(String(v))}</string>`).join('')}</${key}>`;
    }
    return typeof value === 'string' ? `<${key}>${escapeXml(value)}</${key}>` : '';
  });
  return {
    rawBody: `<Webhook>${members.join('')}</Webhook>`,
    headers: { 'content-type': 'application/xml' },
  };
}

function definition(
  side: SideState,
  naming: Naming,
  index: number,
  step: Extract<Step, { kind: 'create' }>,
) {
  return {
    Name: `${naming.prefix} w${index}`,
    Events: step.events.map((e) => naming.event(e)),
    TargetUrl: `${side.receiverBase}/w${index}/`,
    Type: 'webhook',
    State: step.state,
    ...(step.secret === '' ? {} : { Secret: step.secret }),
    ...(step.headers && step.repr === 'json' ? { Headers: { 'X-Seq': 'one' } } : {}),
  };
}

function withEvents(ops: PatchOp[], naming: Naming): PatchOp[] {
  return ops.map((op) =>
    'value' in op && typeof op.value === 'string' && op.value.startsWith('@event')
      ? { ...op, value: naming.event(Number(op.value.slice(6))) }
      : op,
  );
}

const sinceHeader = (since: Since): Record<string, string> => {
  const value = SINCE[since];
  return value === undefined ? {} : { 'if-unmodified-since': value };
};

/**
 * The request for `step` on `side`; undefined when the step names a webhook and none is live.
 * `current` is the side's entity of the picked webhook, for a rename that PUTs it whole.
 */
export function requestFor(
  side: SideState,
  naming: Naming,
  step: Step,
  current?: Record<string, unknown>,
): SideRequest | undefined {
  if (step.kind === 'create') {
    const body = definitionBody(definition(side, naming, side.ids.length, step), step.repr);
    return step.surface === 'rest'
      ? { method: 'POST', path: REST, options: body }
      : { method: 'POST', path: `${AGENT}/SaveWebhook`, options: body };
  }
  if (step.kind === 'list') {
    const event = step.event === null ? '' : naming.event(step.event);
    const status = step.status ?? 'Unknown';
    return step.surface === 'rest'
      ? {
          method: 'GET',
          path: REST,
          options: {
            query: {
              nameFilter: naming.prefix,
              ...(event && { eventFilter: event }),
              ...(step.status && { statusFilter: status }),
            },
          },
        }
      : {
          method: 'POST',
          path: `${AGENT}/GetAllWebhooks`,
          options: {
            body: { NameFilter: naming.prefix, EventFilter: event, StatusFilter: status },
          },
        };
  }
  if (step.kind === 'signal') {
    const name = naming.event(step.event);
    return step.surface === 'rest'
      ? {
          method: 'POST',
          path: `${REST}/${encodeURIComponent(name)}/${step.pk}`,
          options: { body: { step: 'signal' } },
        }
      : {
          method: 'POST',
          path: `${AGENT}/SignalEvent`,
          options: { body: { EventName: name, PrimaryKey: step.pk, Data: { step: 'signal' } } },
        };
  }
  if (step.kind === 'receiver') return undefined;
  const target = pick(side, step.h);
  if (!target) return undefined;
  const { id, index } = target;
  switch (step.kind) {
    case 'get':
      return step.surface === 'rest'
        ? {
            method: 'GET',
            path: `${REST}/${id}`,
            options: { headers: { accept: ACCEPT[step.accept] } },
          }
        : {
            method: 'POST',
            path: `${AGENT}/GetWebhook`,
            options: { query: { webhookId: id }, headers: { accept: ACCEPT[step.accept] } },
          };
    case 'rename': {
      const entity: Record<string, unknown> = {
        ...(current ?? {}),
        Name: `${naming.prefix} w${index} ${step.name}`,
      };
      delete entity._Links;
      return step.surface === 'rest'
        ? { method: 'PUT', path: `${REST}/${id}`, options: { body: entity } }
        : { method: 'POST', path: `${AGENT}/SaveWebhook`, options: { body: entity } };
    }
    case 'patch':
      return {
        method: 'PATCH',
        path: `${REST}/${id}`,
        options: {
          rawBody: JSON.stringify(withEvents(step.ops, naming)),
          headers: { 'content-type': 'application/json-patch+json', ...sinceHeader(step.since) },
        },
      };
    case 'merge':
      return {
        method: 'PATCH',
        path: `${REST}/${id}`,
        options: {
          rawBody: JSON.stringify(step.doc),
          headers: { 'content-type': 'application/merge-patch+json', ...sinceHeader(step.since) },
        },
      };
    case 'secret':
      return {
        method: 'PATCH',
        path: `${REST}/${id}`,
        options: { body: [{ op: 'replace', path: '/Secret', value: step.secret }] },
      };
    case 'test': {
      const hook = {
        Name: `${naming.prefix} w${index} test`,
        Events: [naming.event(0)],
        TargetUrl: `${side.receiverBase}/w${index}/`,
        Type: 'webhook',
        Secret: side.secrets[index] ?? '',
      };
      return step.surface === 'rest'
        ? { method: 'POST', path: `${REST}/Test`, options: { body: hook } }
        : { method: 'POST', path: `${AGENT}/TestWebhook`, options: { body: { Webhook: hook } } };
    }
    case 'lastError':
      return step.surface === 'rest'
        ? { method: 'GET', path: `${REST}/${id}/LastError`, options: {} }
        : { method: 'POST', path: `${AGENT}/GetLastError`, options: { body: { WebhookId: id } } };
    case 'delete':
      return step.surface === 'rest'
        ? { method: 'DELETE', path: `${REST}/${id}`, options: {} }
        : { method: 'POST', path: `${AGENT}/DeleteWebhook`, options: { query: { webhookId: id } } };
  }
}

/** Steps whose expected answer is a choice of the contract: a difference there is advisory. */
export function choiceOf(step: Step): string | undefined {
  if (step.kind === 'create' && step.repr === 'xml') return 'spec C23 (XML request bodies)';
  if (step.kind === 'create' && step.repr === 'form') return 'spec C24 (form bodies)';
  if (step.kind === 'get' && step.accept === 'xml') return 'spec C23 (the XML form)';
  return undefined;
}
