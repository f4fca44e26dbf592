// The machine-readable report. Its shape is documented by conformance/report.schema.json
// (format `so-webhook-mock/conformance-report@1`); the tests validate every report against it.
import type { Verdict } from '../types.js';
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
    verdicts: [...verdicts],
  };
}

export function jsonReport(verdicts: readonly Verdict[], meta: ReportMeta = {}): string {
  return `${JSON.stringify(toJsonReport(verdicts, meta), null, 2)}\n`;
}
