// What the proxy has seen happen to each webhook of its upstream, and when: the last full
// representation an answer carried, the writes under way, the deletes the upstream acknowledged,
// and the delivery attempts relayed to the receiver. Times are the proxy's own clock, taken
// when a request left and when its answer came back, so the sequence rules (sequence-check.ts)
// compare only exchanges whose order the proxy knows. Bounded: the webhooks used longest ago are
// forgotten first, and a forgotten webhook is judged again only from its next sighting.
import { pathOf } from './members.js';

export type Representation = Record<string, unknown>;

/** An exchange as the proxy timed it: request sent, answer received. */
export interface Span {
  startedAt: number;
  endedAt: number;
  /** When the request left, as an ISO date: how a message names the exchange. */
  at: string;
}

export interface Sighting extends Span {
  webhook: Representation;
}

/** Delivery attempts of one webhook relayed since `base`, the counters seen before any. */
export interface Relayed {
  base: { TotalCalls: number; TotalErrors: number; at: string } | undefined;
  attempts: number;
  failed: number;
  /** An attempt was relayed before the proxy saw the webhook's counters: nothing to judge by. */
  unknownBase: boolean;
}

export interface Track {
  /** The tenant the webhook belongs to, as the request path named it ('' for the default). */
  scope: string;
  id: number;
  sighting: Sighting | undefined;
  writesInFlight: number;
  lastWriteStartedAt: number;
  lastWriteEndedAt: number;
  deleted: Span | undefined;
  relayed: Relayed;
}

/** Webhooks followed at most per upstream (a tenant holds at most 10 000, spec/README.md C35). */
export const MAX_TRACKED = 10_000;

const counter = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;

export class SeenState {
  readonly #tracks = new Map<string, Track>();
  readonly #max: number;

  constructor(max = MAX_TRACKED) {
    this.#max = max;
  }

  get(scope: string, id: number): Track | undefined {
    return this.#tracks.get(`${scope} ${id}`);
  }

  /** The track of `id`, made the most recently used; the least recent goes past the bound. */
  #touch(scope: string, id: number): Track {
    const key = `${scope} ${id}`;
    const track = this.#tracks.get(key) ?? {
      scope,
      id,
      sighting: undefined,
      writesInFlight: 0,
      lastWriteStartedAt: 0,
      lastWriteEndedAt: 0,
      deleted: undefined,
      relayed: { base: undefined, attempts: 0, failed: 0, unknownBase: false },
    };
    this.#tracks.delete(key);
    this.#tracks.set(key, track);
    if (this.#tracks.size > this.#max) {
      const oldest = this.#tracks.keys().next().value;
      if (oldest !== undefined) this.#tracks.delete(oldest);
    }
    return track;
  }

  writeStarted(scope: string, id: number, startedAt = Date.now()): void {
    const track = this.#touch(scope, id);
    track.writesInFlight += 1;
    track.lastWriteStartedAt = Math.max(track.lastWriteStartedAt, startedAt);
  }

  writeEnded(scope: string, id: number, endedAt: number): void {
    const track = this.#touch(scope, id);
    track.writesInFlight = Math.max(0, track.writesInFlight - 1);
    track.lastWriteEndedAt = Math.max(track.lastWriteEndedAt, endedAt);
  }

  /**
   * A full representation in an answer. It replaces the one known when its exchange began after
   * that one ended (a later state); of two overlapping exchanges the later answer wins.
   */
  sighted(scope: string, webhook: Representation, span: Span): void {
    const id = webhook.WebhookId;
    if (typeof id !== 'number' || id <= 0) return;
    const track = this.#touch(scope, id);
    const known = track.sighting;
    if (!known || span.startedAt > known.endedAt || span.endedAt >= known.endedAt) {
      track.sighting = { ...span, webhook };
    }
    const relayed = track.relayed;
    const calls = counter(webhook.TotalCalls);
    const errors = counter(webhook.TotalErrors);
    if (relayed.base === undefined && relayed.attempts === 0 && calls !== undefined) {
      relayed.base = { TotalCalls: calls, TotalErrors: errors ?? 0, at: span.at };
    }
  }

  /** A delete the upstream acknowledged, of a webhook the proxy saw exist. */
  deleted(scope: string, id: number, span: Span): void {
    if (this.get(scope, id)?.sighting) this.#touch(scope, id).deleted = span;
  }

  /**
   * A delivery attempt relayed to the receiver at `path`, signed for webhook `id`, and whether
   * it failed. Counted for the one webhook of that id targeting that path; when tenants make
   * that ambiguous, none of them is judged by its counters again.
   */
  attempted(id: number, path: string, failed: boolean): void {
    const targets = [...this.#tracks.values()].filter(
      (t) => t.id === id && pathOf(t.sighting?.webhook.TargetUrl) === path.toLowerCase(),
    );
    for (const track of targets) {
      const relayed = track.relayed;
      if (relayed.base === undefined || targets.length > 1) relayed.unknownBase = true;
      relayed.attempts += 1;
      if (failed) relayed.failed += 1;
    }
  }

  /** Every webhook seen whose TargetUrl has the receiver path `path`, deleted ones included. */
  atPath(path: string): Track[] {
    const lower = path.toLowerCase();
    return [...this.#tracks.values()].filter(
      (t) => pathOf(t.sighting?.webhook.TargetUrl) === lower,
    );
  }

  /** The webhooks of a tenant seen and not known deleted, for the list rules. */
  *live(scope: string): Iterable<Track & { sighting: Sighting }> {
    for (const track of this.#tracks.values()) {
      if (track.scope === scope && track.sighting && !track.deleted) {
        yield track as Track & { sighting: Sighting };
      }
    }
  }
}
