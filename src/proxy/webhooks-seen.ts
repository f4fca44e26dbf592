// The webhooks the proxy has seen pass through: from saves (their TargetUrl, Secret and custom
// Headers, taken from the request — a PATCH applied to the webhook last seen — before the
// upstream answers, since the save's own `test` delivery arrives first) and from every answer that carries webhooks. Deliveries are checked
// against them, and a recording's fixture is made of them. Bounded.
import { isRecord } from '../domain/is-record.js';
import { patched } from './patch-expectation.js';
import { member, pathOf } from './members.js';

export type SeenWebhook = Record<string, unknown> & { WebhookId?: number };

export interface Signer {
  name: string | undefined;
  secret: string | undefined;
  headers: Record<string, string>;
  webhookId: number | undefined;
}

/** Webhooks kept at most (a tenant rarely has a hundred). */
export const MAX_WEBHOOKS = 10_000;
/** Saves whose answer has not been seen yet, kept for their `test` delivery. */
const MAX_PENDING = 100;

/** Webhook answers of these operations are single webhooks; lists are arrays of them. */
const SINGLE = new Set([
  'getWebhook',
  'getWebhookAgent',
  'postWebhook',
  'putWebhook',
  'patchWebhook',
  'saveWebhook',
]);
const LIST = new Set(['getWebhookList', 'getAllWebhooks']);

function signerOf(record: Record<string, unknown>): Signer {
  const secret = member(record, 'Secret');
  const headers = member(record, 'Headers');
  const id = member(record, 'WebhookId');
  const name = member(record, 'Name');
  return {
    name: typeof name === 'string' ? name : undefined,
    secret: typeof secret === 'string' && secret !== '' ? secret : undefined,
    headers: isRecord(headers)
      ? Object.fromEntries(
          Object.entries(headers).filter((e): e is [string, string] => typeof e[1] === 'string'),
        )
      : {},
    webhookId: typeof id === 'number' ? id : undefined,
  };
}

export class WebhooksSeen {
  readonly #webhooks = new Map<number, SeenWebhook>();
  readonly #pending: Array<{ path: string; signer: Signer }> = [];

  /** A save on its way upstream: what its `test` delivery will be signed with. */
  saving(body: unknown): Signer | undefined {
    if (!isRecord(body)) return undefined;
    const wrapped = member(body, 'Webhook');
    const record = isRecord(wrapped) ? wrapped : body;
    const path = pathOf(member(record, 'TargetUrl'));
    if (path === undefined) return undefined;
    const signer = signerOf(record);
    this.#pending.push({ path, signer });
    if (this.#pending.length > MAX_PENDING) this.#pending.shift();
    return signer;
  }

  /** A PATCH on its way upstream: its `test` delivery is signed as the patched webhook. */
  patching(id: number, patch: unknown): Signer | undefined {
    const known = this.#webhooks.get(id);
    const after = known && patched(known, patch);
    return after ? this.saving(after) : undefined;
  }

  /** Webhooks in an answer, or a delete, update what is known. */
  answered(operationId: string, status: number, body: unknown, deletedId?: number): void {
    if (
      (operationId === 'deleteWebhook' || operationId === 'deleteWebhookAgent') &&
      status === 204
    ) {
      if (deletedId !== undefined) this.#webhooks.delete(deletedId);
      return;
    }
    if (status !== 200) return;
    const items =
      LIST.has(operationId) && Array.isArray(body) ? body : SINGLE.has(operationId) ? [body] : [];
    for (const item of items) {
      if (!isRecord(item) || typeof item.WebhookId !== 'number' || item.WebhookId <= 0) continue;
      const known = this.#webhooks.get(item.WebhookId);
      // An answer narrowed by $select nulls what it leaves out; keep what was known.
      const merged: SeenWebhook = { ...known };
      for (const [key, value] of Object.entries(item)) {
        if (value !== null || known?.[key] === undefined) merged[key] = value;
      }
      this.#webhooks.delete(item.WebhookId);
      this.#webhooks.set(item.WebhookId, merged);
      if (this.#webhooks.size > MAX_WEBHOOKS) {
        const oldest = this.#webhooks.keys().next().value;
        if (oldest !== undefined) this.#webhooks.delete(oldest);
      }
    }
  }

  /** Who may have signed a delivery to `path`: stored webhooks, then saves in flight. */
  signersFor(path: string): Signer[] {
    const lower = path.toLowerCase();
    const stored = [...this.#webhooks.values()]
      .filter((w) => pathOf(w.TargetUrl) === lower)
      .map(signerOf);
    const pending = this.#pending.filter((p) => p.path === lower).map((p) => p.signer);
    return [...stored, ...pending];
  }

  /** Every webhook known, by id. */
  all(): SeenWebhook[] {
    return [...this.#webhooks.values()].sort((a, b) => (a.WebhookId ?? 0) - (b.WebhookId ?? 0));
  }
}
