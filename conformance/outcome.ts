// How a case ends other than by returning: an expectation failed, the case does not apply, or
// it could not run (no answer, setup refused). The runner turns each into a verdict status.
import type { Evidence, VerdictStatus } from './types.js';

/** What a failure is about, beyond its text: how reports group it and whether its rule is the
 * vendor's or one of the contract's own choices. */
export interface FailureFacts {
  /** Heading shared by every failure with the same difference (status pair, check, field). */
  cause?: string;
  /** Set when the rule that failed is a constraint of the contract (spec/README.md) the
   * vendor's documentation does not state. */
  choice?: string;
}

export class CaseFailure extends Error {
  constructor(
    message: string,
    readonly evidence?: Evidence,
    readonly facts: FailureFacts = {},
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

/** The setup did not give the case what it needs (distinct ids, a created webhook, a
 * delivery): the case judged nothing, so it is an error naming the precondition. */
export class PreconditionError extends CaseError {
  constructor(
    readonly precondition: string,
    message: string,
    evidence?: Evidence,
  ) {
    super(`precondition not met (${precondition}): ${message}`, evidence);
    this.name = 'PreconditionError';
  }
}

export interface Outcome {
  status: VerdictStatus;
  reason?: string;
  evidence?: Evidence;
  precondition?: string;
  facts?: FailureFacts;
}

export function outcomeOf(thrown: unknown, lastEvidence: Evidence | undefined): Outcome {
  if (thrown instanceof CaseFailure) {
    const evidence = thrown.evidence ?? lastEvidence;
    return { status: 'failed', reason: thrown.message, evidence, facts: thrown.facts };
  }
  if (thrown instanceof CaseSkipped) return { status: 'skipped', reason: thrown.message };
  if (thrown instanceof PreconditionError) {
    const { precondition, message: reason } = thrown;
    return { status: 'error', reason, evidence: thrown.evidence ?? lastEvidence, precondition };
  }
  if (thrown instanceof CaseError) {
    return { status: 'error', reason: thrown.message, evidence: thrown.evidence ?? lastEvidence };
  }
  const reason = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
  return { status: 'error', reason, evidence: lastEvidence };
}
