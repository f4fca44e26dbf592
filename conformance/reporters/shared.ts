// What every reporter needs: counts, grouping by area in the order areas first appear, and a
// plain-text rendering of the exchange that shows a failure.
import type { Evidence, Verdict, VerdictStatus } from '../types.js';

/** Optional facts about the run; reporters stay pure functions of their arguments. */
export interface ReportMeta {
  target?: string;
  /** What was judged, for headings: `conformance` (the default) or `check-receiver`. */
  check?: string;
  runId?: string;
  startedAt?: string;
  durationMs?: number;
  interrupted?: boolean;
  /** The seed of the random cases, so `--replay` reruns them as they ran. */
  seed?: number;
  /** Whether rules that are choices of the contract failed (`--strict`) or warned. */
  strict?: boolean;
}

export type Summary = Record<VerdictStatus, number> & { total: number };

export function summarize(verdicts: readonly Verdict[]): Summary {
  const summary: Summary = {
    total: verdicts.length,
    passed: 0,
    failed: 0,
    error: 0,
    skipped: 0,
    warning: 0,
  };
  for (const v of verdicts) summary[v.status] += 1;
  return summary;
}

export function groupByArea(verdicts: readonly Verdict[]): Map<string, Verdict[]> {
  const groups = new Map<string, Verdict[]>();
  for (const v of verdicts) groups.set(v.area, [...(groups.get(v.area) ?? []), v]);
  return groups;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

const BODY_PREVIEW = 1200;

function bodyLines(mark: string, body: string): string[] {
  const flat = body.trim();
  const cut = flat.length > BODY_PREVIEW ? `${flat.slice(0, BODY_PREVIEW)}…` : flat;
  return cut.split(/\r?\n/).map((line) => `${mark} ${line}`);
}

function headerLines(headers: Record<string, string>, names: readonly string[]): string[] {
  return names.filter((n) => headers[n] !== undefined).map((n) => `${n}: ${headers[n]}`);
}

// The headers that explain webhook behaviour; the rest is noise in a report.
const REQUEST_HEADERS = [
  'authorization',
  'content-type',
  'accept',
  'if-unmodified-since',
  'x-superoffice-event',
  'x-superoffice-signature',
  'x-hook-test',
];
const RESPONSE_HEADERS = ['content-type', 'www-authenticate', 'location', 'retry-after'];

/** `> GET url` / headers / body, then `< 404` / headers / body. */
export function evidenceLines(evidence: Evidence): string[] {
  const { request, response } = evidence;
  const lines = [`> ${request.method} ${request.url}`];
  lines.push(...headerLines(request.headers, REQUEST_HEADERS).map((h) => `> ${h}`));
  if (request.body !== undefined) lines.push(...bodyLines('>', request.body));
  if (!response) return [...lines, '< (no answer)'];
  lines.push(`< ${response.status}`);
  lines.push(...headerLines(response.headers, RESPONSE_HEADERS).map((h) => `< ${h}`));
  if (response.body.trim() !== '') lines.push(...bodyLines('<', response.body));
  return lines;
}
