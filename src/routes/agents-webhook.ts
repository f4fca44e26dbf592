// The Agent (RPC) surface, POST /api/v1/Agents/Webhook/<Method> (docs/sources.md §1b, A1–A8): each
// handler binds the request's values, calls a use case and presents the result.
import { decimalId } from '../http/decimal-id.js';
import type { Handlers } from '../http/operation.js';
import { noContent, ok } from '../http/operation.js';
import type { RouteDeps } from './deps.js';
import {
  createDefaultWebhook,
  findLastError,
  findWebhook,
  listWebhooks,
} from '../service/read-webhooks.js';
import { signalEvent } from '../service/signal.js';
import { deleteWebhook, saveWebhook, testWebhook } from '../service/write-webhooks.js';
import { requiredBody } from './required-body.js';

// `satisfies` types each handler from its operation id (see restRoutes).
export const agentRoutes = {
  createDefaultWebhook: () => ok(createDefaultWebhook()),
  async saveWebhook(request, deps) {
    const input = requiredBody(request.body);
    const id = typeof input.WebhookId === 'number' ? input.WebhookId : 0;
    const saved = await saveWebhook(deps, { id, input, user: request.user });
    return ok(deps.views.entity(saved, undefined));
  },
  async deleteWebhookAgent(request, deps) {
    // An unknown id is not an error here (spec/README.md C5).
    const id = decimalId(request.query.WebhookId, 'WebhookId');
    await deleteWebhook(deps, { id, mustExist: false });
    return noContent();
  },
  getWebhookAgent(request, deps) {
    const webhook = findWebhook(deps, decimalId(request.query.webhookId, 'webhookId'));
    // Agent getters answer null for an unknown id (spec/README.md C4).
    return ok(webhook ? deps.views.entity(webhook, request.query.$select) : null);
  },
  getAllWebhooks(request, deps) {
    const body = request.body ?? {};
    const found = listWebhooks(deps, {
      name: body.NameFilter,
      event: body.EventFilter,
      status: body.StatusFilter,
    });
    return ok(deps.views.list(found, request.query.$select));
  },
  async testWebhookAgent(request, deps) {
    return ok(await testWebhook(deps, requiredBody(request.body).Webhook));
  },
  async signalEvent(request, deps) {
    const body = requiredBody(request.body);
    await signalEvent(deps, {
      event: body.EventName,
      primaryKey: typeof body.PrimaryKey === 'number' ? body.PrimaryKey : 0,
      data: body.Data ?? null,
      user: request.user,
    });
    return noContent();
  },
  getLastError(request, deps) {
    // "Error message, or empty string if no errors received" (official client, both
    // overloads); an unknown id stays null (spec/README.md C4). `$select` is accepted as the
    // vendor Swagger lists it, and has no field to limit in a string.
    return ok(findLastError(deps, requiredBody(request.body).WebhookId) ?? null);
  },
} satisfies Partial<Handlers<RouteDeps>>;
