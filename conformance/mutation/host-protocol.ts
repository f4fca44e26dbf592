// What the mutation run's test file (conformance.mutation.ts, in a vitest worker) and the mock
// host (mock-host.mutation.ts, in vitest's main process) send each other over 127.0.0.1.

/** StrykerJS's mutant coverage: hits per mutant id, outside any test and per test id. */
export interface Coverage {
  static: Record<string, number>;
  perTest: Record<string, Record<string, number>>;
}

/** Begins a session: one run of the test file, i.e. one mutant (or the dry run). */
export interface SessionStart {
  /** The global StrykerJS's instrumented code reads (`__stryker__`). */
  namespace: string;
  /** The mutant of this run; absent in the dry run and outside StrykerJS. */
  activeMutant?: string;
  hitLimit?: number;
}

export interface CaseOutcome {
  status: string;
  reason?: string;
}

export interface SessionEnd {
  /** What the instrumented mock and suite covered during the session. */
  coverage?: Coverage;
  /** How often the active mutant ran (StrykerJS ends an endless loop by this count). */
  hitCount?: number;
}
