// runConformance(): the conformance suite from code, answering the object the JSON reporter
// writes (conformance/report.schema.json), so a test can assert on verdicts.
import { ALL_CASES } from '../../conformance/cases/index.js';
import type { ReceiverOptions } from '../../conformance/receiver.js';
import { toJsonReport, type JsonReport } from '../../conformance/reporters/json.js';
import { runConformance as run } from '../../conformance/run.js';
import { selectCases, type SelectionOptions } from '../../conformance/select.js';
import type { Credentials } from '../../conformance/types.js';

export type ConformanceReport = JsonReport;

export interface ConformanceOptions extends SelectionOptions {
  /** The server's root URL, before `/api/v1` (e.g. a startMockServer()'s `url`). */
  target: string;
  /** Default: the documentation's sample user, tje0 / Tje0. */
  credentials?: Credentials;
  timeoutMs?: number;
  deliveryTimeoutMs?: number;
  /** Where the delivery receiver listens; `false` skips the cases that need one. */
  receiver?: ReceiverOptions | false;
  /** The target's --time-scale: retry spacing is expected at this fraction of real time. */
  timeScale?: number;
}

export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const { selected, unmatched } = selectCases(ALL_CASES, options);
  if (unmatched.length > 0) {
    throw new Error(`No conformance case matches ${unmatched.map((s) => `"${s}"`).join(', ')}.`);
  }
  const result = await run({
    target: options.target,
    credentials: options.credentials ?? { user: 'tje0', password: 'Tje0' },
    cases: selected,
    timeoutMs: options.timeoutMs,
    deliveryTimeoutMs: options.deliveryTimeoutMs,
    receiver: options.receiver,
    timeScale: options.timeScale,
    // A library leaves the process's signals to its host.
    handleSignals: false,
  });
  return toJsonReport(result.verdicts, {
    target: options.target,
    runId: result.runId,
    startedAt: result.startedAt,
    durationMs: result.durationMs,
    interrupted: result.interrupted,
  });
}
