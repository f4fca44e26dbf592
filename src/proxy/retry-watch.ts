// The timing of the attempts of one event at one receiver path (docs/sources.md §3d): a failed
// attempt is retried 1 s later, then 4 s later (times the upstream's time scale), only 200
// counts as delivered (spec/README.md C18), and 410 Gone ends the event at once. A retry that
// comes too early, an attempt after a 410, and a retry that never comes are violations; the
// last is an expectation set when a failed attempt is answered, checked by a timer. The
// tolerances are spec/README.md C43.
import type { Evidence } from '../../conformance/types.js';
import type { Finding } from './exchange-check.js';
import { RULES, type RuleSource } from './rule-sources.js';

/** The documented waits before the 2nd and the 3rd attempt (docs/sources.md §3d). */
export const RETRY_DELAYS_MS: readonly number[] = [1_000, 4_000];
/** A retry may come this share of its delay early (C43): no server can retry before a failure. */
export const EARLY_SHARE = 0.5;
/** A retry may come this many times its delay, plus LATE_SLACK_MS, late (C43). */
export const LATE_FACTOR = 3;
export const LATE_SLACK_MS = 5_000;
/** A 410 answered within this long reached the upstream before any attempt timeout (C43). */
export const GONE_PROVEN_WITHIN_MS = 1_000;
/** Events remembered at most, the least recently seen forgotten first. */
const MAX_EVENTS = 5_000;

interface Attempts {
  /** Attempts seen; judged only from a first attempt (`Retry: 0`). */
  count: number;
  partial: boolean;
  firstArrivedAt: number;
  arrivedAt: number;
  gone: string | undefined;
  webhookId: number | undefined;
  timer: NodeJS.Timeout | undefined;
}

export interface MissingRetry {
  path: string;
  event: string | undefined;
  status: number;
  finding: Finding;
  /** The failed attempt the retry should have followed. */
  evidence: Evidence;
}

const C18: RuleSource = {
  source:
    'spec/README.md C18 (only 200 counts as delivered), https://docs.superoffice.com/en/automation/webhook/notification.html (retries)',
  origin: 'choice',
};

const iso = (ms: number) => new Date(ms).toISOString();

export class RetryWatch {
  readonly #events = new Map<string, Attempts>();
  /** When a write to each webhook last went upstream, by id. */
  readonly #writes = new Map<number, number>();
  readonly #timeScale: number;
  readonly #onMissing: (missing: MissingRetry) => void;

  constructor(timeScale: number, onMissing: (missing: MissingRetry) => void) {
    this.#timeScale = timeScale;
    this.#onMissing = onMissing;
  }

  /** An attempt arrived: what is wrong with its timing. Returns the attempt's number. */
  arrived(path: string, eventId: string, retry: number, arrivedAt: number) {
    const key = `${path.toLowerCase()} ${eventId}`;
    const before = this.#events.get(key);
    this.#events.delete(key);
    const findings: Finding[] = [];
    if (before) {
      clearTimeout(before.timer);
      const delay = before.partial ? undefined : RETRY_DELAYS_MS[before.count - 1];
      const gap = arrivedAt - before.arrivedAt;
      const least = (delay ?? 0) * this.#timeScale * EARLY_SHARE;
      if (before.gone !== undefined) {
        const text = `attempt ${before.count + 1} of event ${eventId} after the receiver answered 410 Gone (at ${before.gone}), which ends the event`;
        findings.push({ rule: 'delivery.gone', message: text, ...RULES['delivery.gone'] });
      } else if (delay !== undefined && gap < least) {
        const text = `retry ${before.count} of event ${eventId} came ${gap} ms after the attempt before it arrived; the documented ${delay} ms × time scale ${this.#timeScale} allows no less than ${least} ms`;
        findings.push({
          rule: 'delivery.retry-early',
          message: text,
          ...RULES['delivery.retry-early'],
        });
      }
    }
    const attempts: Attempts = {
      count: (before?.count ?? 0) + 1,
      partial: before ? before.partial : retry > 0,
      firstArrivedAt: before?.firstArrivedAt ?? arrivedAt,
      arrivedAt,
      gone: before?.gone,
      webhookId: before?.webhookId,
      timer: undefined,
    };
    this.#events.set(key, attempts);
    if (this.#events.size > MAX_EVENTS) {
      const [oldestKey, oldest] = this.#events.entries().next().value ?? [];
      clearTimeout(oldest?.timer);
      if (oldestKey !== undefined) this.#events.delete(oldestKey);
    }
    return { findings, attempt: attempts.count };
  }

  /**
   * The receiver's answer to attempt `attempt` went back to the upstream. A failed attempt
   * that is not the last documented one sets the expectation of a retry.
   */
  answered(
    where: { path: string; eventId: string; attempt: number },
    status: number,
    answeredAt: number,
    about: { event: string | undefined; webhookId: number | undefined; evidence: Evidence },
  ): void {
    const attempts = this.#events.get(`${where.path.toLowerCase()} ${where.eventId}`);
    if (!attempts || attempts.count !== where.attempt) return;
    attempts.webhookId = about.webhookId;
    // An answer slower than that may have come after the upstream gave the attempt up.
    if (status === 410 && answeredAt - attempts.arrivedAt <= GONE_PROVEN_WITHIN_MS)
      attempts.gone = iso(answeredAt);
    const delay = RETRY_DELAYS_MS[attempts.count - 1];
    if (status === 200 || status === 410 || attempts.partial || delay === undefined) return;
    if (about.webhookId === undefined) return;
    // A write since the event began may have stopped or deleted the webhook, which ends it.
    if ((this.#writes.get(about.webhookId) ?? -Infinity) >= attempts.firstArrivedAt) return;
    const waitMs = Math.round(delay * this.#timeScale * LATE_FACTOR + LATE_SLACK_MS);
    const source = status >= 200 && status < 300 ? C18 : RULES['delivery.retry-missing'];
    const message = `no retry of event ${where.eventId} reached ${where.path} within ${waitMs} ms after attempt ${attempts.count} was answered ${status} (at ${iso(answeredAt)}); the documented retry comes ${delay} ms × time scale ${this.#timeScale} later`;
    attempts.timer = setTimeout(() => {
      attempts.timer = undefined;
      this.#onMissing({
        path: where.path,
        event: about.event,
        status,
        evidence: about.evidence,
        finding: { rule: 'delivery.retry-missing', message, ...source },
      });
    }, waitMs);
    attempts.timer.unref();
  }

  /**
   * A write to webhook `id` went upstream: the server drops the retries of a webhook stopped
   * or deleted meanwhile, so its pending expectations no longer hold.
   */
  cancel(id: number, at: number): void {
    this.#writes.delete(id);
    this.#writes.set(id, at);
    if (this.#writes.size > MAX_EVENTS) {
      const oldest = this.#writes.keys().next().value;
      if (oldest !== undefined) this.#writes.delete(oldest);
    }
    for (const attempts of this.#events.values()) {
      if (attempts.webhookId !== id || attempts.timer === undefined) continue;
      clearTimeout(attempts.timer);
      attempts.timer = undefined;
    }
  }

  /** The proxy stops: no expectation outlives it. */
  close(): void {
    for (const attempts of this.#events.values()) clearTimeout(attempts.timer);
    this.#events.clear();
    this.#writes.clear();
  }
}
