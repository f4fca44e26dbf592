// The one list of intended differences between spec/webhook.openapi.yaml and the vendor's
// Swagger (spec/vendor/). Each names why, and the spec/README.md choice (`Cn`) that records it;
// any difference not matched here fails test/vendor/spec-vs-vendor.test.ts.

import type { WebhookField } from '../../src/domain/webhook.js';

export interface AllowedDifference {
  /** Matches difference lines as vendorDifferences() writes them. */
  match: RegExp;
  reason: string;
  /** The row of spec/README.md's Choices table that records the difference. */
  choice: `C${number}`;
}

/**
 * Where each Webhook field is documented: in the vendor's generated Swagger, or only in the
 * official client 12.4 (the v11+ fields). Keyed by every field, so a new one does not compile
 * until it is placed.
 */
const FIELD_SOURCES: Record<WebhookField, 'swagger' | 'v11'> = {
  WebhookId: 'swagger',
  Name: 'swagger',
  Events: 'swagger',
  TargetUrl: 'swagger',
  Secret: 'swagger',
  State: 'swagger',
  Type: 'swagger',
  Headers: 'swagger',
  Properties: 'swagger',
  Registered: 'swagger',
  RegisteredAssociate: 'swagger',
  Updated: 'swagger',
  UpdatedAssociate: 'swagger',
  ErrorsEmail: 'swagger',
  ErrorEmails: 'v11',
  ErrorAssociates: 'v11',
  Description: 'v11',
  NotifyVia: 'v11',
  NotifyWhen: 'v11',
  TotalCalls: 'v11',
  TotalErrors: 'v11',
  ConsecutiveErrors: 'v11',
  LastError: 'v11',
};

/** The v11+ Webhook fields: in the official client 12.4, not in the generated Swagger. */
export const V11_FIELDS = (Object.keys(FIELD_SOURCES) as WebhookField[]).filter(
  (field) => FIELD_SOURCES[field] === 'v11',
);

export const ALLOWED_DIFFERENCES: readonly AllowedDifference[] = [
  {
    match: /^PATCH \/api\/v1\/Webhook\/\{\}: operation not in vendor$/,
    reason:
      'The vendor generator omits PATCH for every entity; the PATCH reference page (docs/sources.md seed 004) documents it.',
    choice: 'C12',
  },
  {
    match: /: (consumes|produces) application\/(json-patch|merge-patch)\+json not in ours$/,
    reason:
      'The generator lists the two patch media types on every operation; only PATCH takes a patch document, and no operation answers one.',
    choice: 'C12',
  },
  {
    match: /: status 401 not in vendor$/,
    reason: 'Every operation needs credentials; the Swagger lists no 401.',
    choice: 'C3',
  },
  {
    match: /: status 40[06] not in vendor$/,
    reason: 'A bad parameter or body is 400; an Accept the server cannot serve is 406.',
    choice: 'C2',
  },
  {
    match: /: status 41[35] not in vendor$/,
    reason: 'A body over the size limit is 413; a Content-Type nobody can bind is 415.',
    choice: 'C2',
  },
  {
    match: /: status 503 not in vendor$/,
    reason: 'A signal is refused while the delivery queue is full.',
    choice: 'C2',
  },
  {
    match: /^(GET|PUT|DELETE) \/api\/v1\/Webhook\/\{\}(\/LastError)?: status 404 not in vendor$/,
    reason:
      'An unknown id in a REST path is 404 everywhere, as it is documented for GET and PATCH.',
    choice: 'C6',
  },
  {
    match: /^POST \/api\/v1\/(Webhook|Agents\/Webhook\/SaveWebhook): status 404 not in vendor$/,
    reason: 'Saving with a WebhookId above 0 that does not exist is 404.',
    choice: 'C7',
  },
  {
    match:
      /^(PUT|DELETE) \/api\/v1\/Webhook\/\{\}: (status 412|parameter header If-Unmodified-Since) not in vendor$/,
    reason: 'If-Unmodified-Since and its 412 on PUT and DELETE, as documented for PATCH.',
    choice: 'C10',
  },
  {
    match:
      /^(GET \/api\/v1\/Webhook\/\{\}\/LastError: parameter path (webhookId not in ours|id not in vendor)|POST \/api\/v1\/Agents\/Webhook\/DeleteWebhook: parameter query (webhookId not in ours|WebhookId not in vendor))$/,
    reason:
      'Same URL and the same query parameter: a path part has no name on the wire (`{id}` like its siblings), and query names bind case-insensitively (`WebhookId` is how the official client spells it).',
    choice: 'C11',
  },
  {
    match:
      /^schema (WebhookFields|WebhookWithLinks)\.(Registered|Updated): type vendor=string\/date-time ours=string$/,
    reason:
      'The unset date 0001-01-01T00:00:00 has no zone, which format date-time refuses; the DateTime pattern accepts both forms.',
    choice: 'C9',
  },
  {
    match: new RegExp(
      `^schema (WebhookFields|WebhookWithLinks)\\.(${V11_FIELDS.join('|')}): not in vendor$`,
    ),
    reason:
      'The v11+ fields are in the official client 12.4 (spec/vendor/Carriers.webhook-extract.ts.txt) but not in the generated Swagger; optional in the spec.',
    choice: 'C22',
  },
];
