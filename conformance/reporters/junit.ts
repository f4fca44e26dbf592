// JUnit XML as Jenkins, GitLab, GitHub test reporters and Azure DevOps read it: one <testsuite>
// per area, one <testcase> per case ("id: title"), <failure>/<error>/<skipped> with the reason
// as message and the evidence as text. Valid against conformance/junit.xsd, the subset of
// Jenkins' junit-10.xsd the report uses (tested with a real XSD validator where Java is present).
import type { Verdict } from '../types.js';
import { curlOf } from './curl.js';
import { rootCauses, type RootCause } from './root-causes.js';
import { evidenceLines, groupByArea, summarize, type ReportMeta } from './shared.js';

// XML 1.0 allows only these characters; anything else (e.g. a NUL in a response body) is
// dropped so the document always parses.
const INVALID_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML_CHARS, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('');
}

function detailText(v: Verdict, cause: string | undefined): string {
  const lines = [
    `${v.reason ?? ''}`,
    `${v.origin === 'choice' ? "the contract's choice" : 'source'}: ${v.source}`,
  ];
  if (v.precondition) lines.push(`precondition not met: ${v.precondition}`);
  if (cause) lines.push(`root cause: ${cause}`);
  if (v.evidence) {
    lines.push('', ...evidenceLines(v.evidence), '', `reproduce: ${curlOf(v.evidence.request)}`);
  }
  return escapeXml(lines.join('\n'));
}

function testcase(v: Verdict, causes: readonly RootCause[]): string {
  const cause = causes.find((c) => c.ids.includes(v.id))?.reason;
  const open = `    <testcase${attrs({ classname: v.area, name: `${v.id}: ${v.title}`, time: seconds(v.durationMs) })}`;
  const message = escapeXml(cause ? `[root cause: ${cause}] ${v.reason ?? ''}` : (v.reason ?? ''));
  const said = [`source: ${v.source}`, ...(v.notes ?? [])].join('\n');
  const sourceOut = `      <system-out>${escapeXml(said)}</system-out>`;
  switch (v.status) {
    case 'passed':
      return `${open}>\n${sourceOut}\n    </testcase>`;
    case 'warning':
      // JUnit has no warning: the case passes, and says why it would fail under --strict.
      return `${open}>\n      <system-out>${escapeXml(`warning: ${v.reason ?? ''}`)}\n${detailText(v, cause)}</system-out>\n    </testcase>`;
    case 'skipped':
      return `${open}>\n      <skipped message="${message}"/>\n    </testcase>`;
    case 'failed':
      return `${open}>\n      <failure message="${message}" type="AssertionError">${detailText(v, cause)}</failure>\n    </testcase>`;
    case 'error':
      return `${open}>\n      <error message="${message}" type="CaseError">${detailText(v, cause)}</error>\n    </testcase>`;
  }
}

function testsuite(
  area: string,
  verdicts: readonly Verdict[],
  causes: readonly RootCause[],
  timestamp?: string,
): string {
  const s = summarize(verdicts);
  const time = verdicts.reduce((sum, v) => sum + v.durationMs, 0);
  const head = `  <testsuite${attrs({
    name: area,
    tests: s.total,
    failures: s.failed,
    errors: s.error,
    skipped: s.skipped,
    time: seconds(time),
    ...(timestamp ? { timestamp } : {}),
  })}>`;
  return [head, ...verdicts.map((v) => testcase(v, causes)), '  </testsuite>'].join('\n');
}

export function junitReport(verdicts: readonly Verdict[], meta: ReportMeta = {}): string {
  const s = summarize(verdicts);
  const total = meta.durationMs ?? verdicts.reduce((sum, v) => sum + v.durationMs, 0);
  const timestamp = meta.startedAt?.replace(/\.\d+Z$/, '');
  const causes = rootCauses(verdicts);
  const suites = [...groupByArea(verdicts)].map(([area, group]) =>
    testsuite(area, group, causes, timestamp),
  );
  const name = `so-webhook-mock ${meta.check ?? 'conformance'}${meta.target ? ` of ${meta.target}` : ''}`;
  // No `skipped` here: Jenkins' junit-10.xsd allows it on <testsuite> only (conformance/junit.xsd).
  const root = `<testsuites${attrs({ name, tests: s.total, failures: s.failed, errors: s.error, time: seconds(total) })}>`;
  return ['<?xml version="1.0" encoding="UTF-8"?>', root, ...suites, '</testsuites>', ''].join(
    '\n',
  );
}
