// `conformance --replay <report.json> --case <id>`: reruns one case of an earlier run with what
// the report recorded — the target (unless --target overrides it), the seed of the random cases
// and --strict. Credentials are never in a report; they are given again as flags.
import { readFileSync } from 'node:fs';
import { UsageError, type CliConfig } from './cli-args.js';

interface RecordedRun {
  target?: unknown;
  seed?: unknown;
  strict?: unknown;
  verdicts?: unknown;
}

function readReport(path: string): RecordedRun {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(`--replay: cannot read ${path}: ${reason}`);
  }
  try {
    const report = JSON.parse(text) as unknown;
    if (typeof report === 'object' && report !== null && !Array.isArray(report)) return report;
  } catch {
    // reported below
  }
  throw new UsageError(`--replay: ${path} is not a JSON conformance report`);
}

const ranCase = (report: RecordedRun, id: string): boolean =>
  Array.isArray(report.verdicts) &&
  report.verdicts.some((v) => typeof v === 'object' && v !== null && 'id' in v && v.id === id);

/** The configuration with the report's run applied, or the one given without --replay. */
export function applyReplay(config: CliConfig): CliConfig {
  if (config.replay === undefined || config.replayCase === undefined) return config;
  const report = readReport(config.replay);
  const id = config.replayCase;
  if (!ranCase(report, id)) throw new UsageError(`--replay: ${config.replay} has no case ${id}`);
  const target = config.target ?? (typeof report.target === 'string' ? report.target : undefined);
  if (target === undefined) throw new UsageError(`--replay: ${config.replay} names no target`);
  const seed = config.seed ?? (typeof report.seed === 'number' ? report.seed : undefined);
  return {
    ...config,
    target,
    only: [id],
    skip: [],
    // A replayed slow case runs: it was chosen by name.
    slow: true,
    ...(seed === undefined ? {} : { seed }),
    strict: config.strict || report.strict === true,
  };
}
