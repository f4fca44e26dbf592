// What the built-in inbox received, newest first: each request's inbox, event, the status it
// was answered with and the signature verdict, with headers and body on opening. The live feed
// sends single entries rendered here.
import type { InboxRecord } from '../inbox/inbox.js';
import type { SignatureVerdict } from '../inbox/verdict.js';
import { Headers, LOG_SHOWN } from './delivery-log.js';
import { clockTime, prettyJson, statusTone } from './format.js';

const VERDICT_TONE: Record<SignatureVerdict, string> = {
  verified: 'tone-ok',
  invalid: 'tone-bad',
  unsigned: 'tone-idle',
  'unknown-webhook': 'tone-warn',
};

export function InboxItem({ record: r }: { record: InboxRecord }) {
  return (
    <li class="delivery" id={`inbox-${r.Id}`}>
      <details>
        <summary>
          <span class="id">#{r.Id}</span>
          <time datetime={r.ReceivedAt}>{clockTime(r.ReceivedAt)}</time>
          <span class="event">{r.Event ?? r.Method}</span>
          <span class="hook" title={r.Url}>
            {r.Inbox}
            {r.Tenant ? <span class="sub"> · {r.Tenant}</span> : null}
          </span>
          <span>
            <span class={`badge ${VERDICT_TONE[r.Signature]}`} data-role="signature">
              {r.Signature}
            </span>
          </span>
          <span>
            <span class={`badge tone-${statusTone(r.Status)}`}>{r.Status}</span>
          </span>
        </summary>
        <div class="detail">
          <section>
            <h4>
              Request{' '}
              <code class="target">
                {r.Method} {r.Url}
              </code>
            </h4>
            <Headers headers={r.Headers} />
            <h4>Body</h4>
            <pre>{prettyJson(r.Body)}</pre>
          </section>
        </div>
      </details>
    </li>
  );
}

/** `records` newest first, as Inbox.list() gives them. */
export function InboxItems({ records }: { records: readonly InboxRecord[] }) {
  const newest = records.slice(0, LOG_SHOWN);
  if (newest.length === 0) {
    return (
      <li class="empty empty-row">
        Nothing received yet. Webhooks whose TargetUrl is this mock's /__inbox/&lt;name&gt; land
        here.
      </li>
    );
  }
  return (
    <>
      {newest.map((record) => (
        <InboxItem record={record} />
      ))}
    </>
  );
}
