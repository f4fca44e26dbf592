// Every operation of spec/webhook.openapi.yaml (18) and the admin routes, each as a generator
// of hostile requests: odd path segments, query strings, headers and bodies.
import fc from 'fast-check';
import { headers } from './fuzz-headers.js';
import { bodyBytes, tree, webhookTree, type Tree } from './fuzz-json.js';
import { patchTree, queryString, rarely, segment } from './fuzz-request-parts.js';

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
}

type BodyShape = 'none' | 'webhook' | 'patch' | 'any' | 'wrapped';

export interface Family {
  name: string;
  method: string;
  /** The path with `{}` where a fuzzed segment goes. */
  template: string;
  query: readonly string[];
  body: BodyShape;
}

const R = '/api/v1/Webhook';
const A = '/api/v1/Agents/Webhook';
const SELECT = ['$select'];

export const FAMILIES: readonly Family[] = [
  { name: 'getDefaultWebhook', method: 'GET', template: `${R}/default`, query: [], body: 'none' },
  {
    name: 'getWebhookList',
    method: 'GET',
    template: R,
    query: ['nameFilter', 'eventFilter', 'statusFilter'],
    body: 'none',
  },
  { name: 'postWebhook', method: 'POST', template: R, query: SELECT, body: 'webhook' },
  { name: 'getWebhook', method: 'GET', template: `${R}/{}`, query: SELECT, body: 'none' },
  { name: 'putWebhook', method: 'PUT', template: `${R}/{}`, query: SELECT, body: 'webhook' },
  { name: 'patchWebhook', method: 'PATCH', template: `${R}/{}`, query: SELECT, body: 'patch' },
  { name: 'deleteWebhook', method: 'DELETE', template: `${R}/{}`, query: [], body: 'none' },
  { name: 'testWebhook', method: 'POST', template: `${R}/Test`, query: [], body: 'webhook' },
  { name: 'signalWebhookEvent', method: 'POST', template: `${R}/{}/{}`, query: [], body: 'any' },
  {
    name: 'getWebhookLastError',
    method: 'GET',
    template: `${R}/{}/LastError`,
    query: [],
    body: 'none',
  },
  {
    name: 'createDefaultWebhook',
    method: 'POST',
    template: `${A}/CreateDefaultWebhook`,
    query: [],
    body: 'none',
  },
  { name: 'saveWebhook', method: 'POST', template: `${A}/SaveWebhook`, query: [], body: 'webhook' },
  {
    name: 'deleteWebhookAgent',
    method: 'POST',
    template: `${A}/DeleteWebhook`,
    query: ['WebhookId'],
    body: 'none',
  },
  {
    name: 'getWebhookAgent',
    method: 'POST',
    template: `${A}/GetWebhook`,
    query: ['webhookId', '$select'],
    body: 'none',
  },
  {
    name: 'getAllWebhooks',
    method: 'POST',
    template: `${A}/GetAllWebhooks`,
    query: SELECT,
    body: 'any',
  },
  {
    name: 'testWebhookAgent',
    method: 'POST',
    template: `${A}/TestWebhook`,
    query: [],
    body: 'wrapped',
  },
  { name: 'signalEvent', method: 'POST', template: `${A}/SignalEvent`, query: [], body: 'any' },
  { name: 'getLastError', method: 'POST', template: `${A}/GetLastError`, query: [], body: 'any' },
  {
    name: 'admin deliveries',
    method: 'GET',
    template: '/__admin/deliveries',
    query: ['webhookId', 'limit', 'event', 'state'],
    body: 'none',
  },
  {
    name: 'admin delivery',
    method: 'GET',
    template: '/__admin/deliveries/{}',
    query: [],
    body: 'none',
  },
  {
    name: 'admin replay',
    method: 'POST',
    template: '/__admin/deliveries/{}/replay',
    query: [],
    body: 'any',
  },
  {
    name: 'admin outbox and signals',
    method: 'GET',
    template: '/__admin/{}',
    query: [],
    body: 'none',
  },
  {
    name: 'admin reset',
    method: 'POST',
    template: '/__admin/reset',
    query: ['fixture'],
    body: 'any',
  },
];

const wrapped: fc.Arbitrary<Tree> = fc
  .tuple(fc.constantFrom('Webhook', 'webhook', 'WEBHOOK', '__proto__', 'Hook'), webhookTree)
  .map(([name, inner]): Tree => ({ kind: 'obj', entries: [[name, inner]] }));

const SHAPES: Record<Exclude<BodyShape, 'none'>, fc.Arbitrary<Tree>> = {
  webhook: webhookTree,
  patch: patchTree,
  any: fc.oneof(webhookTree, tree),
  wrapped: fc.oneof({ weight: 3, arbitrary: wrapped }, { weight: 1, arbitrary: tree }),
};

/** `arb` nine times in ten, else undefined. */
const often = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: 9, arbitrary: arb });

const ADMIN_SEGMENTS = fc.constantFrom('outbox', 'signals', 'OUTBOX', 'nothing', '__proto__');
const RESET_FIXTURES = fc.constantFrom(
  'default',
  'nope',
  '../../package.json',
  '/etc/hostname',
  '/dev/null',
  '/tmp',
  '%00',
  'default.json',
);

function pathOf(family: Family) {
  const parts = family.template.split('{}');
  const seg = family.name === 'admin outbox and signals' ? ADMIN_SEGMENTS : segment;
  const query =
    family.name === 'admin reset'
      ? fc.option(
          RESET_FIXTURES.map((f) => `?fixture=${f}`),
          { nil: '' },
        )
      : queryString(family.query);
  return fc
    .tuple(fc.array(seg, { minLength: parts.length - 1, maxLength: parts.length - 1 }), query)
    .map(([segs, q]) => parts.map((p, i) => `${p}${segs[i] ?? ''}`).join('') + q);
}

/** Requests of one family; the default content type follows the body the operation takes. */
export function requests(family: Family): fc.Arbitrary<FuzzRequest> {
  const shape = family.body === 'none' ? fc.constant(tree) : fc.constant(SHAPES[family.body]);
  const body = shape.chain((s) =>
    family.body === 'none' ? rarely(bodyBytes(s), 10) : often(bodyBytes(s)),
  );
  // application/json takes both a JSON Patch array and a merge patch object (spec, PATCH).
  const natural = 'application/json';
  return fc.record({ path: pathOf(family), headers, body }).map(({ path, headers: h, body: b }) => {
    const out: Record<string, string> = { authorization: h.authorization };
    const type = h.contentType ?? (b ? natural : undefined);
    if (type !== undefined) out['content-type'] = type;
    if (h.accept !== undefined) out.accept = h.accept;
    if (h.prefer !== undefined) out.prefer = h.prefer;
    if (h.since !== undefined) out['if-unmodified-since'] = h.since;
    if (h.padding !== undefined) out['x-padding'] = h.padding;
    return { method: family.method, path, headers: out, body: b };
  });
}
