// The machine-readable report. Its shape is documented by conformance/report.schema.json
// (format `so-webhook-mock/conformance-report@1`); the tests validate every report against it.
import type { Verdict } from '../types.js';
import { curlOf } from './curl.js';
import { rootCauses, type RootCause } from './root-causes.js';
import { summarize, type ReportMeta, type Summary } from './shared.js';

export const REPORT_FORMAT = 'so-webhook-mock/conformance-report@1';

export interface JsonReport {
  format: typeof REPORT_FORMAT;
  target: string | null;
  runId: string | null;
  startedAt: string | null;
  durationMs: number | null;
  interrupted: boolean;
  summary: Summary;
  verdicts: Verdict[];
  /** Groups of failures and errors with one shared cause; each heading holds for every id. */
  rootCauses?: RootCause[];
  seed?: number;
  strict?: boolean;
}

/** A failure's verdict carries the curl command that repeats its request (credentials masked). */
function withReproduction(v: Verdict): Verdict & { reproduction?: string } {
  if ((v.status !== 'failed' && v.status !== 'error' && v.status !== 'warning') || !v.evidence) {
    return v;
  }
  return { ...v, reproduction: curlOf(v.evidence.request) };
}

export function toJsonReport(verdicts: readonly Verdict[], meta: ReportMeta = {}): JsonReport {
  return {
    format: REPORT_FORMAT,
    target: meta.target ?? null,
    runId: meta.runId ?? null,
    startedAt: meta.startedAt ?? null,
    durationMs: meta.durationMs ?? null,
    interrupted: meta.interrupted ?? false,
    summary: summarize(verdicts),
    verdicts: verdicts.map(withReproduction),
    rootCauses: rootCauses(verdicts),
    ...(meta.seed !== undefined && { seed: meta.seed }),
    ...(meta.strict !== undefined && { strict: meta.strict }),
  };
}

export function jsonReport(verdicts: readonly Verdict[], meta: ReportMeta = {}): string {
  return `${JSON.stringify(toJsonReport(verdicts, meta), null, 2)}\n`;
}
