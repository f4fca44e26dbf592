// Which tenant and which webhook a request addresses: the id in a REST path (`/Webhook/{id}`,
// `/Webhook/{id}/LastError`), an Agent method's `WebhookId` (query or body), or the webhook an
// Agent save carries. Read from the request alone, before the upstream answers.
import { isRecord } from '../domain/is-record.js';
import { splitTenantPath } from '../tenants/tenant-id.js';
import type { ProxiedRequest } from './request-check.js';
import { member } from './members.js';

const BY_PATH = new Set([
  'getWebhook',
  'putWebhook',
  'patchWebhook',
  'deleteWebhook',
  'getWebhookLastError',
]);

/** Agent methods naming the webhook in the query or the body (a save: the webhook itself). */
const AGENT = new Set(['saveWebhook', 'deleteWebhookAgent', 'getWebhookAgent']);

const positive = (value: unknown): number | undefined => {
  const id = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : undefined;
};

/** The tenant of the path, lower-case; '' for the default tenant. */
export const scopeOf = (request: ProxiedRequest): string =>
  splitTenantPath(request.path)?.tenant.toLowerCase() ?? '';

export function webhookIdOf(operationId: string, request: ProxiedRequest): number | undefined {
  if (BY_PATH.has(operationId)) {
    const match = /\/webhook\/([^/]+)(?:\/lasterror)?\/?$/i.exec(request.path);
    return positive(match?.[1]);
  }
  const query = [...new URLSearchParams(request.query)].find(
    ([key]) => key.toLowerCase() === 'webhookid',
  );
  if (query) return positive(query[1]);
  if (!AGENT.has(operationId)) return undefined;
  try {
    const body: unknown = JSON.parse(request.body.toString('utf8'));
    if (!isRecord(body)) return undefined;
    const wrapped = member(body, 'Webhook');
    return positive(member(isRecord(wrapped) ? wrapped : body, 'WebhookId'));
  } catch {
    return undefined;
  }
}
