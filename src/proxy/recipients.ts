// Whether a delivery went to a webhook that may receive it: a signalled event goes to the
// Active webhooks listening for it (spec/README.md, signalWebhookEvent, signalEvent), and never
// to one deleted before. Judged only for deliveries the proxy can tie to a signal it relayed
// (same event and PrimaryKey, the signal left before the delivery arrived), against what the
// proxy last saw of each webhook at the receiver path before that signal left, with no write to
// it under way or made since (seen-state.ts). Any webhook at the path that may have received
// the event clears the delivery.
import { isRecord } from '../domain/is-record.js';
import type { Finding } from './exchange-check.js';
import { member } from './members.js';
import type { ProxiedRequest } from './request-check.js';
import { RULES, type RuleId } from './rule-sources.js';
import type { SeenState, Span, Track } from './seen-state.js';

export interface Signal extends Span {
  scope: string;
  event: string;
  primaryKey: number;
}

/** Signals remembered at most, the oldest forgotten first. */
const MAX_SIGNALS = 1_000;

const SIGNALS = new Set(['signalWebhookEvent', 'signalEvent']);

/** The event and PrimaryKey a signal request names, read from its path or its JSON body. */
export function signalOf(
  operationId: string,
  request: ProxiedRequest,
): { event: string; primaryKey: number } | undefined {
  if (!SIGNALS.has(operationId)) return undefined;
  if (operationId === 'signalWebhookEvent') {
    const match = /\/webhook\/([^/]+)\/(\d+)\/?$/i.exec(request.path);
    if (!match) return undefined;
    try {
      return { event: decodeURIComponent(match[1] ?? ''), primaryKey: Number(match[2]) };
    } catch {
      return undefined;
    }
  }
  try {
    const body: unknown = JSON.parse(request.body.toString('utf8'));
    if (!isRecord(body)) return undefined;
    const [event, key] = [member(body, 'EventName'), member(body, 'PrimaryKey') ?? 0];
    return typeof event === 'string' && Number.isInteger(key)
      ? { event, primaryKey: key as number }
      : undefined;
  } catch {
    return undefined;
  }
}

interface Reason {
  rule: RuleId;
  text: string;
}

/** Why `track` cannot have been notified of `cause`, when the record proves it. */
function ineligible(track: Track, cause: Signal): Reason | undefined {
  if (track.scope !== cause.scope) return undefined;
  const signalled = `${cause.event} was signalled (at ${cause.at})`;
  const deleted = track.deleted;
  if (deleted && deleted.endedAt < cause.startedAt) {
    const text = `webhook ${track.id} targets this path, but its delete was acknowledged with 204 (at ${deleted.at}) before ${signalled}`;
    return { rule: 'delivery.deleted', text };
  }
  const seen = track.sighting;
  if (!seen || seen.endedAt >= cause.startedAt || track.writesInFlight > 0) return undefined;
  if (track.lastWriteStartedAt > seen.startedAt || track.lastWriteEndedAt > seen.endedAt)
    return undefined;
  const state = member(seen.webhook, 'State');
  if (state === 'Stopped' || state === 'TooManyErrors') {
    const text = `webhook ${track.id} targets this path and was ${state} as last seen (at ${seen.at}) before ${signalled}; only Active webhooks are notified`;
    return { rule: 'delivery.not-active', text };
  }
  const events = member(seen.webhook, 'Events');
  if (!Array.isArray(events) || !events.every((e) => typeof e === 'string')) return undefined;
  // Without regard to case: a server matching names that way is not proven wrong.
  if (events.some((e) => e.toLowerCase() === cause.event.toLowerCase())) return undefined;
  const text = `webhook ${track.id} targets this path and listened for ${JSON.stringify(events)}, not ${cause.event}, as last seen (at ${seen.at}) before ${signalled}`;
  return { rule: 'delivery.unsubscribed', text };
}

export class Recipients {
  readonly #state: SeenState;
  readonly #signals: Signal[] = [];

  constructor(state: SeenState) {
    this.#state = state;
  }

  /** A request on its way upstream; a signal's deliveries may arrive before its answer does. */
  signalled(sent: {
    operationId: string;
    request: ProxiedRequest;
    scope: string;
    startedAt: number;
  }): Signal | undefined {
    const named = signalOf(sent.operationId, sent.request);
    if (!named) return undefined;
    const { scope, startedAt } = sent;
    const at = new Date(startedAt).toISOString();
    const signal = { ...named, scope, startedAt, endedAt: startedAt, at };
    this.#signals.push(signal);
    if (this.#signals.length > MAX_SIGNALS) this.#signals.shift();
    return signal;
  }

  /** The signal was refused: it caused no delivery. */
  withdrawn(signal: Signal): void {
    const index = this.#signals.indexOf(signal);
    if (index >= 0) this.#signals.splice(index, 1);
  }

  /** The findings on a delivery of `event` for `primaryKey` to `path`, arrived at `arrivedAt`. */
  judge(path: string, event: string, primaryKey: number, arrivedAt: number): Finding[] {
    const tracks = this.#state.atPath(path);
    const causes = this.#signals.filter(
      (s) =>
        s.event.toLowerCase() === event.toLowerCase() &&
        s.primaryKey === primaryKey &&
        s.startedAt < arrivedAt,
    );
    if (tracks.length === 0 || causes.length === 0) return [];
    const reasons = new Map<RuleId, string>();
    for (const cause of causes) {
      for (const track of tracks) {
        const reason = ineligible(track, cause);
        if (!reason) return [];
        if (!reasons.has(reason.rule)) reasons.set(reason.rule, reason.text);
      }
    }
    return [...reasons].map(([rule, message]) => ({ rule, message, ...RULES[rule] }));
  }
}
