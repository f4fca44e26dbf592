// The request journal on the dashboard: the API calls the shown tenant received, newest
// first, each with its status, duration and refusal, and on opening the bodies as the journal
// keeps them (cut at limits.journalBodyBytes; shown as sent, not re-indented).
import type { JournalBody, JournalEntry } from '../requests/request-journal.js';
import { Headers, LOG_SHOWN } from './delivery-log.js';
import { clockTime } from './format.js';

const tone = (status: number) =>
  status < 300 ? 'tone-ok' : status < 500 ? 'tone-warn' : 'tone-bad';

function Body({ body }: { body: JournalBody }) {
  if (body.Text === null) return <p class="sub">No body.</p>;
  return (
    <pre>
      {body.Text}
      {body.Truncated ? '\n… (cut)' : ''}
    </pre>
  );
}

export function RequestItem({ entry: e }: { entry: JournalEntry }) {
  return (
    <li class="delivery" id={`request-${e.Id}`}>
      <details>
        <summary>
          <span class="id">#{e.Id}</span>
          <time datetime={e.At}>{clockTime(e.At)}</time>
          <span class="event">{e.Method}</span>
          <span class="hook" title={e.Url}>
            {e.Path}
            {e.Problem ? <span class="sub"> · {e.Problem}</span> : null}
          </span>
          <span class="num">{e.DurationMs} ms</span>
          <span>
            <span class={`badge ${tone(e.Status)}`}>{e.Status}</span>
          </span>
        </summary>
        <div class="detail">
          <section>
            <h4>
              Request <code class="target">{e.Url}</code>
            </h4>
            <Headers headers={e.Request.Headers} />
            <Body body={e.Request.Body} />
          </section>
          <section>
            <h4>Response</h4>
            <Headers headers={e.Response.Headers} />
            <Body body={e.Response.Body} />
          </section>
        </div>
      </details>
    </li>
  );
}

/** `entries` newest first. */
export function RequestItems({ entries }: { entries: readonly JournalEntry[] }) {
  const newest = entries.slice(0, LOG_SHOWN);
  if (newest.length === 0) {
    return (
      <li class="empty empty-row">
        No API calls yet. Every call to this tenant's API shows here, as at GET /__admin/requests.
      </li>
    );
  }
  return (
    <>
      {newest.map((entry) => (
        <RequestItem entry={entry} />
      ))}
    </>
  );
}

/** The panel: its header and the list the live feed keeps current. */
export function RequestsPanel({ entries }: { entries: readonly JournalEntry[] }) {
  return (
    <>
      <header>
        <h2>Requests</h2>
        <span class="hint">
          API calls received, newest first · as at <code>GET /__admin/requests</code>
        </span>
      </header>
      <ul id="request-list" class="deliveries">
        <RequestItems entries={entries} />
      </ul>
    </>
  );
}
