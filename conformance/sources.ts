// Turns a case's short source (a seed page's file name, a fact-sheet section with its row,
// `spec C6`, `RFC 6902 §5`) into what a reader of a report can open: the vendor's public
// documentation page, or a file inside this package. The seed pages and the fact sheet are where the spec was transcribed
// from; these are the public pages they are copies and summaries of.
const DOCS = 'https://docs.superoffice.com/en';
const REST = `${DOCS}/api/reference/restful/rest/Webhook`;
const AGENT = `${DOCS}/api/reference/restful/agent/Webhook_Agent`;
const WEBHOOKS = `${DOCS}/automation/webhook`;
const REST_OVERVIEW = `${DOCS}/api/reference/restful/rest/index.html`;

const rest = (page: string) => `${REST}/v1Webhook_${page}.html`;
const agent = (page: string) => `${AGENT}/v1WebhookAgent_${page}.html`;

/** The five seed pages by file (docs/sources.md lists them with the same URLs). */
const SEEDS: Record<string, string> = {
  '000_b1d363702d928572': agent('CreateDefaultWebhook'),
  '001_9797824a90a04707': agent('GetAllWebhooks'),
  '002_569939bd557dcdf8': agent('SignalEvent'),
  '003_9c71f5286139e197': agent('CreateDefaultWebhook'),
  '004_c05cf042a57efd1d': rest('PatchWebhook'),
};

/** The fact sheet's REST (R1–R10) and Agent (A1–A8) rows: one reference page each. */
const OPERATIONS: Record<string, string> = {
  R1: rest('DefaultWebhook'),
  R2: rest('GetAllWebhooks'),
  R3: rest('PostWebhook'),
  R4: rest('GetWebhook'),
  R5: rest('PutWebhook'),
  R6: rest('DeleteWebhook'),
  R7: rest('PatchWebhook'),
  R8: rest('TestWebhook'),
  R9: rest('SignalEvent'),
  R10: rest('GetLastError'),
  A1: agent('CreateDefaultWebhook'),
  A2: agent('SaveWebhook'),
  A3: agent('DeleteWebhook'),
  A4: agent('GetWebhook'),
  A5: agent('GetAllWebhooks'),
  A6: agent('TestWebhook'),
  A7: agent('SignalEvent'),
  A8: agent('GetLastError'),
};

/** The fact sheet's sections, by the vendor page each summarises. */
const SECTIONS: Record<string, string> = {
  '0': `${WEBHOOKS}/overview.html`,
  '1a': `${REST}/index.html`,
  '1b': `${AGENT}/index.html`,
  '2': rest('GetWebhook'),
  '2a': agent('CreateDefaultWebhook'),
  '2b': agent('TestWebhook'),
  '2c': `${WEBHOOKS}/overview.html`,
  '3': `${WEBHOOKS}/notification.html`,
  '3a': `${WEBHOOKS}/notification.html`,
  '3b': `${WEBHOOKS}/notification.html`,
  '3c': `${WEBHOOKS}/security.html`,
  '3d': `${WEBHOOKS}/notification.html`,
  '3e': `${WEBHOOKS}/crmscript-handlers.html`,
  '4': `${WEBHOOKS}/event-details.html`,
  '5': REST_OVERVIEW,
  '6': REST_OVERVIEW,
  '7': REST_OVERVIEW,
};

/** Where one source can be read, or undefined when it names nothing this table knows. */
function citeOne(source: string): string | undefined {
  const seed = /^seeds\/(\d{3}_[0-9a-f]{16})\.txt$/.exec(source);
  if (seed) return SEEDS[seed[1] ?? ''];
  const reference = /^reference §(\d[a-z]?)(?:\.\d+)?(?: ([RA]\d+))?$/.exec(source);
  if (reference) {
    const [, section = '', operation] = reference;
    return operation ? OPERATIONS[operation] : SECTIONS[section];
  }
  const choice = /^spec (C\d+)$/.exec(source);
  if (choice) return `spec/README.md ${choice[1]}`;
  const rfc = /^RFC (\d+)(?: §(\d+(?:\.\d+)*))?$/.exec(source);
  if (rfc) {
    const [, number, section] = rfc;
    return `https://www.rfc-editor.org/rfc/rfc${number}${section ? `#section-${section}` : ''}`;
  }
  return undefined;
}

/** Where `source` (one source, or several separated by commas) can be read; undefined when
 * any part names nothing this table knows. */
export function citation(source: string): string | undefined {
  const cited = source.split(/,\s*/).map(citeOne);
  return cited.every((c) => c !== undefined) ? cited.join(', ') : undefined;
}

/** The citation, or the source as written when the table does not know it (the case catalogue
 * test keeps that from happening). */
export const cite = (source: string): string => citation(source) ?? source;
