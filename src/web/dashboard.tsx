// The dashboard at `/`: webhooks, the live delivery log, and the controls a developer needs
// while testing a receiver (signal an event, reset to a fixture). Rendered on the server; the
// small script in dashboard-script.ts keeps it live over server-sent events.
import type { WebhookRecord } from '../domain/webhook.js';
import type { InboxRecord } from '../inbox/inbox.js';
import type { DeliveryRecord } from '../store/state.js';
import { CounterLegend } from './counter-legend.js';
import type { Credentials } from './credentials.js';
import { CheckReceiverPanel } from './check-receiver-panel.js';
import { DeliveryItems } from './delivery-log.js';
import { InboxItems } from './inbox-log.js';
import { Layout } from './layout.js';
import { WebhookTable } from './webhook-table.js';
import type { JournalEntry } from '../requests/request-journal.js';
import { RequestsPanel } from './request-log.js';
import { apiBase, TenantPicker, type TenantPickerProps } from './tenant-picker.js';

export interface DashboardProps extends TenantPickerProps {
  webhooks: readonly WebhookRecord[];
  deliveries: readonly DeliveryRecord[];
  /** What the built-in inbox received, newest first. */
  inbox: readonly InboxRecord[];
  /** Inbox records dropped to stay within its bounds. */
  inboxDropped?: number;
  credentials: Credentials | undefined;
  auth: 'on' | 'none';
  fixtures: readonly string[];
  currentFixture: string;
  /** The tenant's newest API calls, newest first; no panel when the journal is not given. */
  requests?: readonly JournalEntry[];
}

/** Event names worth offering: those the webhooks listen to, then a few common ones. */
function eventSuggestions(webhooks: readonly WebhookRecord[]): string[] {
  const names = webhooks.flatMap((w) => w.Events ?? []).filter((e) => !e.includes('*'));
  return [...new Set([...names, 'contact.created', 'person.changed', 'sale.sold'])];
}

function SignalForm({ webhooks, credentials, tenant }: DashboardProps) {
  const events = eventSuggestions(webhooks);
  return (
    <section class="card">
      <header>
        <h2>Signal an event</h2>
      </header>
      <div class="body">
        <form
          id="signal-form"
          class="stacked"
          data-authorization={credentials?.basic ?? ''}
          data-api={apiBase(tenant)}
        >
          <label>
            Event name
            <input name="event" list="event-names" required value={events[0] ?? ''} />
          </label>
          <datalist id="event-names">
            {events.map((name) => (
              <option value={name} />
            ))}
          </datalist>
          <label>
            Primary key
            <input name="primaryKey" type="number" min="0" step="1" value="1" />
          </label>
          <label>
            Data (JSON object, sent as FieldValues)
            <textarea name="data" spellcheck={false}>
              {'{\n  "name": "Acme Inc."\n}'}
            </textarea>
          </label>
          <button type="submit">Signal event</button>
          <p class="sub">
            Sends <code>POST {apiBase(tenant)}/Agents/Webhook/SignalEvent</code>
            {credentials ? ` as ${credentials.userName} (Basic).` : '.'}
          </p>
        </form>
      </div>
    </section>
  );
}

function ResetForm({ fixtures, currentFixture, tenant }: DashboardProps) {
  return (
    <section class="card">
      <header>
        <h2>Reset to a fixture</h2>
      </header>
      <div class="body">
        <form id="reset-form" class="row">
          <label>
            Fixture
            <select name="fixture">
              {fixtures.map((name) => (
                <option value={name} selected={name === currentFixture}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" class="danger" style="flex: 0 0 auto">
            Reset
          </button>
        </form>
        <p class="sub">
          Replaces {tenant ?? 'the default tenant'}'s webhooks, users and logs with the fixture's
          data, ids included, and clears its inbox records.
        </p>
      </div>
    </section>
  );
}

function CredentialsCard({ credentials, auth }: DashboardProps) {
  return (
    <section class="card">
      <header>
        <h2>Credentials</h2>
        <span class="hint">{auth === 'none' ? 'not required (--auth none)' : 'any one'}</span>
      </header>
      <div class="body">
        {credentials ? (
          <dl class="creds">
            <dt>Basic</dt>
            <dd>
              {credentials.userName} / {credentials.password}
            </dd>
            {credentials.ticket ? <dt>SOTicket</dt> : null}
            {credentials.ticket ? <dd>SOTicket {credentials.ticket}</dd> : null}
            {credentials.token ? <dt>Bearer</dt> : null}
            {credentials.token ? <dd>Bearer {credentials.token}</dd> : null}
          </dl>
        ) : (
          <p class="sub">The fixture has no users.</p>
        )}
      </div>
    </section>
  );
}

export function Dashboard(props: DashboardProps) {
  return (
    <Layout
      title="Dashboard"
      section="dashboard"
      scripts={['/__ui/dashboard.js', '/__ui/check-receiver.js']}
    >
      <div class="stack">
        <section class="card">
          <header>
            <h2>Webhooks</h2>
            <span class="hint">state and delivery counters</span>
            <span class="end">
              <TenantPicker tenant={props.tenant} tenants={props.tenants} />
            </span>
          </header>
          <WebhookTable webhooks={props.webhooks} />
          <CounterLegend />
        </section>
        <div class="grid">
          <section class="card">
            <header>
              <h2>Deliveries</h2>
              <span class="hint">newest first · open one for the request and its attempts</span>
              <span class="end">
                <span id="live-status" class="live">
                  connecting…
                </span>
              </span>
            </header>
            <ul id="delivery-list" class="deliveries">
              <DeliveryItems deliveries={props.deliveries} />
            </ul>
            <header>
              <h2>Inbox</h2>
              <span class="hint">
                what <code>/__inbox/&lt;name&gt;</code> received · signature checked against the
                webhook's Secret
              </span>
            </header>
            <ul id="inbox-list" class="deliveries">
              <InboxItems records={props.inbox} dropped={props.inboxDropped ?? 0} />
            </ul>
            {props.requests ? <RequestsPanel entries={props.requests} /> : null}
          </section>
          <aside class="stack">
            <SignalForm {...props} />
            <CheckReceiverPanel />
            <CredentialsCard {...props} />
            <ResetForm {...props} />
          </aside>
        </div>
      </div>
      <div id="flash" class="flash" role="status" aria-live="polite"></div>
    </Layout>
  );
}
