// The delivery log: one entry per delivery, newest first, with every attempt's status and
// latency and the signed request as sent. The live feed sends single entries rendered here.
import type { DeliveryAttempt, DeliveryRecord } from '../store/state.js';
import { Attempts as AttemptCount } from './counter-legend.js';
import { clockTime, lastAttempt, statusTone } from './format.js';
import { shownBody } from './shown-body.js';

/** How many entries the page shows at first and the feed re-sends on connect. */
export const LOG_SHOWN = 50;

const STATE_TONE: Record<DeliveryRecord['State'], string> = {
  pending: 'tone-warn',
  succeeded: 'tone-ok',
  failed: 'tone-bad',
  gone: 'tone-bad',
  cancelled: 'tone-idle',
  recorded: 'tone-idle',
};

export const deliveryItemId = (id: number) => `delivery-${id}`;

export function Headers({ headers }: { headers: Record<string, string> }) {
  const entries = Object.entries(headers);
  if (entries.length === 0) return <p class="sub">Not sent yet.</p>;
  return (
    <table class="kv">
      {entries.map(([name, value]) => (
        <tr>
          <td>{name}</td>
          <td>{value}</td>
        </tr>
      ))}
    </table>
  );
}

function AttemptRow({ attempt, n }: { attempt: DeliveryAttempt; n: number }) {
  return (
    <tr>
      <td class="num">{n}</td>
      <td>
        <time datetime={attempt.At}>{clockTime(attempt.At)}</time>
      </td>
      <td>
        <span class={`badge tone-${statusTone(attempt.Status)}`}>{attempt.Status ?? 'error'}</span>
      </td>
      <td class="num">{attempt.LatencyMs} ms</td>
      <td class="mono">{attempt.Error ?? attempt.ResponseBody.slice(0, 200)}</td>
    </tr>
  );
}

function Attempts({ delivery }: { delivery: DeliveryRecord }) {
  if (delivery.Attempts.length === 0) {
    const why = delivery.Kind === 'crmscript' ? 'A CRMScript runs inside the CRM.' : 'None yet.';
    return <p class="sub">{why}</p>;
  }
  return (
    <table class="attempts">
      <thead>
        <tr>
          <th class="num">#</th>
          <th>At</th>
          <th>Status</th>
          <th class="num">Latency</th>
          <th>Error or response</th>
        </tr>
      </thead>
      <tbody>
        {delivery.Attempts.map((attempt, i) => (
          <AttemptRow attempt={attempt} n={i + 1} />
        ))}
      </tbody>
    </table>
  );
}

function Summary({ delivery: d }: { delivery: DeliveryRecord }) {
  const last = lastAttempt(d);
  return (
    <summary>
      <span class="id">#{d.DeliveryId}</span>
      <time datetime={d.CreatedAt}>{clockTime(d.CreatedAt)}</time>
      <span class="event">
        {d.Event}
        {d.Kind === 'webhook' ? null : <span class="sub"> · {d.Kind}</span>}
        {d.ReplayOf === null ? null : <span class="sub"> · replay of #{d.ReplayOf}</span>}
      </span>
      <span class="hook" title={d.Url}>
        {d.WebhookName ?? '(no name)'} <span class="sub">#{d.WebhookId}</span>
      </span>
      <span>
        <span class={`badge ${STATE_TONE[d.State]}`} data-role="state">
          {d.State}
        </span>
      </span>
      <span>
        {last ? (
          <span class={`badge tone-${statusTone(last.Status)}`} data-role="status">
            {last.Status ?? 'error'}
          </span>
        ) : null}
      </span>
      <span class="latency">{last ? `${last.LatencyMs} ms` : ''}</span>
      <AttemptCount delivery={d} />
      <span>
        {d.Kind === 'webhook' ? (
          <button class="secondary small" type="button" data-replay={d.DeliveryId}>
            Replay
          </button>
        ) : null}
      </span>
    </summary>
  );
}

export function DeliveryItem({ delivery: d }: { delivery: DeliveryRecord }) {
  return (
    <li class="delivery" id={deliveryItemId(d.DeliveryId)} data-state={d.State}>
      <details>
        <Summary delivery={d} />
        <div class="detail">
          <section>
            <h4>
              Request <code class="target">POST {d.Url}</code>
            </h4>
            <Headers headers={d.RequestHeaders} />
            <h4>Body</h4>
            <pre>{shownBody(d.Body).text}</pre>
          </section>
          <section>
            <h4>Attempts</h4>
            <Attempts delivery={d} />
          </section>
        </div>
      </details>
    </li>
  );
}

export function DeliveryItems({ deliveries }: { deliveries: readonly DeliveryRecord[] }) {
  const newest = deliveries.slice(-LOG_SHOWN).reverse();
  if (newest.length === 0) {
    return <li class="empty empty-row">No deliveries yet. Signal an event to see one arrive.</li>;
  }
  return (
    <>
      {newest.map((delivery) => (
        <DeliveryItem delivery={delivery} />
      ))}
    </>
  );
}
