// What SaveWebhook stores: the body's writable fields over CreateDefaultWebhook's values, with
// identity, history and statistics kept by the server (spec/README.md C16).
import { defaultWebhook, READ_ONLY_FIELDS, type Associate, type WebhookRecord } from './webhook.js';

export interface SaveContext {
  now: Date;
  associate: Associate | null;
}

export type WebhookInput = Partial<Record<keyof WebhookRecord, unknown>>;

function writableFields(input: WebhookInput): Partial<WebhookRecord> {
  const fields: Partial<Record<keyof WebhookRecord, unknown>> = {};
  for (const [key, value] of Object.entries(input) as [keyof WebhookRecord, unknown][]) {
    if (!READ_ONLY_FIELDS.has(key) && key in defaultWebhook()) fields[key] = value;
  }
  return fields as Partial<WebhookRecord>;
}

/** The plugins the mock runs; other plugin names are stored as sent (spec/README.md C21). */
const KNOWN_PLUGINS = ['webhook', 'crmscript'];

/** `Type` is a free string ("Name of plugin that handles this webhook", vendor Swagger). */
function pluginName(type: string | null): string | null {
  const known = KNOWN_PLUGINS.find((name) => name === type?.toLowerCase());
  return known ?? type;
}

export function buildSaved(
  existing: WebhookRecord | undefined,
  input: WebhookInput,
  context: SaveContext,
): WebhookRecord {
  const now = context.now.toISOString();
  const saved: WebhookRecord = { ...defaultWebhook(), ...writableFields(input) };
  saved.Type = pluginName(saved.Type);
  saved.Updated = now;
  saved.UpdatedAssociate = context.associate;
  if (!existing) {
    saved.Registered = now;
    saved.RegisteredAssociate = context.associate;
    return saved;
  }
  saved.WebhookId = existing.WebhookId;
  saved.Registered = existing.Registered;
  saved.RegisteredAssociate = existing.RegisteredAssociate;
  saved.TotalCalls = existing.TotalCalls;
  saved.TotalErrors = existing.TotalErrors;
  saved.LastError = existing.LastError;
  // Saving a stopped or disabled hook Active again is how it is re-enabled (docs/sources.md §3d);
  // it starts with a clean slate, or one more failure would disable it again at once.
  const reactivated = existing.State !== 'Active' && saved.State === 'Active';
  saved.ConsecutiveErrors = reactivated ? 0 : existing.ConsecutiveErrors;
  return saved;
}

/** The state-change event a save raises, if any (docs/sources.md §4: webhook{id}.started|stopped). */
export function stateChangeEvent(
  before: WebhookRecord | undefined,
  after: WebhookRecord,
): string | undefined {
  if (!before || before.State === after.State) return undefined;
  if (after.State === 'Active') return `webhook${after.WebhookId}.started`;
  if (after.State === 'Stopped') return `webhook${after.WebhookId}.stopped`;
  if (after.State === 'TooManyErrors') return `webhook${after.WebhookId}.errors`;
  return undefined;
}
