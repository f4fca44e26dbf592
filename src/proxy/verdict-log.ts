// What the proxy has judged, in bounded memory: the latest exchanges and deliveries with their
// verdicts (a ring), and per rule broken the count and the first example — what the report and
// GET /__admin/proxy show. Listeners see each entry as it is added (the live page).
import type { Evidence } from '../../conformance/types.js';
import type { Finding } from './exchange-check.js';
import type { RuleSource } from './rule-sources.js';

export interface LogEntry {
  seq: number;
  at: string;
  kind: 'exchange' | 'delivery';
  method: string;
  /** Path and query as the client sent them (a delivery: the receiver path). */
  url: string;
  status: number;
  durationMs: number;
  operationId: string | null;
  /** A delivery's event, as its header names it. */
  event?: string;
  /** A delivery's signature under the Secret seen in its webhook's save. */
  signature?: string;
  /** The rule the status was judged by (exchanges), when documented. */
  statusRule?: RuleSource;
  requestProblems: string[];
  violations: Finding[];
  unchecked: string[];
  /** The redacted exchange, bodies cut to a preview. */
  evidence: Evidence;
}

export interface BrokenRule extends RuleSource {
  rule: string;
  operationId: string | null;
  count: number;
  message: string;
  example: Evidence;
}

export interface OperationCount {
  exchanges: number;
  conforming: number;
}

/** Entries kept for GET /__admin/proxy and the live page. */
export const MAX_ENTRIES = 500;
/** Distinct (rule, operation) pairs counted; beyond it new pairs are counted under one. */
export const MAX_RULES = 500;

export class VerdictLog {
  readonly #entries: LogEntry[] = [];
  readonly #broken = new Map<string, BrokenRule>();
  readonly #operations = new Map<string, OperationCount>();
  readonly #listeners = new Set<(entry: LogEntry) => void>();
  #seq = 0;
  #dropped = 0;

  add(entry: Omit<LogEntry, 'seq'>): LogEntry {
    const full: LogEntry = { ...entry, seq: ++this.#seq };
    this.#entries.push(full);
    if (this.#entries.length > MAX_ENTRIES) this.#entries.shift();
    const key = entry.operationId ?? (entry.kind === 'delivery' ? 'webhookEvent' : 'unknown route');
    const counts = this.#operations.get(key) ?? { exchanges: 0, conforming: 0 };
    counts.exchanges += 1;
    if (entry.violations.length === 0) counts.conforming += 1;
    if (this.#operations.size < MAX_RULES || this.#operations.has(key))
      this.#operations.set(key, counts);
    // Counted once per exchange: one body can break a schema in several places.
    const rules = new Map<string, Finding>();
    for (const v of entry.violations) if (!rules.has(v.rule)) rules.set(v.rule, v);
    for (const violation of rules.values()) this.#count(violation, entry);
    for (const listener of this.#listeners) listener(full);
    return full;
  }

  #count(violation: Finding, entry: Omit<LogEntry, 'seq'>): void {
    const key = `${violation.rule} ${entry.operationId ?? '-'}`;
    const known = this.#broken.get(key);
    if (known) {
      known.count += 1;
      return;
    }
    if (this.#broken.size >= MAX_RULES) {
      this.#dropped += 1;
      return;
    }
    this.#broken.set(key, {
      rule: violation.rule,
      operationId: entry.operationId,
      source: violation.source,
      origin: violation.origin,
      count: 1,
      message: violation.message,
      example: entry.evidence,
    });
  }

  entries(after = 0): LogEntry[] {
    return this.#entries.filter((e) => e.seq > after);
  }

  broken(): BrokenRule[] {
    return [...this.#broken.values()];
  }

  operations(): Map<string, OperationCount> {
    return new Map(this.#operations);
  }

  /** Exchanges and deliveries that broke a rule, counted once per rule broken. */
  get violationCount(): number {
    return [...this.#broken.values()].reduce((sum, b) => sum + b.count, 0) + this.#dropped;
  }

  subscribe(listener: (entry: LogEntry) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
