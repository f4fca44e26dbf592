// What the built-in inbox received, newest first: each request's inbox, event, the status it
// was answered with and the signature verdict, with headers and body on opening. The live feed
// sends single entries rendered here.
import type { InboxRecord } from '../inbox/inbox.js';
import type { SignatureVerdict } from '../inbox/verdict.js';
import { Headers, LOG_SHOWN } from './delivery-log.js';
import { clockTime, plural, statusTone } from './format.js';
import { shownBody } from './shown-body.js';

const VERDICT_TONE: Record<SignatureVerdict, string> = {
  verified: 'tone-ok',
  invalid: 'tone-bad',
  unsigned: 'tone-idle',
  'unknown-webhook': 'tone-warn',
};

/** Where the body is downloaded exactly as it arrived (inbox/routes.ts). */
export const bodyUrl = (r: InboxRecord) =>
  `/__admin/inbox/${encodeURIComponent(r.Inbox)}/${r.Id}/body`;

function Body({ record: r }: { record: InboxRecord }) {
  const shown = shownBody(r.Body);
  return (
    <>
      <h4>
        Body <span class="sub">{plural(r.BodyBytes, 'byte')}</span>
        {shown.cut ? (
          <>
            {' · shortened · '}
            <a href={bodyUrl(r)} download>
              download it whole
            </a>
          </>
        ) : null}
      </h4>
      <pre>{shown.text}</pre>
    </>
  );
}

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
            <Body record={r} />
          </section>
        </div>
      </details>
    </li>
  );
}

/** `records` newest first, as Inbox.list() gives them; `dropped` the records let go. */
export function InboxItems({
  records,
  dropped = 0,
}: {
  records: readonly InboxRecord[];
  dropped?: number;
}) {
  const newest = records.slice(0, LOG_SHOWN);
  const note =
    dropped > 0 ? (
      <li class="empty" data-role="inbox-dropped">
        {plural(dropped, 'older record')} dropped to stay within the inbox's bounds.
      </li>
    ) : null;
  if (newest.length === 0 && note) return note;
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
      {note}
    </>
  );
}
