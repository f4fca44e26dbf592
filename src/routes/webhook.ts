// The REST surface, /api/v1/Webhook… (docs/sources.md §1a, R1–R10): each handler binds the request's
// values, calls a use case and presents the result.
import { decimalId } from '../http/decimal-id.js';
import type { Handlers } from '../http/operation.js';
import { noContent, ok } from '../http/operation.js';
import type { RouteDeps } from './deps.js';
import { patchWebhook } from '../service/patch-webhook.js';
import {
  createDefaultWebhook,
  getLastError,
  getWebhook,
  listWebhooks,
} from '../service/read-webhooks.js';
import { signalEvent } from '../service/signal.js';
import {
  deleteWebhook,
  replaceWebhook,
  saveWebhook,
  testWebhook,
} from '../service/write-webhooks.js';
import { requiredBody } from './required-body.js';

/** The webhook id of the operations addressed by `/Webhook/{id}`. */
const idOf = (request: { params: { id: string } }): number => decimalId(request.params.id, 'id');

// `satisfies` types each handler from its operation id; app.ts checks that the REST and Agent
// tables together cover every operation of the spec.
export const restRoutes = {
  getDefaultWebhook: () => ok(createDefaultWebhook()),
  async testWebhook(request, deps) {
    return ok(await testWebhook(deps, requiredBody(request.body)));
  },
  getWebhookList(request, deps) {
    const { nameFilter, eventFilter, statusFilter } = request.query;
    const found = listWebhooks(deps, {
      name: nameFilter,
      event: eventFilter,
      status: statusFilter,
    });
    return ok(deps.views.list(found, undefined));
  },
  async postWebhook(request, deps) {
    const input = requiredBody(request.body);
    const id = typeof input.WebhookId === 'number' ? input.WebhookId : 0;
    const saved = await saveWebhook(deps, { id, input, user: request.user });
    return ok(deps.views.entityWithLinks(saved, request.query.$select, request.origin));
  },
  getWebhook(request, deps) {
    const webhook = getWebhook(deps, idOf(request));
    return ok(deps.views.entityWithLinks(webhook, request.query.$select, request.origin));
  },
  async putWebhook(request, deps) {
    const saved = await replaceWebhook(deps, {
      id: idOf(request),
      input: requiredBody(request.body),
      user: request.user,
      ifUnmodifiedSince: request.header('if-unmodified-since'),
    });
    return ok(deps.views.entityWithLinks(saved, request.query.$select, request.origin));
  },
  async patchWebhook(request, deps) {
    const saved = await patchWebhook(deps, {
      id: idOf(request),
      document: request.body,
      declaredMerge: request.mediaType === 'application/merge-patch+json',
      ifUnmodifiedSince: request.header('if-unmodified-since'),
      user: request.user,
    });
    return ok(deps.views.entityWithLinks(saved, request.query.$select, request.origin));
  },
  async deleteWebhook(request, deps) {
    await deleteWebhook(deps, {
      id: idOf(request),
      mustExist: true,
      ifUnmodifiedSince: request.header('if-unmodified-since'),
    });
    return noContent();
  },
  getWebhookLastError: (request, deps) => ok(getLastError(deps, idOf(request))),
  async signalWebhookEvent(request, deps) {
    await signalEvent(deps, {
      event: request.params.eventName ?? '',
      primaryKey: decimalId(request.params.primaryKey, 'primaryKey'),
      data: request.body ?? null,
      user: request.user,
    });
    return noContent();
  },
} satisfies Partial<Handlers<RouteDeps>>;
