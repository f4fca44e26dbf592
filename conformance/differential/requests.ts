// Each step of a sequence as the request one side gets: the same operation, representation and
// headers on both, with that side's own ids, receiver URL and event names filled in.
import {
  AGENT,
  hookEvent,
  listRequest,
  pick,
  REST,
  signalRequest,
  type Naming,
  type SideRequest,
} from './lists-and-signals.js';
import type { SideState } from './normalize.js';
import { ACCEPT, definitionBody, sinceHeader, withScheme } from './representations.js';
import type { PatchOp, Step } from './steps.js';

export { pick, type Naming, type SideRequest } from './lists-and-signals.js';

/** Keys a JSON Pointer must escape (`/` as `~1`, `~` as `~0`), with objects to patch below. */
const PROPERTIES = { plain: { x: 1 }, 'a/b': 'v', 'c~d': { y: 'w' }, '~1x': { x: true } };

function definition(
  side: SideState,
  naming: Naming,
  index: number,
  step: Extract<Step, { kind: 'create' }>,
) {
  // Dictionaries have no form or XML spelling that is not a choice of ours (C23, C24).
  const json = step.repr === 'json' || step.repr === 'text-json';
  return {
    Name: `${naming.prefix} w${index}`,
    Events: step.events.map((e) => naming.event(e)),
    TargetUrl: `${side.receiverBase}/w${index}/`,
    Type: 'webhook',
    State: step.state,
    ...(step.secret === '' ? {} : { Secret: step.secret }),
    ...(step.headers && json ? { Headers: { 'X-Seq': 'one' } } : {}),
    ...(step.properties && json ? { Properties: PROPERTIES } : {}),
  };
}

/** A name the sequence sets: under its prefix, so lists can tell its webhooks from others. */
const nameOf = (naming: Naming, index: number, word: string): string =>
  `${naming.prefix} w${index} ${word}`;

function withEvents(ops: PatchOp[], naming: Naming, index: number): PatchOp[] {
  return ops.map((op) => {
    if (!('value' in op) || typeof op.value !== 'string') return op;
    if (op.value.startsWith('@event'))
      return { ...op, value: naming.event(Number(op.value.slice(6))) };
    return op.path === '/Name' && op.op !== 'test'
      ? { ...op, value: nameOf(naming, index, op.value) }
      : op;
  });
}

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
  const req = requestOf(side, naming, step, current);
  return req && withScheme(side, req, step);
}

function requestOf(
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
  if (step.kind === 'list') return listRequest(side, naming, step);
  if (step.kind === 'signal') return signalRequest(step.surface, naming.event(step.event), step.pk);
  if (step.kind === 'signalHook') {
    const event = hookEvent(side, step.h, step.nth);
    return event === undefined ? undefined : signalRequest(step.surface, event, step.pk);
  }
  if (step.kind === 'receiver' || step.kind === 'tenant') return undefined;
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
        Name: nameOf(naming, index, step.name),
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
          rawBody: JSON.stringify(withEvents(step.ops, naming, index)),
          headers: { 'content-type': 'application/json-patch+json', ...sinceHeader(step.since) },
        },
      };
    case 'merge':
      return {
        method: 'PATCH',
        path: `${REST}/${id}`,
        options: {
          rawBody: JSON.stringify(
            typeof step.doc.Name === 'string'
              ? { ...step.doc, Name: nameOf(naming, index, step.doc.Name) }
              : step.doc,
          ),
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

/** What of an answer is compared: a step may be a choice of the contract for one only. */
export type Aspect = 'status' | 'answer' | 'media type' | 'after';

/**
 * The choice of the contract a difference on `aspect` of `step` rests on, if any: then it is
 * advisory. XML and form request bodies are accepted by the vendor's Swagger (`consumes`), but
 * how they bind is ours (C23, C24); an XML answer is documented (`produces`), its form is C23.
 */
export function choiceOf(step: Step, aspect: Aspect): string | undefined {
  if (step.kind === 'create' && step.repr === 'xml') return 'spec C23 (XML request bodies)';
  if (step.kind === 'create' && step.repr === 'form') return 'spec C24 (form bodies)';
  if (step.kind === 'get' && step.accept === 'xml' && aspect === 'answer')
    return 'spec C23 (the XML form)';
  return undefined;
}
