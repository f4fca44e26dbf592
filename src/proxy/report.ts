// The contract-difference report: each rule the upstream broke, how often, with one example
// exchange, as the conformance reporters write verdicts (console, JSON, JUnit) — a failed
// verdict per broken rule, a passed one per operation whose every exchange conformed.
import { render } from '../../conformance/report-output.js';
import type { ReporterName } from '../../conformance/cli-args.js';
import type { Area, Verdict } from '../../conformance/types.js';
import type { BrokenRule, VerdictLog } from './verdict-log.js';

export type { ReporterName } from '../../conformance/cli-args.js';

const kebab = (name: string) =>
  name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/[^a-z0-9.-]+/g, '-');

const AREA_OF: Record<string, Area> = {
  'response.credentials': 'auth',
  'response.refuses-invalid': 'bad-input',
  'response.acceptable': 'binding',
  'response.media-type': 'binding',
  'response.filters': 'select-and-filters',
  'response.select': 'select-and-filters',
};

function areaOf(rule: string): Area {
  return rule.startsWith('delivery.') ? 'deliveries' : (AREA_OF[rule] ?? 'operations');
}

const TITLES: Record<string, string> = {
  'route.known': 'only operations of the contract answer 2xx',
  'response.refuses-invalid': 'a request the contract refuses is not accepted',
  'response.credentials': 'a request without credentials is refused',
  'response.status': 'the status is documented for the operation',
  'response.media-type': 'the body is in a documented media type',
  'response.acceptable': 'the body is in a media type Accept allows',
  'response.headers': 'the documented headers are present',
  'response.body': 'the body matches the response schema',
  'response.filters': 'a filtered list holds only matching webhooks',
  'response.select': 'fields $select leaves out are null or their default',
  'delivery.signature': 'the delivery is signed with the webhook’s Secret',
  'delivery.headers': 'the delivery carries the documented headers',
  'delivery.custom-headers': 'the delivery carries the webhook’s custom Headers',
  'delivery.payload': 'the delivery body matches WebhookPayload',
  'delivery.retry': 'retries follow the documented rules',
};

function failed(broken: BrokenRule): Verdict {
  const op = broken.operationId ?? 'any';
  return {
    id: `proxy.${kebab(broken.rule)}.${kebab(op)}`,
    area: areaOf(broken.rule),
    title: `${op}: ${TITLES[broken.rule] ?? broken.rule}`,
    source: `${broken.source} [${broken.origin === 'vendor' ? "vendor's rule" : "the contract's choice"}]`,
    status: 'failed',
    durationMs: 0,
    reason: `${broken.count}× ${broken.message}`,
    evidence: broken.example,
  };
}

export function reportVerdicts(log: VerdictLog): Verdict[] {
  const broken = log.broken();
  const verdicts = broken.map(failed);
  const brokenOps = new Set(broken.map((b) => b.operationId ?? 'unknown route'));
  for (const [operation, counts] of log.operations()) {
    if (brokenOps.has(operation) || counts.exchanges === 0) continue;
    verdicts.push({
      id: `proxy.conforms.${kebab(operation)}`,
      area: operation === 'webhookEvent' ? 'deliveries' : 'operations',
      title: `${operation}: every exchange matched the contract`,
      source: 'spec/webhook.openapi.yaml',
      status: 'passed',
      durationMs: 0,
      notes: [`${counts.exchanges} exchange(s)`],
    });
  }
  return verdicts;
}

export interface ReportOptions {
  upstream: string;
  startedAt: string;
  durationMs: number;
  color?: boolean;
}

export function renderReport(log: VerdictLog, name: ReporterName, options: ReportOptions): string {
  const meta = {
    target: options.upstream,
    startedAt: options.startedAt,
    durationMs: options.durationMs,
  };
  return render(name, reportVerdicts(log), meta, options.color ?? false);
}
