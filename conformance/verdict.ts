// A case's outcome as the verdict reports carry: its rule's origin (the vendor's documentation
// or a choice of the contract), a choice that did not hold as a warning unless the run is
// strict, the unmet precondition of an error, and the heading its root-cause group goes under.
import type { FailureFacts } from './outcome.js';
import { caseOrigin } from './rule-origin.js';
import { cite } from './sources.js';
import type { ConformanceCase, Evidence, Verdict, VerdictStatus } from './types.js';

export interface VerdictInput {
  status: VerdictStatus;
  durationMs: number;
  reason?: string;
  evidence?: Evidence;
  notes?: string[];
  precondition?: string;
  facts?: FailureFacts;
}

export const STRICT_HINT =
  "a choice of the contract (spec/README.md), not the vendor's: a warning; --strict fails it";

export function verdictOf(testCase: ConformanceCase, input: VerdictInput, strict = false): Verdict {
  const choice = input.facts?.choice;
  const origin = choice !== undefined ? 'choice' : caseOrigin(testCase);
  const demoted = input.status === 'failed' && origin === 'choice' && !strict;
  const verdict: Verdict = {
    id: testCase.id,
    area: testCase.area,
    title: testCase.title,
    source: choice ?? cite(testCase.source),
    status: demoted ? 'warning' : input.status,
    durationMs: Math.round(input.durationMs),
    origin,
  };
  if (input.reason !== undefined) verdict.reason = input.reason;
  if (input.evidence !== undefined) verdict.evidence = input.evidence;
  const notes = [...(input.notes ?? []), ...(demoted ? [STRICT_HINT] : [])];
  if (notes.length > 0) verdict.notes = notes;
  if (input.precondition !== undefined) verdict.precondition = input.precondition;
  // A precondition's own reason is the heading: "a created webhook" fails in many ways.
  const cause = input.facts?.cause;
  if (cause !== undefined && (verdict.status === 'failed' || verdict.status === 'error')) {
    verdict.cause = cause;
  }
  return verdict;
}
