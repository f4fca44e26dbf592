// The webhooks with their state and delivery counters. A row is also what the live feed sends
// when a webhook changes, so the page and the feed render with the same component.
import type { WebhookRecord } from '../domain/webhook.js';
import { CounterHeading } from './counter-legend.js';
import { firstLine } from './format.js';

const STATE_TONE: Record<string, string> = {
  Active: 'tone-ok',
  Stopped: 'tone-idle',
  TooManyErrors: 'tone-bad',
};

export const webhookRowId = (id: number) => `webhook-${id}`;

export function WebhookRow({ webhook: w }: { webhook: WebhookRecord }) {
  return (
    <tr id={webhookRowId(w.WebhookId)} data-state={w.State}>
      <td class="num">{w.WebhookId}</td>
      <td>
        <div class="name">{w.Name ?? '(no name)'}</div>
        {w.Description ? <div class="sub">{w.Description}</div> : null}
      </td>
      <td>
        <div class="chips">
          {(w.Events ?? []).map((event) => (
            <span class="chip">{event}</span>
          ))}
        </div>
      </td>
      <td>
        <div class="url">{w.TargetUrl ?? ''}</div>
        {w.Type === 'crmscript' ? <div class="sub">CRMScript</div> : null}
      </td>
      <td>
        <span class={`badge ${STATE_TONE[w.State] ?? 'tone-idle'}`}>{w.State}</span>
      </td>
      <td class="num" data-counter="TotalCalls">
        {w.TotalCalls}
      </td>
      <td class="num" data-counter="TotalErrors">
        {w.TotalErrors}
      </td>
      <td
        class={w.ConsecutiveErrors > 0 ? 'num errors-hot' : 'num'}
        data-counter="ConsecutiveErrors"
      >
        {w.ConsecutiveErrors}
      </td>
      <td>
        {w.LastError ? (
          <span class="last-error" title={w.LastError}>
            {firstLine(w.LastError, 48)}
          </span>
        ) : (
          <span class="sub">—</span>
        )}
      </td>
    </tr>
  );
}

export function WebhookRows({ webhooks }: { webhooks: readonly WebhookRecord[] }) {
  if (webhooks.length === 0) {
    return (
      <tr class="empty-row">
        <td colspan={9} class="empty">
          No webhooks. Create one with <code>POST /api/v1/Webhook</code> or reset to a fixture.
        </td>
      </tr>
    );
  }
  return (
    <>
      {webhooks.map((webhook) => (
        <WebhookRow webhook={webhook} />
      ))}
    </>
  );
}

export function WebhookTable({ webhooks }: { webhooks: readonly WebhookRecord[] }) {
  return (
    <table class="webhooks">
      <thead>
        <tr>
          <th class="num">Id</th>
          <th>Name</th>
          <th>Events</th>
          <th>Target</th>
          <th>State</th>
          <CounterHeading counter="TotalCalls" />
          <CounterHeading counter="TotalErrors" />
          <CounterHeading counter="ConsecutiveErrors" />
          <CounterHeading counter="LastError" num={false} />
        </tr>
      </thead>
      <tbody id="webhook-rows">
        <WebhookRows webhooks={webhooks} />
      </tbody>
    </table>
  );
}
