// How a case ends other than by returning: an expectation failed, the case does not apply, or
// it could not run (no answer, setup refused). The runner turns each into a verdict status.
import type { Evidence, VerdictStatus } from './types.js';

export class CaseFailure extends Error {
  constructor(
    message: string,
    readonly evidence?: Evidence,
  ) {
    super(message);
    this.name = 'CaseFailure';
  }
}

export class CaseSkipped extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CaseSkipped';
  }
}

/** The case could not get far enough to judge the behaviour it is about. */
export class CaseError extends Error {
  constructor(
    message: string,
    readonly evidence?: Evidence,
  ) {
    super(message);
    this.name = 'CaseError';
  }
}

export interface Outcome {
  status: VerdictStatus;
  reason?: string;
  evidence?: Evidence;
}

export function outcomeOf(thrown: unknown, lastEvidence: Evidence | undefined): Outcome {
  if (thrown instanceof CaseFailure) {
    return { status: 'failed', reason: thrown.message, evidence: thrown.evidence ?? lastEvidence };
  }
  if (thrown instanceof CaseSkipped) return { status: 'skipped', reason: thrown.message };
  if (thrown instanceof CaseError) {
    return { status: 'error', reason: thrown.message, evidence: thrown.evidence ?? lastEvidence };
  }
  const reason = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
  return { status: 'error', reason, evidence: lastEvidence };
}
