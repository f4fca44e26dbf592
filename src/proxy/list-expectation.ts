// Which webhooks the proxy knows a name-filtered list must hold: those it saw with a Name equal
// to the filter without regard to case (spec/README.md C20), on the filtered event (spelled
// alike) if there is one, whose last sighting and last write ended before the list was asked for and that no write
// is changing. A list filtered by State is not judged: the server itself moves State (after too
// many failed deliveries), so no record of the proxy proves a webhook's State.
import { isRecord } from '../domain/is-record.js';
import type { Pending } from './sequence-check.js';
import type { Sighting, Track } from './seen-state.js';
import { member } from './members.js';

const ALL_STATES = new Set(['', 'unknown', '0']);

/** The filters of a list request: the REST query, or the Agent's JSON body. */
function filters(op: string, pending: Pending): Record<string, string | undefined> {
  let source: Record<string, unknown> = {};
  if (op === 'getAllWebhooks') {
    try {
      const body: unknown = JSON.parse(pending.request.body.toString('utf8'));
      if (isRecord(body)) source = body;
    } catch {
      return { unreadable: 'yes' };
    }
  } else {
    source = Object.fromEntries(new URLSearchParams(pending.request.query));
  }
  const pick = (name: string) => {
    const value = member(source, name);
    return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
  };
  return { name: pick('nameFilter'), event: pick('eventFilter'), state: pick('statusFilter') };
}

export function listExpectations(
  live: Iterable<Track & { sighting: Sighting }>,
  op: string,
  pending: Pending,
): Array<{ track: Track & { sighting: Sighting }; filter: string }> {
  const { name, event, state, unreadable } = filters(op, pending);
  if (unreadable || !name || !ALL_STATES.has((state ?? '').toLowerCase())) return [];
  const filter = `nameFilter ${JSON.stringify(name)}${event ? ` eventFilter ${JSON.stringify(event)}` : ''}`;
  const wanted = [];
  for (const track of live) {
    const webhook = track.sighting.webhook;
    const events = Array.isArray(webhook.Events) ? webhook.Events.map(String) : undefined;
    const settled =
      track.writesInFlight === 0 &&
      track.sighting.endedAt < pending.startedAt &&
      track.lastWriteEndedAt < pending.startedAt;
    const named =
      typeof webhook.Name === 'string' && webhook.Name.toLowerCase() === name.toLowerCase();
    const onEvent = !event || (events !== undefined && events.includes(event));
    if (settled && named && onEvent) wanted.push({ track, filter });
  }
  return wanted;
}
