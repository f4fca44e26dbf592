// The human report: cases grouped by area, ✓/✗ per case, and for every failure one line of
// reason, its source, and the request/response that shows it. Colour is the caller's decision
// (a TTY without NO_COLOR); this function only formats.
import type { Verdict, VerdictStatus } from '../types.js';
import { curlOf } from './curl.js';
import { rootCauses, type RootCause } from './root-causes.js';
import { terminalSafeDeep } from './terminal-text.js';
import {
  evidenceLines,
  formatDuration,
  groupByArea,
  summarize,
  type ReportMeta,
} from './shared.js';

export interface ConsoleOptions {
  color?: boolean;
  meta?: ReportMeta;
  /** Passing cases show their source and notes too. */
  verbose?: boolean;
}

const CODES = { green: 32, red: 31, yellow: 33, grey: 90, bold: 1 } as const;
type Tint = (text: string, colour: keyof typeof CODES) => string;

const MARK: Record<VerdictStatus, [string, keyof typeof CODES]> = {
  passed: ['✓', 'green'],
  failed: ['✗', 'red'],
  error: ['!', 'red'],
  skipped: ['-', 'yellow'],
  warning: ['?', 'yellow'],
};

/** A passed verdict that still has something to say (check-receiver's warnings and notices). */
const SEVERITY_MARK = { warning: ['⚠', 'yellow'], info: ['i', 'grey'] } as const;

function caseLines(v: Verdict, tint: Tint, causes: RootCause[], verbose: boolean): string[] {
  const flagged = v.status === 'passed' && v.severity !== undefined;
  const [mark, colour] = flagged && v.severity ? SEVERITY_MARK[v.severity] : MARK[v.status];
  const time = tint(`(${formatDuration(v.durationMs)})`, 'grey');
  const head = `  ${tint(mark, colour)} ${v.id}  ${v.title} ${time}`;
  const notes = (v.notes ?? []).map((n) => `      ${tint(n, 'grey')}`);
  if (v.status === 'passed') {
    const shown = verbose || flagged;
    return shown ? [head, `      ${tint(`source: ${v.source}`, 'grey')}`, ...notes] : [head];
  }
  const cause = causes.findIndex((c) => c.ids.includes(v.id));
  if (cause >= 0) return [head, `      ${tint(`see root cause ${cause + 1} above`, colour)}`];
  if (v.status === 'skipped') return [`${head} ${tint(`skipped: ${v.reason ?? ''}`, 'yellow')}`];
  const lines = [head, `      ${tint(`${v.status}: ${v.reason ?? 'no reason given'}`, colour)}`];
  lines.push(`      ${tint(`${originLabel(v)}: ${v.source}`, 'grey')}`);
  lines.push(...notes);
  if (v.evidence) {
    lines.push(...evidenceLines(v.evidence).map((l) => `        ${tint(l, 'grey')}`));
    lines.push(`      ${tint(`reproduce: ${curlOf(v.evidence.request)}`, 'grey')}`);
  }
  return lines;
}

const originLabel = (v: Verdict): string =>
  v.origin === 'choice'
    ? "the contract's choice"
    : v.origin === 'documented'
      ? 'documented'
      : 'source';

function summaryLine(verdicts: readonly Verdict[], tint: Tint, meta?: ReportMeta): string {
  const s = summarize(verdicts);
  const parts = [
    tint(`${s.passed} passed`, s.passed > 0 ? 'green' : 'grey'),
    tint(`${s.failed} failed`, s.failed > 0 ? 'red' : 'grey'),
    tint(`${s.error} errors`, s.error > 0 ? 'red' : 'grey'),
    tint(`${s.skipped} skipped`, s.skipped > 0 ? 'yellow' : 'grey'),
    ...(s.warning > 0 ? [tint(`${s.warning} warnings`, 'yellow')] : []),
  ];
  const time = meta?.durationMs === undefined ? '' : ` in ${formatDuration(meta.durationMs)}`;
  const interrupted = meta?.interrupted ? tint(' (interrupted)', 'yellow') : '';
  return `${parts.join(', ')} — ${s.total} cases${time}${interrupted}`;
}

export function consoleReport(
  targetVerdicts: readonly Verdict[],
  options: ConsoleOptions = {},
): string {
  // Everything below may quote the target; its control characters never reach the terminal.
  const verdicts = terminalSafeDeep(targetVerdicts);
  const meta = terminalSafeDeep(options.meta);
  const tint: Tint = options.color
    ? (text, colour) => `\u001b[${CODES[colour]}m${text}\u001b[0m`
    : (text) => text;
  const lines: string[] = [];
  if (meta?.target) {
    const heading = meta.check === 'check-receiver' ? 'Receiver check' : 'Conformance';
    const run = meta.runId ? ` (run ${meta.runId})` : '';
    lines.push(tint(`${heading} of ${meta.target}${run}`, 'bold'), '');
  }
  const causes = rootCauses(verdicts);
  causes.forEach((cause, i) => {
    lines.push(tint(`Root cause ${i + 1}: ${cause.reason}`, 'red'));
    lines.push(`  ${cause.ids.length} cases: ${cause.ids.join(', ')}`);
    const first = verdicts.find((v) => v.id === cause.ids[0]);
    if (first?.evidence) {
      lines.push(...evidenceLines(first.evidence).map((l) => `    ${tint(l, 'grey')}`));
      lines.push(`  ${tint(`reproduce: ${curlOf(first.evidence.request)}`, 'grey')}`);
    }
    lines.push('');
  });
  for (const [area, group] of groupByArea(verdicts)) {
    lines.push(tint(area, 'bold'));
    for (const v of group) lines.push(...caseLines(v, tint, causes, options.verbose ?? false));
    lines.push('');
  }
  lines.push(summaryLine(verdicts, tint, meta));
  return `${lines.join('\n')}\n`;
}
