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
  /** Per-request timeout (default 10 000, as the CLI's `--timeout 10`). */
  timeoutMs?: number;
  /** How long to wait for a delivery (default 10 000, as `--delivery-timeout 10`). */
  deliveryTimeoutMs?: number;
  /**
   * The factor the target's retry delays are scaled by (default 1, as `--time-scale`): the
   * same value as the mock's `timeScale`, e.g. 0.01 for `startMockServer({ timeScale: 0.01 })`.
   */
  timeScale?: number;
  /** Also run the slow cases (failed delivery cycles at the documented delays); default false, as the CLI without `--slow`. */
  slow?: boolean;
  /** Seeds the random cases (`--seed`). */
  seed?: number;
  /**
   * A rule that is only a choice of the contract (spec/README.md) fails instead of warning,
   * as `--strict`; default false: such a verdict is `warning` and does not fail the run.
   */
  strict?: boolean;
  /**
   * The differential case (`differential.sequences`) runs this many random sequences,
   * unlimited in time, instead of its default five within 6 s, as `--deep <n>`.
   */
  deep?: number;
  /** Where the delivery receiver listens; `false` skips the cases that need one. */
  receiver?: ReceiverOptions | false;
}

export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const { selected, unmatched } = selectCases(ALL_CASES, options);
  if (unmatched.length > 0) {
    throw new Error(`No conformance case matches ${unmatched.map((s) => `"${s}"`).join(', ')}.`);
  }
  const result = await run({
    target: options.target,
    credentials: options.credentials ?? { user: 'tje0', password: 'Tje0' },
    // As the CLI: slow cases only when asked for.
    cases: options.slow === true ? selected : selected.filter((c) => !c.slow),
    timeoutMs: options.timeoutMs,
    deliveryTimeoutMs: options.deliveryTimeoutMs,
    timeScale: options.timeScale,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    strict: options.strict ?? false,
    ...(options.deep === undefined ? {} : { deep: options.deep }),
    receiver: options.receiver,
    // A library leaves the process's signals to its host.
    handleSignals: false,
  });
  return toJsonReport(result.verdicts, {
    target: options.target,
    runId: result.runId,
    startedAt: result.startedAt,
    durationMs: result.durationMs,
    interrupted: result.interrupted,
    seed: result.seed,
    strict: options.strict ?? false,
  });
}
