// Store files for the bench, written directly in the so-webhook-mock/1 format
// (src/store/state.ts): the store our server wrote from the default fixture, grown to any size.
import { readFile, writeFile } from 'node:fs/promises';
import type { WebhookRecord } from '../src/domain/webhook.js';
import type { StoreState } from '../src/store/state.js';

export async function readStore(file: string): Promise<StoreState> {
  return JSON.parse(await readFile(file, 'utf8')) as StoreState;
}

/**
 * `base` with exactly `count` webhooks, ids 1..count, each a copy of the first fixture hook
 * changed by `shape`; the logs start empty so only the webhook count differs between sizes.
 */
export function withWebhooks(
  base: StoreState,
  count: number,
  shape: (id: number) => Partial<WebhookRecord> = () => ({}),
): StoreState {
  const template = base.webhooks[0];
  if (!template) throw new Error('the base store has no webhook to copy');
  const webhooks = Array.from({ length: count }, (_, i) => ({
    ...template,
    Name: `${template.Name ?? 'Webhook'} #${i + 1}`,
    ...shape(i + 1),
    WebhookId: i + 1,
  }));
  return { ...base, webhooks, nextId: count + 1, signals: [], deliveries: [], outbox: [] };
}

/** Writes a store the way our lowdb adapter does (pretty JSON), so load cost is the same. */
export async function writeStore(file: string, state: StoreState): Promise<void> {
  await writeFile(file, `${JSON.stringify(state, null, 2)}\n`);
}

/** The same webhooks as a json-server collection; json-server matches ids as strings. */
export async function writeJsonServerDb(file: string, webhooks: readonly WebhookRecord[]) {
  const collection = webhooks.map((w) => ({ id: String(w.WebhookId), ...w }));
  await writeFile(file, `${JSON.stringify({ webhooks: collection }, null, 2)}\n`);
}
