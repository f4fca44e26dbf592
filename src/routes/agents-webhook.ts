// The Agent (RPC) surface, POST /api/v1/Agents/Webhook/<Method> (reference §1b, A1–A8).
import { filterWebhooks } from '../domain/filters.js';
import { lastErrorText } from '../domain/last-error.js';
import type { WebhookInput } from '../domain/save.js';
import { defaultWebhook, type WebhookState } from '../domain/webhook.js';
import { ApiError } from '../http/api-error.js';
import { decimalId } from '../http/decimal-id.js';
import { json, noContent, type BoundRequest, type OperationDef } from '../http/operation.js';
import type { RouteDeps } from './deps.js';
import { present } from './present.js';
import { deleteWebhook, saveWebhook, testWebhook } from './webhook-actions.js';

const AGENT = '/api/v1/Agents/Webhook';

type Body = Record<string, unknown>;
const bodyOf = (request: BoundRequest): Body => (request.body as Body | undefined) ?? {};

function requiredBody(request: BoundRequest): Body {
  if (request.body === undefined) {
    throw new ApiError('BAD_REQUEST', 'Bad request. Entity to save is not in request body.');
  }
  return request.body as Body;
}

export const agentRoutes: OperationDef<RouteDeps>[] = [
  {
    id: 'createDefaultWebhook',
    method: 'POST',
    path: `${AGENT}/CreateDefaultWebhook`,
    handle: () => json(defaultWebhook()),
  },
  {
    id: 'saveWebhook',
    method: 'POST',
    path: `${AGENT}/SaveWebhook`,
    async handle(request, deps) {
      const input = requiredBody(request) as WebhookInput;
      const id = typeof input.WebhookId === 'number' ? input.WebhookId : 0;
      return json(present(await saveWebhook(deps, id, input, request.user), undefined));
    },
  },
  {
    id: 'deleteWebhookAgent',
    method: 'POST',
    path: `${AGENT}/DeleteWebhook`,
    async handle(request, deps) {
      // An unknown id is not an error here (spec/README.md C5).
      await deleteWebhook(deps, decimalId(request.query.WebhookId, 'WebhookId'));
      return noContent();
    },
  },
  {
    id: 'getWebhookAgent',
    method: 'POST',
    path: `${AGENT}/GetWebhook`,
    handle(request, deps) {
      const webhook = deps.store.get(decimalId(request.query.webhookId, 'webhookId'));
      // Agent getters answer null for an unknown id (spec/README.md C4).
      return json(webhook ? present(webhook, request.query.$select) : null);
    },
  },
  {
    id: 'getAllWebhooks',
    method: 'POST',
    path: `${AGENT}/GetAllWebhooks`,
    handle(request, deps) {
      const body = bodyOf(request);
      const found = filterWebhooks(deps.store.list(), {
        name: body.NameFilter as string | null | undefined,
        event: body.EventFilter as string | null | undefined,
        status: body.StatusFilter as WebhookState | null | undefined,
      });
      return json(found.map((w) => present(w, request.query.$select)));
    },
  },
  {
    id: 'testWebhookAgent',
    method: 'POST',
    path: `${AGENT}/TestWebhook`,
    async handle(request, deps) {
      return json(await testWebhook(deps, requiredBody(request).Webhook as WebhookInput));
    },
  },
  {
    id: 'signalEvent',
    method: 'POST',
    path: `${AGENT}/SignalEvent`,
    async handle(request, deps) {
      const body = requiredBody(request);
      await deps.deliveries.signal({
        event: body.EventName as string,
        primaryKey: typeof body.PrimaryKey === 'number' ? body.PrimaryKey : 0,
        data: (body.Data as Record<string, unknown> | null | undefined) ?? null,
        user: request.user,
      });
      return noContent();
    },
  },
  {
    id: 'getLastError',
    method: 'POST',
    path: `${AGENT}/GetLastError`,
    handle(request, deps) {
      const webhook = deps.store.get(requiredBody(request).WebhookId as number);
      // "Error message, or empty string if no errors received" (official client, both
      // overloads); an unknown id stays null (spec/README.md C4). `$select` is accepted as the
      // vendor Swagger lists it, and has no field to limit in a string.
      return json(webhook ? lastErrorText(webhook) : null);
    },
  },
];
