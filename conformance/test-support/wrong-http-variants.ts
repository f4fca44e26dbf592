// Wrong targets for rules the suite once checked under one variant only, or not at all: each
// proxy keeps so-webhook-mock right everywhere except one documented behaviour (dates on
// update, the append form of `add`, member-wise merge of Headers/Properties, merge patch sent
// as merge-patch+json, name filters in another case, $select on saves, lower-case enum
// filters, If-Unmodified-Since on PUT and DELETE, the delivery counters).
import { isRecord } from '../expect.js';
import type { Answer, Exchange } from './mutating-proxy.js';
import {
  editJson,
  isListGet,
  isSingleGet,
  withoutQuery,
  type WrongTarget,
} from './wrong-target.js';

const SINGLE_PATH = /^\/api\/v1\/Webhook\/\d+(\?|$)/;
const isPatch = (req: Exchange) => req.method === 'PATCH' && SINGLE_PATH.test(req.url);
const isCreate = (req: Exchange) =>
  req.method === 'POST' && /^\/api\/v1\/Webhook(\?|$)/.test(req.url);
const isGetAll = (req: Exchange) => /^\/api\/v1\/Agents\/Webhook\/GetAllWebhooks/i.test(req.url);

/** Applies `edit` to every webhook object in a JSON answer (single, list or agent). */
function editWebhooks(res: Answer, edit: (w: Record<string, unknown>) => void): Answer {
  if (!/json/.test(res.headers['content-type'] ?? '') || res.body === '') return res;
  return editJson(res, (body) => {
    const all = Array.isArray(body) ? body : [body];
    for (const w of all) if (isRecord(w) && typeof w.WebhookId === 'number') edit(w);
    return body;
  });
}

function parsed(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/** The merge patch object of a PATCH, or undefined when the body is a JSON Patch array. */
function mergeObject(req: Exchange): Record<string, unknown> | undefined {
  const body = parsed(req.body);
  return isPatch(req) && isRecord(body) ? body : undefined;
}

interface PatchOp {
  op: string;
  path: string;
  value?: unknown;
}

const withoutNulls = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null));

/**
 * Turns a merge patch into JSON Patch operations: `member` is replaced as a whole (its null
 * members dropped), every other object member is merged key by key as RFC 7396 says.
 */
function replaceWhole(member: string) {
  return (req: Exchange): Exchange => {
    const merge = mergeObject(req);
    const inner = merge?.[member];
    if (!merge || !isRecord(inner)) return req;
    const ops = Object.entries(merge).flatMap(([key, value]): PatchOp[] => {
      if (key === member) return [{ op: 'replace', path: `/${key}`, value: withoutNulls(inner) }];
      if (!isRecord(value)) return [{ op: 'replace', path: `/${key}`, value }];
      return Object.entries(value).map(([sub, v]) =>
        v === null
          ? { op: 'remove', path: `/${key}/${sub}` }
          : { op: 'add', path: `/${key}/${sub}`, value: v },
      );
    });
    return {
      ...req,
      headers: { ...req.headers, 'content-type': 'application/json' },
      body: JSON.stringify(ops),
    };
  };
}

/** A list answer keeping only names equal to `filter` with case (C20 compares without case). */
function caseSensitiveNames(res: Answer, filter: string | undefined): Answer {
  if (filter === undefined || res.status !== 200) return res;
  return editJson(res, (list) =>
    (list as Array<{ Name?: string }>).filter((w) => w.Name === filter),
  );
}

function agentNameFilter(req: Exchange): string | undefined {
  const body = parsed(req.body);
  if (!isRecord(body)) return undefined;
  const key = Object.keys(body).find((k) => k.toLowerCase() === 'namefilter');
  const value = key === undefined ? undefined : body[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function withoutHeader(req: Exchange, name: string): Exchange {
  const headers = { ...req.headers };
  delete headers[name];
  return { ...req, headers };
}

const STATES = new Set(['Unknown', 'Active', 'Stopped', 'TooManyErrors']);

/** Remembers the first Updated each webhook was answered with and answers that ever after. */
function frozenUpdated() {
  const first = new Map<number, unknown>();
  return (res: Answer): Answer =>
    editWebhooks(res, (w) => {
      const id = w.WebhookId as number;
      if (!first.has(id)) first.set(id, w.Updated);
      w.Updated = first.get(id);
    });
}

export const VARIANT_HTTP_FAULTS: WrongTarget[] = [
  {
    fault: 'keeps Updated at the time of creation',
    caseId: 'save.updated-moves-forward',
    reason: /Updated did not move forward/,
    unaffected: ['save.registered-kept'],
    proxy: { response: frozenUpdated() },
  },
  {
    fault: 'moves Registered to the time of every update',
    caseId: 'save.registered-kept',
    reason: /Registered changed/,
    unaffected: ['save.updated-moves-forward'],
    proxy: {
      response: (res) =>
        editWebhooks(res, (w) => {
          if (typeof w.Updated === 'string') w.Registered = w.Updated;
        }),
    },
  },
  {
    fault: 'ignores the append form of add (/Events/-)',
    caseId: 'patch.add-array-append',
    reason: /Events is .*, expected/,
    unaffected: ['patch.add'],
    proxy: {
      request: (req) => {
        const ops = parsed(req.body);
        if (!isPatch(req) || !Array.isArray(ops)) return req;
        const kept = ops.filter((op) => !(isRecord(op) && String(op.path).endsWith('/-')));
        return { ...req, body: JSON.stringify(kept) };
      },
    },
  },
  {
    fault: 'replaces Headers as a whole in a merge patch',
    caseId: 'patch.merge-nested-members',
    reason: /Headers is .*, expected/,
    unaffected: ['patch.merge'],
    proxy: { request: replaceWhole('Headers') },
  },
  {
    fault: 'replaces Properties as a whole in a merge patch',
    caseId: 'patch.merge-nested-members',
    reason: /Properties is .*, expected/,
    unaffected: ['patch.merge'],
    proxy: { request: replaceWhole('Properties') },
  },
  {
    fault: 'ignores null in a merge patch sent as application/merge-patch+json',
    caseId: 'patch.merge-null-removes-merge-patch-json',
    reason: /ErrorsEmail was not removed/,
    unaffected: ['patch.merge-null-removes'],
    proxy: {
      request: (req) => {
        const merge = mergeObject(req);
        if (!merge || !/merge-patch\+json/.test(req.headers['content-type'] ?? '')) return req;
        return { ...req, body: JSON.stringify(withoutNulls(merge)) };
      },
    },
  },
  {
    fault: 'compares nameFilter with case',
    caseId: 'filters.name-any-case',
    reason: /nameFilter .* did not list/,
    unaffected: ['filters.name'],
    proxy: {
      // The response hook sees the request as sent upstream, so the filter travels in a header.
      request: (req) => {
        const filter = new URL(req.url, 'http://proxy').searchParams.get('nameFilter');
        if (!isListGet(req) || filter === null) return req;
        const url = withoutQuery(req.url, 'nameFilter');
        return { ...req, url, headers: { ...req.headers, 'x-name-filter': filter } };
      },
      response: (res, req) =>
        isListGet(req) ? caseSensitiveNames(res, req.headers['x-name-filter']) : res,
    },
  },
  {
    fault: "compares the agent's NameFilter with case",
    caseId: 'filters.name-any-case',
    reason: /NameFilter .* did not list/,
    unaffected: ['filters.agent'],
    proxy: {
      request: (req) => {
        const body = parsed(req.body);
        if (!isGetAll(req) || !isRecord(body)) return req;
        const kept = Object.fromEntries(
          Object.entries(body).filter(([k]) => k.toLowerCase() !== 'namefilter'),
        );
        return {
          ...req,
          headers: { ...req.headers, 'x-name-filter': agentNameFilter(req) ?? '' },
          body: JSON.stringify(kept),
        };
      },
      response: (res, req) =>
        isGetAll(req) ? caseSensitiveNames(res, req.headers['x-name-filter'] || undefined) : res,
    },
  },
  {
    fault: 'ignores $select on POST /Webhook',
    caseId: 'select.on-save',
    reason: /POST .*TargetUrl is "http/,
    unaffected: ['select.get'],
    proxy: {
      request: (req) => (isCreate(req) ? { ...req, url: withoutQuery(req.url, '$select') } : req),
    },
  },
  {
    fault: 'ignores $select on PATCH',
    caseId: 'select.on-save',
    reason: /PATCH .*TargetUrl is "http/,
    unaffected: ['select.get'],
    proxy: {
      request: (req) => (isPatch(req) ? { ...req, url: withoutQuery(req.url, '$select') } : req),
    },
  },
  {
    fault: 'treats a statusFilter not spelled in PascalCase as no filter',
    caseId: 'filters.status-any-case',
    reason: /should not list/,
    unaffected: ['filters.status'],
    proxy: {
      request: (req) => {
        const status = new URL(req.url, 'http://proxy').searchParams.get('statusFilter');
        return isListGet(req) && status !== null && !STATES.has(status)
          ? { ...req, url: withoutQuery(req.url, 'statusFilter') }
          : req;
      },
    },
  },
  {
    fault: 'ignores If-Unmodified-Since on PUT',
    caseId: 'save.put-stale-412',
    reason: /expected status 412, got 200/,
    unaffected: ['patch.stale-412'],
    proxy: {
      request: (req) => (req.method === 'PUT' ? withoutHeader(req, 'if-unmodified-since') : req),
    },
  },
  {
    fault: 'ignores If-Unmodified-Since on DELETE',
    caseId: 'save.delete-stale-412',
    reason: /expected status 412, got 204/,
    unaffected: ['patch.stale-412'],
    proxy: {
      request: (req) => (req.method === 'DELETE' ? withoutHeader(req, 'if-unmodified-since') : req),
    },
  },
  {
    fault: 'never counts failed attempts in TotalErrors',
    caseId: 'deliveries.retry-counters',
    reason: /TotalErrors/,
    unaffected: ['deliveries.retry-after-failure'],
    proxy: {
      response: (res, req) =>
        isSingleGet(req) && res.status === 200
          ? editWebhooks(res, (w) => {
              if (typeof w.TotalErrors === 'number') w.TotalErrors = 0;
            })
          : res,
    },
  },
];
