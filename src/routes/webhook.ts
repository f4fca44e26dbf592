// The REST surface, /api/v1/Webhook… (reference §1a, R1–R10).
import { filterWebhooks } from '../domain/filters.js';
import { lastErrorText } from '../domain/last-error.js';
import type { WebhookInput } from '../domain/save.js';
import { defaultWebhook, type WebhookState } from '../domain/webhook.js';
import { ApiError } from '../http/api-error.js';
import { decimalId } from '../http/decimal-id.js';
import { json, noContent, type BoundRequest, type OperationDef } from '../http/operation.js';
import type { RouteDeps } from './deps.js';
import { patchWebhook } from './patch-webhook.js';
import { presentWithLinks } from './present.js';
import {
  checkUnmodifiedSince,
  deleteWebhook,
  requireWebhook,
  saveWebhook,
  testWebhook,
} from './webhook-actions.js';

const idOf = (request: BoundRequest): number => decimalId(request.params.id, 'id');

const bodyOf = (request: BoundRequest): WebhookInput => {
  if (request.body === undefined) {
    // The documented 400 of PUT (reference §1a R5).
    throw new ApiError('BAD_REQUEST', 'Bad request. Entity to save is not in request body.');
  }
  return request.body as WebhookInput;
};

export const restRoutes: OperationDef<RouteDeps>[] = [
  {
    id: 'getDefaultWebhook',
    method: 'GET',
    path: '/api/v1/Webhook/default',
    handle: () => json(defaultWebhook()),
  },
  {
    id: 'testWebhook',
    method: 'POST',
    path: '/api/v1/Webhook/Test',
    async handle(request, deps) {
      return json(await testWebhook(deps, bodyOf(request)));
    },
  },
  {
    id: 'getWebhookList',
    method: 'GET',
    path: '/api/v1/Webhook',
    handle(request, deps) {
      const { nameFilter, eventFilter, statusFilter } = request.query;
      const filters = {
        name: nameFilter,
        event: eventFilter,
        status: statusFilter as WebhookState,
      };
      return json(filterWebhooks(deps.store.list(), filters));
    },
  },
  {
    id: 'postWebhook',
    method: 'POST',
    path: '/api/v1/Webhook',
    async handle(request, deps) {
      const input = bodyOf(request);
      const id = typeof input.WebhookId === 'number' ? input.WebhookId : 0;
      const saved = await saveWebhook(deps, id, input, request.user);
      return json(presentWithLinks(saved, request.query.$select, request.origin));
    },
  },
  {
    id: 'getWebhook',
    method: 'GET',
    path: '/api/v1/Webhook/:id',
    handle(request, deps) {
      const webhook = requireWebhook(deps, idOf(request));
      return json(presentWithLinks(webhook, request.query.$select, request.origin));
    },
  },
  {
    id: 'putWebhook',
    method: 'PUT',
    path: '/api/v1/Webhook/:id',
    async handle(request, deps) {
      const id = idOf(request);
      const input = bodyOf(request);
      checkUnmodifiedSince(deps, request, id);
      const saved = await saveWebhook(deps, id, input, request.user);
      return json(presentWithLinks(saved, request.query.$select, request.origin));
    },
  },
  {
    id: 'patchWebhook',
    method: 'PATCH',
    path: '/api/v1/Webhook/:id',
    async handle(request, deps) {
      const saved = await patchWebhook(deps, request, idOf(request));
      return json(presentWithLinks(saved, request.query.$select, request.origin));
    },
  },
  {
    id: 'deleteWebhook',
    method: 'DELETE',
    path: '/api/v1/Webhook/:id',
    async handle(request, deps) {
      const id = idOf(request);
      checkUnmodifiedSince(deps, request, id);
      await deleteWebhook(deps, id);
      return noContent();
    },
  },
  {
    id: 'getWebhookLastError',
    method: 'GET',
    path: '/api/v1/Webhook/:id/LastError',
    handle: (request, deps) => json(lastErrorText(requireWebhook(deps, idOf(request)))),
  },
  {
    id: 'signalWebhookEvent',
    method: 'POST',
    path: '/api/v1/Webhook/:eventName/:primaryKey',
    async handle(request, deps) {
      await deps.deliveries.signal({
        event: request.params.eventName ?? '',
        primaryKey: decimalId(request.params.primaryKey, 'primaryKey'),
        data: (request.body as Record<string, unknown> | undefined) ?? null,
        user: request.user,
      });
      return noContent();
    },
  },
];
