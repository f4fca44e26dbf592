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

const ENTITIES = ['contact', 'person', 'sale', 'ticket', 'project', 'appointment', 'document'];
const CHANGES = ['created', 'changed', 'deleted'];
const SYSTEMS = ['ERP', 'Helpdesk', 'Marketing', 'Billing', 'Data warehouse', 'Slack bridge'];
const STATES = ['Active', 'Active', 'Active', 'Stopped', 'TooManyErrors'] as const;

/**
 * A webhook a real installation might hold, distinct for every id (name, events, URL, secret,
 * headers, properties, description), so list answers are as large and as varied as in practice
 * (~1.3 KB each as answered) rather than one record repeated. Deterministic: every run compares
 * the same bytes.
 */
export function variedWebhook(id: number): Partial<WebhookRecord> {
  const entity = ENTITIES[id % ENTITIES.length] ?? 'contact';
  const system = SYSTEMS[id % SYSTEMS.length] ?? 'ERP';
  const events = CHANGES.slice(0, 1 + (id % CHANGES.length)).map((c) => `${entity}.${c}`);
  if (id % 4 === 0) events.push(`${ENTITIES[(id + 3) % ENTITIES.length] ?? 'sale'}.changed`);
  const hex = (id * 2654435761).toString(16).padStart(12, '0');
  return {
    Name: `${system} ${entity} sync ${id}`,
    Events: events,
    TargetUrl: `https://${system.toLowerCase().replace(/ /g, '-')}.example.com/hooks/superoffice/${entity}?subscription=${id}`,
    Secret: `whsec_${hex}${hex.split('').reverse().join('')}`,
    State: STATES[id % STATES.length] ?? 'Active',
    Type: 'webhook',
    Headers:
      id % 3 === 0
        ? null
        : { 'X-Service-Key': `svc_${hex}`, 'X-Webhook-Version': `${1 + (id % 3)}.0` },
    Properties: { tenant: `tenant-${id % 23}`, source: 'superoffice' },
    ErrorsEmail: id % 2 ? `ops+${id}@example.com` : null,
    Description: `Forwards ${entity} changes to the ${system} integration, team ${1 + (id % 12)}.`,
  };
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
