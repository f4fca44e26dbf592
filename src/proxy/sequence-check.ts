// Rules an answer breaks only given what came before it, judged against the proxy's own record
// (seen-state.ts): a write let through despite a stale If-Unmodified-Since, a webhook answered
// after its delete was acknowledged, dates that do not follow a change, a PATCH result that is not
// the patch applied, a name filter that leaves out a webhook it matches, TotalErrors below the
// failed attempts relayed. A rule is judged only where the record proves the answer wrong: the
// earlier exchange ended before this one began, and no write to the webhook was under way.
import { isRecord } from '../domain/is-record.js';
import type { Finding } from './exchange-check.js';
import { dateOf, dateProblems } from './date-rules.js';
import { listExpectations } from './list-expectation.js';
import { patchDifferences } from './patch-expectation.js';
import { Recipients, type Signal } from './recipients.js';
import type { ProxiedRequest } from './request-check.js';
import { PRECONDITION_CHOICE, RULES, type RuleId, type RuleSource } from './rule-sources.js';
import { SeenState, type Span } from './seen-state.js';

/** An exchange under way: what the request is, and when it left. */
export interface Pending {
  operationId: string;
  request: ProxiedRequest;
  /** The tenant named by the path ('' for the default). */
  scope: string;
  /** The webhook the request addresses, when it names one. */
  id: number | undefined;
  write: boolean;
  startedAt: number;
  /** A signal's event, from when it left: its deliveries may arrive before its answer. */
  signal?: Signal;
}

const WRITES = new Set([
  'putWebhook',
  'patchWebhook',
  'deleteWebhook',
  'deleteWebhookAgent',
  'saveWebhook',
]);
const CONDITIONAL = new Set(['putWebhook', 'patchWebhook', 'deleteWebhook']);
const DELETES = new Set(['deleteWebhook', 'deleteWebhookAgent']);
const finding = (rule: RuleId, message: string, source: RuleSource = RULES[rule]): Finding => ({
  rule,
  message,
  ...source,
});

const show = (value: unknown) => JSON.stringify(value)?.slice(0, 120) ?? 'absent';

function parsedBody(request: ProxiedRequest): unknown {
  try {
    return JSON.parse(request.body.toString('utf8'));
  } catch {
    return undefined;
  }
}

const hasSelect = (request: ProxiedRequest) =>
  [...new URLSearchParams(request.query).keys()].some((k) => k.toLowerCase() === '$select');

export class SequenceChecker {
  readonly #state: SeenState;
  readonly #recipients: Recipients;
  readonly #onWrite: (id: number, at: number) => void;

  /** `onWrite`: a write to a webhook is on its way (its pending retries may be dropped). */
  constructor(state = new SeenState(), onWrite: (id: number, at: number) => void = () => {}) {
    this.#state = state;
    this.#recipients = new Recipients(state);
    this.#onWrite = onWrite;
  }

  begin(pending: Omit<Pending, 'write' | 'signal'>): Pending {
    const write = WRITES.has(pending.operationId);
    if (write && pending.id !== undefined) {
      this.#state.writeStarted(pending.scope, pending.id, pending.startedAt);
      this.#onWrite(pending.id, pending.startedAt);
    }
    const signal = this.#recipients.signalled(pending);
    return signal ? { ...pending, write, signal } : { ...pending, write };
  }

  /** Whether a delivery of `event` for `primaryKey` reached `path` that may receive it. */
  recipients(path: string, event: string, primaryKey: number, arrivedAt: number): Finding[] {
    return this.#recipients.judge(path, event, primaryKey, arrivedAt);
  }

  /** The request got no answer: it is no longer under way. */
  abandon(pending: Pending): void {
    if (pending.write && pending.id !== undefined)
      this.#state.writeEnded(pending.scope, pending.id, Date.now());
  }

  /** Judges the answer against the record, then adds it to the record. */
  end(pending: Pending, status: number, body: unknown): Finding[] {
    const span: Span = {
      startedAt: pending.startedAt,
      endedAt: Date.now(),
      at: new Date(pending.startedAt).toISOString(),
    };
    const { scope, id, operationId: op } = pending;
    const ok = status >= 200 && status < 300;
    if (pending.signal && !ok) this.#recipients.withdrawn(pending.signal);
    const full = ok && !hasSelect(pending.request);
    const items = (Array.isArray(body) ? body : [body]).filter(
      (w): w is Record<string, unknown> => isRecord(w) && typeof w.WebhookId === 'number',
    );
    const findings: Finding[] = [];
    if (ok && id !== undefined && CONDITIONAL.has(op))
      findings.push(...this.#precondition(pending));
    for (const webhook of ok ? items : []) {
      const known = this.#state.get(scope, webhook.WebhookId as number);
      const deleted = known?.deleted;
      if (deleted && deleted.endedAt < pending.startedAt) {
        const text = `${op} answered ${status} with webhook ${String(webhook.WebhookId)}, whose delete was acknowledged with 204 (at ${deleted.at})`;
        findings.push(finding('sequence.deleted', text));
      }
      const before = known?.sighting;
      if (full && before && before.endedAt < pending.startedAt) {
        findings.push(
          ...dateProblems(pending, before, webhook).map((m) => finding('sequence.dates', m)),
        );
        if (known.relayed.base && !known.relayed.unknownBase)
          findings.push(...this.#counters(op, webhook, known.relayed));
      }
    }
    if (status === 200 && full && op === 'patchWebhook' && id !== undefined && items[0]) {
      findings.push(...this.#patch(pending, items[0]));
    }
    if (status === 200 && full && (op === 'getWebhookList' || op === 'getAllWebhooks')) {
      const expected = listExpectations(this.#state.live(scope), op, pending);
      const listed = new Set(items.map((w) => w.WebhookId));
      for (const { track, filter } of expected) {
        if (listed.has(track.id)) continue;
        const text = `${op} ${filter} did not list webhook ${track.id}, named ${show(track.sighting.webhook.Name)} (seen at ${track.sighting.at})`;
        findings.push(finding('sequence.name-filter', text));
      }
    }
    this.#learn(pending, status, span, full ? items : []);
    return findings;
  }

  /** A delivery attempt relayed for webhook `id` to `path`, and the receiver's status. */
  attempted(id: number, path: string, status: number): void {
    this.#state.attempted(id, path, status < 200 || status >= 300);
  }

  #learn(pending: Pending, status: number, span: Span, items: Record<string, unknown>[]): void {
    const { scope, id } = pending;
    if (pending.write && id !== undefined) this.#state.writeEnded(scope, id, span.endedAt);
    if (status === 204 && id !== undefined && DELETES.has(pending.operationId))
      this.#state.deleted(scope, id, span);
    for (const webhook of items) this.#state.sighted(scope, webhook, span);
  }

  #precondition(pending: Pending): Finding[] {
    const header = pending.request.headers['if-unmodified-since'];
    const since = header === undefined ? NaN : Date.parse(header);
    const before = this.#state.get(pending.scope, pending.id as number)?.sighting;
    // Against an HTTP date only an Updated with its zone proves anything: a date without one
    // is UTC by the contract (C9), but a server writing local time would be misjudged by hours.
    const zoned = /(Z|[+-]\d\d:\d\d)$/i.test(String(before?.webhook.Updated));
    const updated = zoned ? dateOf(before?.webhook.Updated) : undefined;
    if (!before || updated === undefined || !Number.isFinite(since)) return [];
    if (before.endedAt >= pending.startedAt || Math.floor(updated / 1000) * 1000 <= since)
      return [];
    const text = `${pending.operationId} let a write through with If-Unmodified-Since ${header}, but webhook ${pending.id} was Updated ${String(before.webhook.Updated)} (answered at ${before.at}): 412 expected`;
    const source =
      pending.operationId === 'patchWebhook'
        ? RULES['sequence.if-unmodified-since']
        : PRECONDITION_CHOICE;
    return [finding('sequence.if-unmodified-since', text, source)];
  }

  #patch(pending: Pending, answer: Record<string, unknown>): Finding[] {
    const before = this.#state.get(pending.scope, pending.id as number)?.sighting;
    if (!before || before.endedAt >= pending.startedAt) return [];
    const differences = patchDifferences(before.webhook, parsedBody(pending.request), answer);
    return (differences ?? []).map((d) =>
      finding(
        'sequence.patch',
        `patchWebhook 200: ${d.member} is ${show(d.answered)}, but the patch applied to the webhook answered at ${before.at} gives ${show(d.expected)}`,
      ),
    );
  }

  #counters(
    op: string,
    webhook: Record<string, unknown>,
    relayed: {
      base?: { TotalCalls: number; TotalErrors: number; at: string };
      attempts: number;
      failed: number;
    },
  ): Finding[] {
    const base = relayed.base;
    const [calls, errors] = [webhook.TotalCalls, webhook.TotalErrors];
    if (!base || typeof calls !== 'number' || typeof errors !== 'number') return [];
    // The counters have caught up with the attempts relayed (TotalCalls counts them); a failed
    // attempt is counted with its call, so TotalErrors must count the failed ones too.
    if (calls - base.TotalCalls < relayed.attempts || errors - base.TotalErrors >= relayed.failed)
      return [];
    const text = `${op}: webhook ${String(webhook.WebhookId)} has TotalErrors ${errors}, ${errors - base.TotalErrors} more than at ${base.at}, but the proxy relayed ${relayed.failed} failed of ${relayed.attempts} attempts since (TotalCalls ${calls} counts them)`;
    return [finding('sequence.counters', text)];
  }
}
