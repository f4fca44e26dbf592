// The behaviour matrix as data: every rule of the contract — each row of spec/README.md's tables,
// each section of the reference fact sheet (§1–§6) and each vendor file in spec/vendor/ — by
// the variants it holds under (surface, media type, casing, credentials scheme, delivery path).
// A cell names the cases that check it, or says why HTTP cannot check it. matrix.test.ts fails
// on a rule without a row here and on a cell with neither.

/** Cases that check the cell, or why no HTTP exchange can. */
export type Cell = { cases: readonly string[] } | { reason: string };

export interface MatrixRule {
  /** The first cell of a spec/README.md row (its start), `docs/sources.md §…` or a spec/vendor file. */
  rule: string;
  /** Variant → cell; `all` when the rule has no variants. */
  cells: Readonly<Record<string, Cell>>;
}

const c = (...cases: string[]): Cell => ({ cases });
const n = (reason: string): Cell => ({ reason });
const r = (rule: string, cells: Record<string, Cell>): MatrixRule => ({ rule, cells });

const DOC_DECISION = (rule: string) =>
  n(
    `a decision between documentation pages, not a behaviour; the rule it chose is the row "${rule}"`,
  );

export const SPEC_ROWS: readonly MatrixRule[] = [
  // Operations and statuses
  r('`POST /api/v1/Agents/Webhook/CreateDefaultWebhook`', {
    Agent: c('operations.create-default-agent', 'operations.default-values'),
    'no credentials': c('auth.agent-missing-401'),
  }),
  r('`POST /api/v1/Agents/Webhook/SaveWebhook`', {
    'Agent update': c('operations.save-agent', 'save.update-with-id'),
    'Agent create': c('save.create-with-id-zero'),
    'unknown id': c('save.save-unknown-id-404'),
    camelCase: c('binding.camelcase-body'),
  }),
  r('`POST /api/v1/Agents/Webhook/DeleteWebhook`', {
    Agent: c('operations.delete-agent', 'save.delete-agent-then-get'),
    'unknown id': c('save.delete-agent-unknown-id-204'),
    'query name case': c('binding.query-name-case'),
  }),
  r('`POST /api/v1/Agents/Webhook/GetWebhook`', {
    Agent: c('operations.get-agent'),
    'unknown id': c('operations.get-agent-unknown-null'),
    $select: c('select.agent-get'),
  }),
  r('`POST /api/v1/Agents/Webhook/GetAllWebhooks`', {
    Agent: c('operations.list-agent', 'filters.agent'),
    camelCase: c('binding.camelcase-filters'),
    'name in any case': c('filters.name-any-case'),
    xml: c('binding.xml-body'),
    $select: c('select.agent-list'),
  }),
  r('`POST /api/v1/Agents/Webhook/TestWebhook`', { Agent: c('test.agent-success') }),
  r('`POST /api/v1/Agents/Webhook/SignalEvent`', {
    Agent: c('operations.signal-agent', 'deliveries.arrives', 'deliveries.signal-without-data'),
    'missing EventName': c('bad-input.signal-without-event-400'),
    '503 queue full': n(
      "needs the target's delivery queue filled, which would disturb a shared server",
    ),
  }),
  r('`POST /api/v1/Agents/Webhook/GetLastError`', {
    Agent: c('lasterror.agent'),
    'unknown id': c('lasterror.agent-unknown-null'),
  }),
  r('`GET /api/v1/Webhook/default`', {
    REST: c('operations.get-default', 'operations.default-values'),
  }),
  r('`GET /api/v1/Webhook`', {
    REST: c('operations.list', 'filters.event', 'filters.status', 'filters.combined'),
    'name in any case': c('filters.name-any-case'),
    'State in any case': c('filters.status-any-case'),
    'bad statusFilter 400': c('bad-input.unknown-status-filter-400'),
  }),
  r('`POST /api/v1/Webhook`', {
    json: c('operations.post-create'),
    'text/json': c('binding.text-json'),
    'json; charset': c('binding.json-charset'),
    form: c('binding.form-body'),
    'non-HTTPS 400': c('bad-input.insecure-target-400'),
    'unknown id 404': c('save.save-unknown-id-404'),
    '413 too large': n(
      "a body above the target's size limit is not documented, and its limit is unknown",
    ),
    '415': c('bad-input.unsupported-media-type-415'),
  }),
  r('`GET /api/v1/Webhook/{id}`', {
    REST: c('operations.get'),
    '404': c('operations.get-unknown-404'),
    'non-integer id 400': c('bad-input.non-numeric-id'),
    '406': c('bad-input.not-acceptable-406'),
  }),
  r('`PUT /api/v1/Webhook/{id}`', {
    REST: c('operations.put', 'save.put-replaces'),
    'no body 400': c('bad-input.put-without-body-400'),
    '404': c('save.put-unknown-id-404'),
    '412': c('save.put-stale-412'),
  }),
  r('`PATCH /api/v1/Webhook/{id}`', {
    REST: c('operations.patch'),
    '404': c('patch.unknown-id-404'),
    '409': c('patch.test-failure-409'),
    '412': c('patch.stale-412'),
    '400': c('patch.move-refused', 'patch.read-only-refused', 'bad-input.malformed-patch-400'),
  }),
  r('`DELETE /api/v1/Webhook/{id}`', {
    REST: c('operations.delete', 'save.delete-then-get'),
    '404': c('save.delete-unknown-id-404'),
    '412': c('save.delete-stale-412'),
  }),
  r('`POST /api/v1/Webhook/Test`', {
    REST: c('test.rest-success', 'test.saves-nothing'),
    'failing target': c('test.target-error', 'test.unreachable-target'),
  }),
  r('`POST /api/v1/Webhook/{eventName}/{primaryKey}`', {
    REST: c('operations.signal-rest', 'deliveries.rest-signal'),
  }),
  r('`GET /api/v1/Webhook/{id}/LastError`', {
    REST: c('lasterror.rest', 'lasterror.after-failed-delivery'),
    '404': c('lasterror.rest-unknown-404'),
  }),
  r('`webhooks: webhookEvent`', {
    'happy path': c('deliveries.arrives', 'deliveries.headers', 'deliveries.payload-shape'),
    'failing receiver': c('deliveries.retry-after-failure', 'deliveries.retry-counters'),
    '410 Gone': c('deliveries.gone-disables'),
    'non-200 2xx': c('deliveries.only-200-succeeds'),
  }),
  // Fields, schemas, parameters and headers
  r('The 13 older Webhook fields', { REST: c('operations.get'), Agent: c('operations.get-agent') }),
  r('`WebhookId` `minimum: 0`', {
    create: c('save.create-with-id-zero'),
    update: c('save.update-with-id'),
  }),
  r('`Name` `maxLength: 400`', {
    all: n(
      "the limit is the database column's; a longer name is not documented to be refused, only cut by the UI",
    ),
  }),
  r('`Events` items, `EventName`', {
    REST: c('filters.event', 'filters.event-second-item'),
    'append form': c('patch.add-array-append'),
  }),
  r('`TargetUrl` HTTPS rule', {
    REST: c(
      'bad-input.insecure-target-400',
      'bad-input.insecure-target-variants-400',
      'bad-input.missing-or-malformed-target-400',
    ),
  }),
  r('`TargetUrl` that reaches the server itself (C25)', {
    REST: c('save.self-target-400'),
    'other loopback spellings': c('save.self-target-spellings-400'),
  }),
  r('`TargetUrl` `maxLength: 4000`', {
    all: n(
      "the spec's own bound, not documented by the vendor: no server is expected to refuse at it",
    ),
  }),
  r('`State` enum', {
    'by name': c('filters.status', 'patch.test-then-replace'),
    'any case': c('binding.enum-name-any-case', 'filters.status-any-case'),
    'by number': c('binding.enum-by-number'),
  }),
  r('`Type`, a plain string', { REST: c('save.round-trip'), $select: c('select.get') }),
  r('`Headers` (`{string: string}`)', {
    'in the delivery': c('deliveries.custom-headers', 'deliveries.properties-in-body'),
    'merge patch': c('patch.merge-nested-members'),
  }),
  r('`Registered`, `Updated` format', {
    'set by the server': c('save.server-dates'),
    'Updated moves forward': c('save.updated-moves-forward'),
    'Registered kept': c('save.registered-kept'),
  }),
  r('`RegisteredAssociate`, `UpdatedAssociate`', {
    REST: c('operations.get'),
    'read-only': c('save.read-only-ignored'),
  }),
  r('`Associate` fields', { schema: c('operations.get') }),
  r('`FieldProperties` →', { schema: c('test.rest-success', 'test.agent-success') }),
  r('`ErrorsEmail` (deprecated', {
    list: c('operations.list'),
    patch: c('patch.add', 'patch.remove'),
  }),
  r('`ErrorEmails` (string array)', { schema: c('operations.get') }),
  r('v11+ fields', {
    schema: c('operations.get'),
    counters: c('deliveries.retry-counters'),
    LastError: c('lasterror.after-failed-delivery', 'lasterror.names-the-answer'),
  }),
  r('`ErrorAssociates` items', { schema: c('operations.get') }),
  r('`NotifyVia` (`None`', {
    'by number': c('binding.flags-by-number', 'binding.flags-zero'),
    'by name': c('save.round-trip'),
    'any case': c('binding.flags-names-any-case'),
  }),
  r('Read-only fields', {
    save: c('save.read-only-ignored'),
    patch: c('patch.read-only-refused'),
  }),
  r('The 14 fields always present', { REST: c('operations.get'), list: c('operations.list') }),
  r('Unknown request properties refused', { json: c('bad-input.unknown-property-400') }),
  r('`_Links` (`Self`, `Archive`)', {
    REST: c('operations.links-where-documented', 'operations.links-self'),
  }),
  r('`WebhookResult`', { REST: c('test.rest-success'), Agent: c('test.agent-success') }),
  r('GetAllWebhooks body', {
    PascalCase: c('filters.agent'),
    camelCase: c('binding.camelcase-filters'),
    xml: c('binding.xml-body'),
  }),
  r('REST list filters', {
    'stored case': c('filters.name', 'filters.event', 'filters.status'),
    'any case': c('filters.name-any-case', 'filters.status-any-case'),
    'Unknown = none': c('filters.status-unknown'),
  }),
  r('SignalEvent body', { Agent: c('operations.signal-agent', 'deliveries.data-in-field-values') }),
  r('REST signal `{eventName}/{primaryKey}`', { REST: c('deliveries.rest-signal') }),
  r('TestWebhook body wrapped', { Agent: c('test.agent-success'), REST: c('test.rest-success') }),
  r('GetLastError body', { Agent: c('lasterror.agent') }),
  r('DeleteWebhook `?WebhookId=`', { 'query name case': c('binding.query-name-case') }),
  r('`$select` (text verbatim)', {
    GET: c('select.get', 'select.case-insensitive'),
    Agent: c('select.agent-get', 'select.agent-list'),
    'POST, PUT, PATCH': c('select.on-save'),
  }),
  r('`{id}` path part', {
    'non-integer': c('bad-input.non-numeric-id'),
    'other notation (C27)': c('bad-input.non-decimal-id-400'),
  }),
  r('JSON Patch `op`', {
    json: c(
      'binding.patch-op-any-case',
      'bad-input.numeric-patch-op-400',
      'patch.replace',
      'patch.add',
      'patch.remove',
      'patch.test-then-replace',
      'patch.test-compares-whole-values',
      'patch.add-without-value-400',
      'patch.from-ignored-on-replace',
    ),
    'json-patch+json': c('patch.json-patch-content-type'),
    'path any case': c('patch.path-case-insensitive'),
    'append form': c('patch.add-array-append'),
    'array index': c(
      'patch.array-index-operations',
      'patch.array-index-past-end-400',
      'patch.array-replace-at-length-400',
      'patch.array-index-leading-zero-400',
      'patch.array-index-two-digits',
    ),
    'escaped names (~0, ~1)': c('patch.escaped-member-names', 'patch.invalid-escape-400'),
    'move/copy': c('patch.move-refused', 'patch.copy-refused'),
    'no property / missing member': c(
      'patch.root-path-refused',
      'patch.remove-missing-400',
      'patch.replace-missing-member-400',
      'patch.remove-missing-member-400',
      'patch.test-missing-member-400',
      'patch.add-missing-parent-400',
      'patch.path-through-string-400',
      'patch.path-forbidden-member-400',
      'patch.path-prototype-member-400',
    ),
    atomic: c('patch.atomic'),
  }),
  r('JSON Merge Patch (RFC 7396)', {
    json: c('patch.merge', 'patch.merge-null-removes'),
    'merge-patch+json': c('patch.merge-content-type', 'patch.merge-null-removes-merge-patch-json'),
    camelCase: c('binding.merge-patch-camelcase'),
    'nested objects': c(
      'patch.merge-nested-members',
      'patch.merge-two-levels-deep',
      'patch.merge-null-absent-member',
    ),
    'member names any case (C11)': c('patch.merge-member-case', 'patch.merge-unknown-member-400'),
    'entity round trip (C46)': c('patch.merge-round-trip'),
    'array body': c('patch.merge-patch-array-refused'),
  }),
  r('Body media types', {
    json: c('operations.post-create'),
    'text/json': c('binding.text-json'),
    xml: c('binding.xml-body'),
    form: c('binding.form-body'),
    other: c('bad-input.unsupported-media-type-415'),
    'required, left out': c('bad-input.required-bodies-400', 'bad-input.put-without-body-400'),
  }),
  r('`If-Unmodified-Since`', {
    PATCH: c('patch.stale-412', 'patch.fresh-if-unmodified-since'),
    'not a date': c('patch.unparseable-since-ignored'),
    PUT: c('save.put-stale-412'),
    DELETE: c('save.delete-stale-412'),
  }),
  r('Security schemes', {
    Basic: c('auth.basic-accepted', 'auth.wrong-basic-401', 'auth.unknown-user-401'),
    SOTicket: c('auth.soticket-accepted', 'auth.wrong-ticket-401'),
    Bearer: c('auth.bearer-accepted', 'auth.wrong-bearer-401', 'auth.token-under-other-scheme-401'),
    'scheme case': c('auth.scheme-case-insensitive'),
    none: c('auth.missing-401', 'auth.agent-missing-401'),
  }),
  r('`SO-AppToken` request header', {
    all: n(
      "what an app token grants is the installation's business; any value must be accepted, so nothing can fail",
    ),
  }),
  r('`Accept-Language`, `SO-Language`', {
    all: n(
      'accepted and without effect on Webhook fields: no answer differs, so there is nothing to observe',
    ),
  }),
  r('`X-XSRF-TOKEN`', {
    all: n("belongs to the web client's cookie session, which the API surface has not got"),
  }),
  r('`Accept`:', {
    json: c('operations.json-content-type'),
    'text/json': c('binding.text-json-answer'),
    xml: c('binding.xml-answer'),
    none: c('bad-input.not-acceptable-406'),
  }),
  r('Error body', {
    '400': c('bad-input.malformed-json-400'),
    '404': c('operations.get-unknown-404'),
    '409': c('patch.test-failure-409'),
    '412': c('patch.stale-412', 'save.put-stale-412', 'patch.stale-412-before-test-409'),
  }),
  r('`WWW-Authenticate` on 401', { all: c('auth.missing-401') }),
  r('`Retry-After` on 503', {
    all: n('503 comes only from a full delivery queue, which a run must not cause'),
  }),
  r('Default values', {
    REST: c('operations.default-values'),
    Agent: c('operations.create-default-agent'),
  }),
  r('Saved and listed webhook samples', { all: c('save.round-trip') }),
  r('Delivery request headers', {
    'first attempt': c('deliveries.headers'),
    retry: c('deliveries.retry-after-failure'),
  }),
  r('`X-SuperOffice-Signature` =', {
    Secret: c('deliveries.signature'),
    'no Secret': c('deliveries.unsigned-without-secret'),
  }),
  r('`X-Hook-Test: true`', { save: c('deliveries.test-ping-on-save') }),
  r('Delivery body', {
    signal: c('deliveries.payload-shape'),
    retry: c('deliveries.retry-after-failure'),
  }),
  r('Delivery examples', { all: c('deliveries.payload-shape') }),
  r('Delivery answers and retries', {
    'retry 1 s': c('deliveries.retry-after-failure', 'deliveries.retry-spacing'),
    'retry 4 s, then given up': c('deliveries.failed-cycle'),
    '9 failures': c('deliveries.too-many-errors'),
    '410': c('deliveries.gone-disables'),
    'only 200': c('deliveries.only-200-succeeds'),
  }),
  // Where the pages disagree
  r("`Type`'s description", { all: c('save.round-trip') }),
  r('`State`', { all: DOC_DECISION('`State` enum') }),
  r('Numbering on the state-events page', { all: c('binding.enum-by-number') }),
  r('`ErrorMessage` vs `Message`', { all: c('operations.get-unknown-404') }),
  r('7 vs 9 consecutive failures', { all: c('deliveries.too-many-errors') }),
  r('`ErrorsEmail`', { all: c('operations.list') }),
  r("`StatusFilter`'s type", { all: c('filters.agent') }),
  r('SignalEvent `Data`', { all: c('deliveries.data-in-field-values') }),
  r('Dates "in UTC"', { all: c('save.server-dates') }),
  r('Placeholder sample values', {
    all: n('records what was not copied from the pages; there is no behaviour to observe'),
  }),
  r('Request and response media types', { all: DOC_DECISION('Body media types') }),
  r('Scheme spelling', { all: c('auth.scheme-case-insensitive') }),
  r('Header spelling', {
    all: n(
      'HTTP header names are case-insensitive on the wire: no receiver can see the spelling a server used',
    ),
  }),
  r('Is `Secret` returned?', { all: c('save.round-trip') }),
  // Choices where the documentation is silent
  r('C1', { all: c('operations.get-unknown-404', 'bad-input.malformed-json-400') }),
  r('C2', {
    '400': c('bad-input.all-problems-listed'),
    '503': n("needs the target's delivery queue filled, which would disturb a shared server"),
  }),
  r('C3', { all: c('auth.missing-401', 'auth.scheme-case-insensitive') }),
  r('C4', {
    GetWebhook: c('operations.get-agent-unknown-null'),
    GetLastError: c('lasterror.agent-unknown-null'),
  }),
  r('C5', { all: c('save.delete-agent-unknown-id-204') }),
  r('C6', {
    GET: c('operations.get-unknown-404'),
    PUT: c('save.put-unknown-id-404'),
    PATCH: c('patch.unknown-id-404'),
    DELETE: c('save.delete-unknown-id-404'),
    LastError: c('lasterror.rest-unknown-404'),
  }),
  r('C7', { all: c('save.save-unknown-id-404') }),
  r('C8', {
    'any case': c('select.case-insensitive'),
    values: c('select.get'),
    'empty, spaces': c('select.empty-and-spaced'),
  }),
  r('C9', { all: c('save.server-dates') }),
  r('C10', {
    PATCH: c('patch.stale-412', 'patch.fresh-if-unmodified-since'),
    'not a date': c('patch.unparseable-since-ignored'),
    PUT: c('save.put-stale-412'),
    DELETE: c('save.delete-stale-412'),
  }),
  r('C11', {
    camelCase: c('binding.camelcase-body'),
    number: c('binding.enum-by-number', 'binding.flags-by-number'),
    'any case': c(
      'binding.enum-name-any-case',
      'filters.status-any-case',
      'binding.flags-names-any-case',
      'binding.patch-op-any-case',
    ),
    unknown: c('bad-input.unknown-property-400'),
    query: c('binding.query-name-case'),
  }),
  r('C12', {
    'text/json': c('binding.text-json'),
    xml: c('binding.xml-body', 'binding.xml-answer'),
    form: c('binding.form-body'),
    '415': c('bad-input.unsupported-media-type-415'),
    '406': c('bad-input.not-acceptable-406'),
    'Accept weights': c('binding.accept-weights'),
  }),
  r('C13', { all: c('deliveries.data-in-field-values') }),
  r('C14', {
    all: c('deliveries.properties-in-body', 'deliveries.properties-keep-documented-keys'),
  }),
  r('C15', { all: c('operations.links-self') }),
  r('C16', {
    save: c('save.read-only-ignored', 'save.read-only-counters-ignored'),
    patch: c('patch.read-only-refused', 'patch.each-read-only-refused'),
  }),
  r('C17', { all: c('bad-input.unknown-route-404') }),
  r('C18', { '202': c('deliveries.only-200-succeeds'), '410': c('deliveries.gone-disables') }),
  r('C20', { REST: c('filters.name', 'filters.name-any-case'), Agent: c('filters.name-any-case') }),
  r('C21', { all: c('save.round-trip', 'save.type-names') }),
  r('C22', { all: c('operations.get') }),
  r('C23', {
    answer: c('binding.xml-answer'),
    body: c('binding.xml-body', 'binding.text-xml-body'),
    error: c('binding.xml-error'),
  }),
  r('C24', { all: c('binding.form-body', 'binding.form-nested-keys') }),
  r('C26', {
    'framing and own names': c('bad-input.reserved-header-400'),
    'not a token, CR LF NUL': c('bad-input.header-name-value-400'),
    'other tokens kept': c('save.custom-header-token-kept'),
    'hook not pinged on save': c('bad-input.header-rules-unpinged-400'),
  }),
  r('C35', {
    '64 KiB webhook': c('bad-input.webhook-too-large-413'),
    '10 000 webhooks': n(
      'needs 10 000 webhooks on the target, which would disturb a shared server',
    ),
    '100 tenants': n('needs 100 tenants opened on the target, which would disturb a shared server'),
  }),
  r('C45', {
    all: c('deliveries.reactivation-resets-errors', 'deliveries.active-save-keeps-errors'),
  }),
  r('C48', { 'stopping a failing hook': c('save.stopping-unpinged') }),
  r('C49', { all: c('binding.empty-accept') }),
];

/** The fact sheet's sections 1–6, by the variants its text names. */
export const REFERENCE_ROWS: readonly MatrixRule[] = [
  r('reference §1a', {
    REST: c('operations.list', 'operations.get', 'operations.post-create', 'binding.url-path-case'),
  }),
  r('reference §1b', {
    Agent: c('operations.get-agent', 'operations.save-agent', 'binding.camelcase-body'),
  }),
  r('reference §2', {
    all: c('save.round-trip', 'save.server-dates', 'save.updated-moves-forward'),
  }),
  r('reference §2a', { REST: c('operations.get-default'), Agent: c('operations.default-values') }),
  r('reference §2b', {
    REST: c('test.rest-success', 'test.target-error', 'test.refused-target'),
    Agent: c('test.agent-success'),
  }),
  r('reference §2c', {
    https: c('bad-input.insecure-target-400'),
    ping: c('deliveries.test-ping-on-save'),
    'ping refused': c('save.ping-refused-400'),
    'TLS certificate': n(
      'the receiver is plain HTTP on loopback; a certificate check needs a public https endpoint the suite does not run',
    ),
  }),
  r('reference §3a', {
    headers: c('deliveries.headers', 'deliveries.custom-headers'),
    retry: c('deliveries.retry-after-failure'),
  }),
  r('reference §3b', {
    all: c(
      'deliveries.payload-shape',
      'deliveries.properties-in-body',
      'deliveries.changed-by-associate',
    ),
  }),
  r('reference §3c', {
    Secret: c('deliveries.signature'),
    'no Secret': c('deliveries.unsigned-without-secret'),
  }),
  r('reference §3d', {
    Stopped: c('deliveries.none-when-stopped', 'deliveries.resume-when-reactivated'),
    'stopped or deleted before a retry': c(
      'deliveries.no-retry-when-stopped',
      'deliveries.no-retry-when-deleted',
    ),
    retries: c(
      'deliveries.retry-after-failure',
      'deliveries.retry-spacing',
      'deliveries.retry-counters',
      'deliveries.failed-cycle',
    ),
    '410': c('deliveries.gone-disables'),
    '9 failures': c('deliveries.too-many-errors'),
    'errors event': c('deliveries.errors-event-on-disable'),
    'error mail': n('mail goes to an inbox the suite cannot read over the Webhook API'),
  }),
  r('reference §3e', {
    script: n('a crmscript hook runs a script inside the CRM; nothing reaches an HTTP receiver'),
    'counted (C39)': c('deliveries.crmscript-counted'),
  }),
  r('reference §4', {
    subscribed: c(
      'deliveries.only-subscribed-events',
      'filters.event',
      'deliveries.custom-event-named-like-state-event',
    ),
    'state events': c('deliveries.state-change-events', 'deliveries.state-event-payload'),
  }),
  r('reference §5', {
    errors: c('operations.get-unknown-404'),
    patch: c('patch.replace', 'patch.merge'),
    preconditions: c('patch.stale-412', 'save.put-stale-412', 'save.delete-stale-412'),
  }),
  r('reference §6', {
    Basic: c('auth.basic-accepted'),
    SOTicket: c('auth.soticket-accepted'),
    Bearer: c('auth.bearer-accepted'),
    Accept: c('binding.xml-answer', 'binding.text-json-answer'),
    'Content-Type': c('binding.text-json', 'binding.xml-body', 'binding.form-body'),
  }),
];

/** The vendor definitions copied into spec/vendor/. */
export const VENDOR_ROWS: readonly MatrixRule[] = [
  r('spec/vendor/Swagger-v1-Webhook.json', {
    REST: c('operations.get', 'operations.list', 'operations.put', 'operations.patch'),
    consumes: c('binding.text-json', 'binding.form-body'),
  }),
  r('spec/vendor/Swagger-v1-WebhookAgent.json', {
    Agent: c('operations.get-agent', 'operations.list-agent', 'operations.signal-agent'),
    consumes: c('binding.xml-body'),
  }),
  r('spec/vendor/Carriers.webhook-extract.ts.txt', {
    camelCase: c('binding.camelcase-body', 'binding.camelcase-filters'),
    'v11+ fields': c('operations.get', 'deliveries.retry-counters'),
  }),
  r('spec/vendor/README.md', {
    all: n('says where the vendor files came from; no behaviour'),
  }),
];

export const MATRIX: readonly MatrixRule[] = [...SPEC_ROWS, ...REFERENCE_ROWS, ...VENDOR_ROWS];
