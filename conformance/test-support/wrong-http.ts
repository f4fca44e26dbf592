// Wrong targets made by a proxy between the suite and a correct so-webhook-mock: each breaks one
// documented behaviour of the API surface (a status, a field, a type, casing, a precondition, a
// filter, a content type, an error body, a challenge) and names the case meant to catch it.
import { basicAuthorization } from '../credentials.js';
import {
  camelCased,
  editJson,
  editObject,
  isListGet,
  isSingleGet,
  withoutQuery,
  type WrongTarget,
} from './wrong-target.js';

export const HTTP_FAULTS: WrongTarget[] = [
  {
    fault: 'answers 201 to a create',
    caseId: 'operations.post-create',
    reason: /expected status 200, got 201/,
    unaffected: ['operations.list'],
    proxy: {
      response: (res, req) =>
        req.method === 'POST' && req.url === '/api/v1/Webhook' ? { ...res, status: 201 } : res,
    },
  },
  {
    fault: 'drops Error from error bodies',
    caseId: 'operations.get-unknown-404',
    reason: /not the SuperOffice error shape: Error is undefined/,
    unaffected: ['operations.get'],
    proxy: {
      response: (res) => (res.status >= 400 ? editObject(res, (b) => delete b.Error) : res),
    },
  },
  {
    fault: 'applies patches whose test fails',
    caseId: 'patch.test-failure-409',
    reason: /expected status 409, got 200/,
    unaffected: ['patch.replace'],
    proxy: { response: (res) => (res.status === 409 ? { ...res, status: 200 } : res) },
  },
  {
    fault: 'lets requests without credentials in',
    caseId: 'auth.missing-401',
    reason: /expected status 401, got 200/,
    unaffected: ['auth.wrong-basic-401'],
    proxy: {
      request: (req) =>
        req.headers.authorization
          ? req
          : {
              ...req,
              headers: { ...req.headers, authorization: basicAuthorization('tje0', 'Tje0') },
            },
    },
  },
  {
    fault: 'answers 401 without a WWW-Authenticate challenge',
    caseId: 'auth.missing-401',
    reason: /401 without a WWW-Authenticate challenge/,
    unaffected: ['auth.basic-accepted'],
    proxy: {
      response: (res) => {
        if (res.status !== 401) return res;
        const headers = { ...res.headers };
        delete headers['www-authenticate'];
        return { ...res, headers };
      },
    },
  },
  {
    fault: 'ignores $select',
    caseId: 'select.get',
    reason: /TargetUrl is "http:.*", expected null/,
    unaffected: ['operations.get'],
    proxy: { request: (req) => ({ ...req, url: withoutQuery(req.url, '$select') }) },
  },
  {
    fault: 'ignores eventFilter',
    caseId: 'filters.event',
    reason: /should not list \d+/,
    unaffected: ['filters.name'],
    proxy: {
      request: (req) =>
        isListGet(req) ? { ...req, url: withoutQuery(req.url, 'eventFilter') } : req,
    },
  },
  {
    fault: 'puts _Links on list items',
    caseId: 'operations.list',
    reason: /getWebhookList 200 does not match the spec/,
    unaffected: ['operations.get'],
    proxy: {
      response: (res, req) =>
        isListGet(req)
          ? editJson(res, (list) => (list as object[]).map((w) => ({ ...w, _Links: {} })))
          : res,
    },
  },
  {
    fault: 'leaves the documented ErrorsEmail out of list items',
    caseId: 'operations.list',
    reason: /getWebhookList 200 does not match the spec.*ErrorsEmail/,
    unaffected: ['operations.get'],
    proxy: {
      response: (res, req) =>
        isListGet(req)
          ? editJson(res, (list) =>
              (list as Record<string, unknown>[]).map(({ ErrorsEmail: _dropped, ...w }) => w),
            )
          : res,
    },
  },
  {
    fault: 'answers WebhookId as a string',
    caseId: 'operations.get',
    reason: /getWebhook 200 does not match the spec.*WebhookId/,
    unaffected: ['operations.get-agent'],
    proxy: {
      response: (res, req) =>
        isSingleGet(req) && res.status === 200
          ? editObject(res, (b) => (b.WebhookId = String(b.WebhookId)))
          : res,
    },
  },
  {
    fault: 'answers the agent in camelCase',
    caseId: 'operations.get-agent',
    reason: /getWebhookAgent 200 does not match the spec/,
    unaffected: ['operations.get'],
    proxy: {
      response: (res, req) =>
        req.url.startsWith('/api/v1/Agents/Webhook/GetWebhook') && res.status === 200
          ? editJson(res, camelCased)
          : res,
    },
  },
  {
    fault: 'answers 200 null for an unknown id',
    caseId: 'operations.get-unknown-404',
    reason: /expected status 404, got 200/,
    unaffected: ['operations.get'],
    proxy: {
      response: (res, req) =>
        isSingleGet(req) && res.status === 404 ? { ...res, status: 200, body: 'null' } : res,
    },
  },
  {
    fault: 'ignores If-Unmodified-Since',
    caseId: 'patch.stale-412',
    reason: /expected status 412, got 200/,
    unaffected: ['patch.fresh-if-unmodified-since'],
    proxy: {
      request: (req) => {
        const headers = { ...req.headers };
        delete headers['if-unmodified-since'];
        return { ...req, headers };
      },
    },
  },
  {
    fault: 'accepts a move operation (and ignores it)',
    caseId: 'patch.move-refused',
    reason: /expected status 400–499, got 200/,
    unaffected: ['patch.copy-refused'],
    proxy: {
      request: (req) =>
        req.method === 'PATCH' && /"op":"move"/.test(req.body) ? { ...req, body: '[]' } : req,
    },
  },
  {
    fault: 'reads a text/plain body as JSON instead of answering 415',
    caseId: 'bad-input.unsupported-media-type-415',
    reason: /expected status 415, got 200/,
    unaffected: ['bad-input.malformed-json-400'],
    proxy: {
      request: (req) =>
        req.headers['content-type'] === 'text/plain'
          ? { ...req, headers: { ...req.headers, 'content-type': 'application/json' } }
          : req,
    },
  },
  {
    fault: 'answers JSON to Accept: application/xml',
    caseId: 'binding.xml-answer',
    reason: /Content-Type is application\/json/,
    unaffected: ['binding.text-json-answer'],
    proxy: {
      request: (req) =>
        req.headers.accept === 'application/xml'
          ? { ...req, headers: { ...req.headers, accept: 'application/json' } }
          : req,
    },
  },
  {
    fault: 'answers null from LastError for a webhook without errors',
    caseId: 'lasterror.rest',
    // The spec now types the answer a string, so the schema check is the first to object.
    reason: /getWebhookLastError 200 does not match|answered null/,
    unaffected: ['lasterror.rest-unknown-404'],
    proxy: {
      response: (res, req) =>
        /\/LastError$/.test(req.url) && res.body === '""' ? { ...res, body: 'null' } : res,
    },
  },
  {
    fault: 'filters names by substring',
    caseId: 'filters.name',
    reason: /should not list/,
    unaffected: ['filters.event'],
    proxy: {
      // Upstream lists everything; the proxy keeps the names that contain the filter.
      request: (req) =>
        isListGet(req) ? { ...req, url: withoutQuery(req.url, 'nameFilter') } : req,
      response: (res, req) => {
        const filter = new URL(req.url, 'http://proxy').searchParams.get('nameFilter');
        if (!isListGet(req) || filter === null || res.status !== 200) return res;
        return editJson(res, (list) =>
          (list as Array<{ Name?: string }>).filter((w) => (w.Name ?? '').includes(filter)),
        );
      },
    },
  },
  {
    fault: 'only pretends to delete',
    caseId: 'save.delete-then-get',
    reason: /GET after DELETE: expected status 404, got 200/,
    // The DELETE's own status is right, so the status-only case passes: only the follow-up
    // GET shows the webhook is still there.
    unaffected: ['operations.delete'],
    proxy: {
      // The DELETE becomes a GET upstream, and the proxy answers 204 as if it had deleted.
      request: (req) =>
        req.method === 'DELETE'
          ? { ...req, method: 'GET', headers: { ...req.headers, 'x-was-delete': '1' } }
          : req,
      response: (res, req) =>
        req.headers['x-was-delete'] ? { status: 204, headers: {}, body: '' } : res,
    },
  },
];
