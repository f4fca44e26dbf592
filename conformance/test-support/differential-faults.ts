// Single-fault servers written AFTER the differential run, of the kinds no hand-written case
// was aimed at: a second or later item, a read after a change, freshness across events, patch
// depth and JSON Pointer escaping, precedence and edge values, representations, and the
// delivery state machine. Each is so-webhook-mock made wrong in one plausible way — by a proxy
// in front of its API or around the `deliver` it sends with — and differential.test.ts shows
// the differential case catches it. No case names these faults; the oracle is the reference.
import { signBody } from '../../src/delivery/signature.js';
import type { DeliveryRequest } from '../../src/delivery/deliver.js';
import type { Answer, Exchange, Mutation } from './mutating-proxy.js';
import type { DeliverFault } from './wrong-delivery.js';
import { editJson, editObject, isListGet, isSingleGet } from './wrong-target.js';

export interface DifferentialFault {
  kind:
    | 'second item'
    | 'after a change'
    | 'across events'
    | 'depth and escaping'
    | 'precedence and edge values'
    | 'representations'
    | 'delivery state machine';
  fault: string;
  /** Fresh per run: some faults remember what they saw. */
  proxy?: () => Mutation;
  deliver?: () => DeliverFault;
}

const headerOf = (h: Record<string, string>, name: string): string | undefined =>
  Object.entries(h).find(([k]) => k.toLowerCase() === name)?.[1];

const PATCH = /^\/api\/v1\/Webhook\/\d+(\?|$)/;
const isPatch = (req: Exchange) => req.method === 'PATCH' && PATCH.test(req.url);
const jsonPatch = (req: Exchange) =>
  isPatch(req) && (headerOf(req.headers, 'content-type') ?? '').includes('json-patch');

function editPatch(req: Exchange, edit: (ops: Record<string, unknown>[]) => unknown): Exchange {
  try {
    const ops = JSON.parse(req.body) as unknown;
    return Array.isArray(ops) ? { ...req, body: JSON.stringify(edit(ops)) } : req;
  } catch {
    return req;
  }
}

/** Re-signs a delivery whose body a fault changed, with the webhook's current secret. */
function rewriteBody(
  req: DeliveryRequest,
  secret: string | null | undefined,
  edit: (body: Record<string, unknown>) => void,
): DeliveryRequest {
  const body = JSON.parse(req.body) as Record<string, unknown>;
  edit(body);
  const text = JSON.stringify(body);
  const headers = { ...req.headers };
  for (const name of Object.keys(headers)) {
    if (name.toLowerCase() === 'x-superoffice-signature' && secret)
      headers[name] = signBody(secret, text);
    if (name.toLowerCase() === 'x-superoffice-eventid') headers[name] = String(body.EventId);
  }
  return { ...req, body: text, headers };
}

const isTest = (req: DeliveryRequest) => headerOf(req.headers, 'x-hook-test') !== undefined;

/** A deliver fault that remembers something per receiver URL and rewrites later bodies. */
function remembering(
  key: (body: Record<string, unknown>) => unknown,
  field: string,
): () => DeliverFault {
  return () => {
    const first = new Map<string, unknown>();
    return (req, send, store) => {
      if (isTest(req)) return send(req);
      const hook = store.list().find((w) => w.TargetUrl === req.url);
      const body = JSON.parse(req.body) as Record<string, unknown>;
      if (!first.has(req.url)) first.set(req.url, key(body));
      return send(rewriteBody(req, hook?.Secret, (b) => (b[field] = first.get(req.url))));
    };
  };
}

/** A tenant's site, `/Cust<n>` before `/api/`: the same server code answers every site. */
const SITE = /^\/cust\d+(?=\/api\/)/i;

/**
 * A proxy fault on every site: it reads requests by their path below the site, as the server's
 * own code would, so a fault is no less there on a tenant's site (docs/tenants.md).
 */
function onEverySite(make: () => Mutation): () => Mutation {
  return () => {
    const { request, response } = make();
    const below = (req: Exchange): Exchange => ({ ...req, url: req.url.replace(SITE, '') });
    return {
      ...(request && {
        request: (req: Exchange) => {
          const sent = request(below(req));
          return { ...sent, url: (SITE.exec(req.url)?.[0] ?? '') + sent.url };
        },
      }),
      ...(response && { response: (res: Answer, req: Exchange) => response(res, below(req)) }),
    };
  };
}

const FAULTS: DifferentialFault[] = [
  {
    kind: 'second item',
    fault: "matches eventFilter against a webhook's first event only",
    proxy: () => ({
      response: (res, req) => {
        const event = new URL(req.url, 'http://x').searchParams.get('eventFilter');
        if (!isListGet(req) || !event || res.status !== 200) return res;
        return editJson(res, (list) =>
          (list as { Events?: string[] }[]).filter((w) => w.Events?.[0] === event),
        );
      },
    }),
  },
  {
    kind: 'second item',
    fault: 'loses the last item of a list of two or more',
    proxy: () => ({
      response: (res, req) =>
        (isListGet(req) || req.url.startsWith('/api/v1/Agents/Webhook/GetAllWebhooks')) &&
        res.status === 200
          ? editJson(res, (list) =>
              Array.isArray(list) && list.length >= 2 ? list.slice(0, -1) : list,
            )
          : res,
    }),
  },
  {
    kind: 'depth and escaping',
    fault: 'appends on JSON Patch add at an array index',
    proxy: () => ({
      request: (req) =>
        jsonPatch(req)
          ? editPatch(req, (ops) =>
              ops.map((op) =>
                op.op === 'add' && /^\/Events\/\d+$/.test(String(op.path))
                  ? { ...op, path: '/Events/-' }
                  : op,
              ),
            )
          : req,
    }),
  },
  {
    kind: 'depth and escaping',
    fault: 'decodes ~0 before ~1 in JSON Pointer segments',
    proxy: () => ({
      request: (req) =>
        jsonPatch(req)
          ? editPatch(req, (ops) =>
              ops.map((op) => {
                const segments = String(op.path).split('/');
                const wrong = segments.map((s) => s.replace(/~0/g, '~').replace(/~1/g, '/'));
                const path = wrong.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1'));
                return { ...op, path: path.join('/') };
              }),
            )
          : req,
    }),
  },
  {
    kind: 'depth and escaping',
    fault: 'merges a merge patch only at the top level',
    proxy: () => ({
      request: (req) => {
        if (!isPatch(req) || !(headerOf(req.headers, 'content-type') ?? '').includes('merge')) {
          return req;
        }
        const doc = JSON.parse(req.body) as Record<string, unknown>;
        const ops = Object.entries(doc).map(([k, v]) => ({ op: 'add', path: `/${k}`, value: v }));
        const headers = { ...req.headers, 'content-type': 'application/json-patch+json' };
        return { ...req, headers, body: JSON.stringify(ops) };
      },
    }),
  },
  {
    kind: 'after a change',
    fault: 'answers a read with the name the webhook was created with',
    proxy: () => {
      const names = new Map<number, unknown>();
      return {
        response: (res, req) => {
          if (res.status !== 200) return res;
          if (req.method === 'POST' && req.url === '/api/v1/Webhook') {
            return editObject(res, (b) => void names.set(Number(b.WebhookId), b.Name));
          }
          if (!isSingleGet(req)) return res;
          return editObject(res, (b) => {
            if (names.has(Number(b.WebhookId))) b.Name = names.get(Number(b.WebhookId));
          });
        },
      };
    },
  },
  {
    kind: 'precedence and edge values',
    fault: 'ignores If-Unmodified-Since when the patch holds a test operation',
    proxy: () => ({
      request: (req) => {
        if (!isPatch(req) || !req.body.includes('"op":"test"')) return req;
        const headers = { ...req.headers };
        for (const k of Object.keys(headers)) {
          if (k.toLowerCase() === 'if-unmodified-since') delete headers[k];
        }
        return { ...req, headers };
      },
    }),
  },
  {
    kind: 'precedence and edge values',
    fault: 'answers 412 to an unparseable If-Unmodified-Since',
    proxy: () => ({
      response: (res, req) => {
        const since = headerOf(req.headers, 'if-unmodified-since');
        if (since === undefined || !Number.isNaN(Date.parse(since))) return res;
        const body = {
          Error: true,
          ErrorType: 'PreconditionFailed',
          Message: 'Precondition failed',
        };
        return {
          status: 412,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        };
      },
    }),
  },
  {
    kind: 'representations',
    fault: 'answers XML to an Accept that prefers JSON by its q parameters',
    proxy: () => ({
      request: (req) =>
        (headerOf(req.headers, 'accept') ?? '').includes('q=')
          ? { ...req, headers: { ...req.headers, accept: 'application/xml' } }
          : req,
    }),
  },
  {
    kind: 'representations',
    fault: 'refuses a text/json body with 415',
    proxy: () => ({
      response: (res, req) =>
        (headerOf(req.headers, 'content-type') ?? '').startsWith('text/json')
          ? {
              status: 415,
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({
                Error: true,
                ErrorType: 'UnsupportedMediaType',
                Message: 'no',
              }),
            }
          : res,
    }),
  },
  {
    kind: 'representations',
    fault: 'answers JSON on the Agent surface when XML is asked for',
    proxy: () => ({
      request: (req) =>
        req.url.startsWith('/api/v1/Agents/') &&
        headerOf(req.headers, 'accept') === 'application/xml'
          ? { ...req, headers: { ...req.headers, accept: 'application/json' } }
          : req,
    }),
  },
  {
    kind: 'after a change',
    fault: 'signs with the secret the webhook first had, after it changed',
    deliver: () => {
      const first = new Map<string, string | null | undefined>();
      return (req, send, store) => {
        const hook = store.list().find((w) => w.TargetUrl === req.url);
        // The key is kept from the webhook's first delivery as a stored webhook: a save's
        // ping comes before the webhook is stored, and signs with the secret being saved.
        if (!hook) return send(req);
        const secret = hook.Secret;
        if (!first.has(req.url)) first.set(req.url, secret);
        const old = first.get(req.url);
        if (!old || old === secret) return send(req);
        return send(rewriteBody(req, old, () => undefined));
      };
    },
  },
  {
    kind: 'after a change',
    fault: 'delivers the WebhookName the webhook first had, after a rename',
    deliver: remembering((b) => b.WebhookName, 'WebhookName'),
  },
  {
    kind: 'across events',
    fault: 'reuses the first EventId for every later event',
    deliver: remembering((b) => b.EventId, 'EventId'),
  },
  {
    kind: 'delivery state machine',
    fault: 'treats a 4xx answer as 410 Gone',
    deliver: () => async (req, send) => {
      const result = await send(req);
      return result.status !== undefined && result.status >= 400 && result.status < 500
        ? { ...result, status: 410 }
        : result;
    },
  },
  {
    kind: 'delivery state machine',
    fault: 'sends X-SuperOffice-Retry 0 on every attempt',
    deliver: () => (req, send) => {
      const headers = { ...req.headers };
      for (const k of Object.keys(headers)) {
        if (k.toLowerCase() === 'x-superoffice-retry') headers[k] = '0';
      }
      return send({ ...req, headers });
    },
  },
];

export const DIFFERENTIAL_FAULTS: DifferentialFault[] = FAULTS.map((f) =>
  f.proxy ? { ...f, proxy: onEverySite(f.proxy) } : f,
);
