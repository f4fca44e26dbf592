// `so-webhook-mock conformance`: flags → selection → pre-flight → run → reports → exit code.
// Returns the code instead of exiting; src/cli.ts is the only module that exits.
import { CONFORMANCE_HELP, UsageError, parseCliArgs, type CliConfig } from './cli-args.js';
import { ALL_CASES } from './cases/index.js';
import { fuzzCase } from './fuzz/fuzz-case.js';
import { matrixReport } from './matrix/coverage.js';
import { MATRIX } from './matrix/rules.js';
import { preflight } from './preflight.js';
import { applyReplay } from './replay.js';
import { writeReports } from './report-output.js';
import { terminalSafe } from './reporters/terminal-text.js';
import { runConformance, type RunResult } from './run.js';
import { runsReadOnly, selectCases } from './select.js';
import { cite } from './sources.js';
import type { ConformanceCase, Verdict } from './types.js';

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Defaults to process.env; only NO_COLOR is read. */
  env?: Record<string, string | undefined>;
  /** The cases to choose from; defaults to the whole suite (tests pass their own). */
  cases?: readonly ConformanceCase[];
}

export const EXIT = { passed: 0, failed: 1, usage: 2, interrupted: 130 } as const;

const isTty = (stream: NodeJS.WritableStream): boolean =>
  (stream as NodeJS.WritableStream & { isTTY?: boolean }).isTTY === true;

function listing(cases: readonly ConformanceCase[]): string {
  const lines = cases.map((c) => {
    const access = c.mutates ? 'mutates' : runsReadOnly(c) ? 'read-only' : 'probes elsewhere';
    const flags = [access, ...(c.slow ? ['slow'] : []), ...c.tags];
    return `${c.id}\n    ${c.title}\n    source: ${cite(c.source)}; ${flags.join(', ')}`;
  });
  return `${lines.join('\n')}\n${cases.length} cases\n`;
}

const PROGRESS: Record<Verdict['status'], string> = {
  passed: '.',
  failed: 'F',
  error: 'E',
  skipped: 's',
  warning: 'w',
};

function exitCode(result: RunResult): number {
  if (result.interrupted) return EXIT.interrupted;
  const bad = result.verdicts.some((v) => v.status === 'failed' || v.status === 'error');
  return bad ? EXIT.failed : EXIT.passed;
}

async function execute(config: CliConfig, selected: readonly ConformanceCase[], io: CliIo) {
  const target = config.target as string;
  const reachable = await preflight(target, config.credentials, config.timeoutMs);
  if (!reachable.ok) {
    io.stderr.write(`so-webhook-mock conformance: ${terminalSafe(reachable.message)}\n`);
    return EXIT.usage;
  }
  if (reachable.warning) io.stderr.write(`warning: ${terminalSafe(reachable.warning)}\n`);
  const progress = isTty(io.stderr);
  let result: RunResult;
  try {
    result = await runConformance({
      target,
      credentials: config.credentials,
      cases: selected,
      timeoutMs: config.timeoutMs,
      deliveryTimeoutMs: config.deliveryTimeoutMs,
      timeScale: config.timeScale,
      ...(config.seed === undefined ? {} : { seed: config.seed }),
      receiver: config.receiver,
      strict: config.strict,
      ...(config.deep === undefined ? {} : { deep: config.deep }),
      onVerdict: progress ? (v) => io.stderr.write(PROGRESS[v.status]) : undefined,
    });
  } catch (error) {
    // Setup failures (e.g. the receiver's port is taken) are not verdicts.
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`so-webhook-mock conformance: ${message}\n`);
    return EXIT.usage;
  }
  if (progress) io.stderr.write('\n');
  for (const { id, reason } of result.cleanup.failed) {
    io.stderr.write(
      `warning: could not delete webhook ${id} this run created (${terminalSafe(reason)}); delete it by hand\n`,
    );
  }
  const env = io.env ?? process.env;
  const color = isTty(io.stdout) && !env.NO_COLOR;
  const meta = {
    target,
    runId: result.runId,
    startedAt: result.startedAt,
    durationMs: result.durationMs,
    interrupted: result.interrupted,
    seed: result.seed,
    strict: config.strict,
  };
  const written = await writeReports(config.reporters, result.verdicts, meta, {
    out: config.out,
    color,
    verbose: config.verbose,
  });
  io.stdout.write(written.stdout);
  for (const file of written.files) io.stderr.write(`wrote ${file}\n`);
  return exitCode(result);
}

export async function runConformanceCli(argv: string[], io: CliIo): Promise<number> {
  let config: CliConfig;
  try {
    config = applyReplay(parseCliArgs(argv));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`so-webhook-mock conformance: ${error.message}\nRun with --help for usage.\n`);
    return EXIT.usage;
  }
  if (config.help) {
    io.stdout.write(CONFORMANCE_HELP);
    return EXIT.passed;
  }
  if (config.matrix) {
    io.stdout.write(matrixReport(MATRIX, io.cases ?? ALL_CASES));
    return EXIT.passed;
  }
  for (const warning of config.warnings) io.stderr.write(`warning: ${warning}\n`);
  const chosen = selectCases(io.cases ?? ALL_CASES, config);
  const { unmatched } = chosen;
  // Slow cases wait out the documented retry delays; only --slow runs them.
  const selected = config.slow ? chosen.selected : chosen.selected.filter((c) => !c.slow);
  if (config.fuzz > 0) selected.push(fuzzCase(config.fuzz));
  if (unmatched.length > 0) {
    io.stderr.write(
      `so-webhook-mock conformance: no case matches ${unmatched.join(', ')} (see --list)\n`,
    );
    return EXIT.usage;
  }
  if (config.list) {
    // The slow cases are listed too, marked `slow`, so --list shows what --slow adds.
    io.stdout.write(listing(chosen.selected));
    return EXIT.passed;
  }
  if (selected.length === 0) {
    const hint = chosen.selected.length > 0 ? '; slow cases run only with --slow' : '';
    io.stderr.write(`so-webhook-mock conformance: the selection leaves no case to run${hint}\n`);
    return EXIT.usage;
  }
  try {
    return await execute(config, selected, io);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`so-webhook-mock conformance: ${message}\n`);
    return EXIT.usage;
  }
}
