// Where each rule the proxy checks comes from, and whether it is the vendor's or one of the
// contract's own choices. Statuses are read from spec/README.md's operations table (the
// "Documented statuses" column is the vendor's, "Added by the spec" the contract's), so the
// verdicts follow the table as it is edited; the other rules cite their rows here.
import { readFile } from 'node:fs/promises';
import { PACKAGE_ROOT } from '../paths.js';

export type RuleOrigin = 'vendor' | 'choice';

export interface RuleSource {
  /** A citation a reader can open: a row of spec/README.md, a choice `Cn`, a public page. */
  source: string;
  origin: RuleOrigin;
}

export const SPEC_README = `${PACKAGE_ROOT}spec/README.md`;

const STATUS = /\b[1-5]\d\d\b/g;

interface OperationRow {
  source: string;
  documented: Set<number>;
  /** Each added status with the words the table gives it (its choice, its reason). */
  added: Map<number, string>;
}

export class StatusSources {
  readonly #rows: ReadonlyMap<string, OperationRow>;

  constructor(rows: ReadonlyMap<string, OperationRow>) {
    this.#rows = rows;
  }

  /** Where a status of an operation is documented, or undefined when it is not. */
  of(operationId: string, status: number): RuleSource | undefined {
    const row = this.#rows.get(operationId);
    if (!row) return undefined;
    if (row.documented.has(status)) {
      return { source: `spec/README.md, ${operationId}: ${row.source}`, origin: 'vendor' };
    }
    const added = row.added.get(status);
    if (added === undefined) return undefined;
    const choice = /\bC\d+\b/.exec(added)?.[0];
    return {
      source: `spec/README.md, ${operationId}, added by the spec: ${added}${choice ? '' : ' (C2)'}`,
      origin: 'choice',
    };
  }

  /** The row an undocumented status is judged by: the statuses the vendor documents. */
  rowOf(operationId: string): string {
    const row = this.#rows.get(operationId);
    if (!row) return `spec/webhook.openapi.yaml, ${operationId}`;
    const documented = [...row.documented].join(', ');
    return `spec/README.md, ${operationId}: ${documented} (${row.source}); added: ${[...row.added.keys()].join(', ')}`;
  }
}

/** "401, 404 for a WebhookId above 0 … (C7), 406" → each status with its own words. */
function addedStatuses(cell: string): Map<number, string> {
  const added = new Map<number, string>();
  for (const part of cell.split(/[,;]\s*(?=\d{3}\b)/)) {
    for (const match of part.matchAll(STATUS)) {
      if (!added.has(Number(match[0]))) added.set(Number(match[0]), part.trim());
    }
  }
  return added;
}

/** The table rows `| method and path | \`operationId\` | source | documented | added |`. */
export function parseStatusTable(markdown: string): StatusSources {
  const rows = new Map<string, OperationRow>();
  for (const line of markdown.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    if (cells.length < 7) continue;
    const id = /^`(\w+)`$/.exec(cells[2] ?? '')?.[1];
    if (!id) continue;
    // "200 (seed 001)": statuses in the documented cell, but not the numbers of a citation.
    const documentedCell = (cells[4] ?? '')
      .replace(/\b(seeds?|PR #)\s*[\d\s,]+/g, '')
      .replace(/\bnot\W+\d{3}/g, '');
    rows.set(id, {
      source: cells[3] ?? '',
      documented: new Set([...documentedCell.matchAll(STATUS)].map((m) => Number(m[0]))),
      added: addedStatuses(cells[5] ?? ''),
    });
  }
  return new StatusSources(rows);
}

export async function loadStatusSources(path: string = SPEC_README): Promise<StatusSources> {
  return parseStatusTable(await readFile(path, 'utf8'));
}

const FIELDS_TABLE = 'spec/README.md, Fields, schemas, parameters and headers';

/** Rules other than statuses, each with the row that states it. */
export const RULES = {
  'route.known': {
    source: 'spec/README.md C17 (unknown routes and methods are 404)',
    origin: 'choice',
  },
  'response.refuses-invalid': {
    source: 'spec/README.md C2 (400 for a bad body or parameter), C12 (415)',
    origin: 'choice',
  },
  'response.status': { source: 'spec/README.md, Operations and statuses', origin: 'vendor' },
  'response.credentials': {
    source: `${FIELDS_TABLE}: security schemes Basic, SOTicket, Bearer (every seed page)`,
    origin: 'vendor',
  },
  'response.media-type': {
    source: `${FIELDS_TABLE}: Accept (vendor Swagger \`produces\`)`,
    origin: 'vendor',
  },
  'response.acceptable': {
    source: 'spec/README.md C12 (Accept negotiation, 406)',
    origin: 'choice',
  },
  'response.headers': { source: 'spec/README.md C3 (WWW-Authenticate on 401)', origin: 'choice' },
  'response.body': { source: `${FIELDS_TABLE}`, origin: 'vendor' },
  'response.filters': {
    source: `${FIELDS_TABLE}: list filters (https://docs.superoffice.com/en/api/reference/restful/rest/Webhook/v1Webhook_GetAllWebhooks.html; names C20)`,
    origin: 'vendor',
  },
  'response.select': { source: 'spec/README.md C8 (what $select does)', origin: 'choice' },
  'delivery.signature': {
    source: `${FIELDS_TABLE}: X-SuperOffice-Signature (https://docs.superoffice.com/en/automation/webhook/security.html)`,
    origin: 'vendor',
  },
  'delivery.headers': {
    source: `${FIELDS_TABLE}: delivery request headers (https://docs.superoffice.com/en/automation/webhook/notification.html)`,
    origin: 'vendor',
  },
  'delivery.custom-headers': {
    source: `${FIELDS_TABLE}: Headers (seed pages)`,
    origin: 'vendor',
  },
  'delivery.payload': {
    source: `${FIELDS_TABLE}: delivery body WebhookPayload (https://docs.superoffice.com/en/automation/webhook/notification.html)`,
    origin: 'vendor',
  },
  'delivery.retry': {
    source: `${FIELDS_TABLE}: delivery answers and retries (https://docs.superoffice.com/en/automation/webhook/notification.html)`,
    origin: 'vendor',
  },
  'delivery.retry-early': {
    source: `${FIELDS_TABLE}: delivery retries 1 s then 4 s (https://docs.superoffice.com/en/automation/webhook/notification.html); tolerance C43`,
    origin: 'vendor',
  },
  'delivery.retry-missing': {
    source: `${FIELDS_TABLE}: delivery retries, 3 tries (https://docs.superoffice.com/en/automation/webhook/notification.html); slack C43`,
    origin: 'vendor',
  },
  'delivery.gone': {
    source:
      'spec/README.md, webhookEvent: 410 Gone disables at once (https://docs.superoffice.com/en/automation/webhook/notification.html); C43',
    origin: 'vendor',
  },
  'delivery.not-active': {
    source:
      'spec/README.md, signalWebhookEvent (all active webhooks listening for the event are notified: https://docs.superoffice.com/en/api/reference/restful/rest/Webhook/v1Webhook_SignalEvent.html)',
    origin: 'vendor',
  },
  'delivery.unsubscribed': {
    source:
      'spec/README.md, signalEvent (all webhooks listening for the event will be notified: https://docs.superoffice.com/en/api/reference/restful/agent/Webhook_Agent/v1WebhookAgent_SignalEvent.html), signalWebhookEvent (https://docs.superoffice.com/en/api/reference/restful/rest/Webhook/v1Webhook_SignalEvent.html)',
    origin: 'vendor',
  },
  'delivery.deleted': {
    source:
      'spec/README.md, deleteWebhook: 204 "Webhook deleted." (https://docs.superoffice.com/en/api/reference/restful/rest/Webhook/v1Webhook_DeleteWebhook.html)',
    origin: 'vendor',
  },
  'sequence.if-unmodified-since': {
    source:
      'spec/README.md, patchWebhook: 412 (seed 004); the comparison C10 (Updated to the second)',
    origin: 'vendor',
  },
  'sequence.deleted': {
    source:
      'spec/README.md, deleteWebhook: 204 "Webhook deleted." (https://docs.superoffice.com/en/api/reference/restful/rest/Webhook/v1Webhook_DeleteWebhook.html)',
    origin: 'vendor',
  },
  'sequence.dates': {
    source: `${FIELDS_TABLE}: Registered, Updated (when registered, last updated: https://docs.superoffice.com/en/database/tables/webhook.html)`,
    origin: 'vendor',
  },
  'sequence.patch': {
    source: 'spec/README.md, patchWebhook (seed 004: JSON Patch RFC 6902, Merge Patch RFC 7396)',
    origin: 'vendor',
  },
  'sequence.name-filter': {
    source: 'spec/README.md C20 (nameFilter matches the whole Name without regard to case)',
    origin: 'choice',
  },
  'sequence.counters': {
    source: `${FIELDS_TABLE}: TotalCalls, TotalErrors (times invoked, times target returned error: https://docs.superoffice.com/en/database/tables/webhook.html)`,
    origin: 'vendor',
  },
} as const satisfies Record<string, RuleSource>;

/** If-Unmodified-Since on PUT and DELETE is the contract's choice (the vendor documents PATCH). */
export const PRECONDITION_CHOICE: RuleSource = {
  source: 'spec/README.md C10 (If-Unmodified-Since on PATCH, PUT and DELETE)',
  origin: 'choice',
};

export type RuleId = keyof typeof RULES;

/** Schema rules the contract chose where the vendor is silent, by the field they constrain. */
const BODY_CHOICES: Array<{ test: RegExp; source: string }> = [
  { test: /(^|\.)(Registered|Updated)\b/, source: 'spec/README.md C9 (dates)' },
  { test: /(^|\.)_Links\b/, source: 'spec/README.md C15 (_Links values)' },
  {
    test: /TargetUrl.*maxLength|maxLength.*TargetUrl/,
    source: 'spec/README.md (TargetUrl maxLength, the spec’s own bound)',
  },
  { test: /unevaluated|additional/i, source: 'spec/README.md C11 (unknown properties)' },
];

/** The source of one body problem: an error body (C1) or a choice by field, else the vendor. */
export function bodyRuleSource(status: number, problem: string): RuleSource {
  if (status >= 400) return { source: 'spec/README.md C1, C2 (the error body)', origin: 'choice' };
  const choice = BODY_CHOICES.find((c) => c.test.test(problem));
  return choice ? { source: choice.source, origin: 'choice' } : RULES['response.body'];
}
