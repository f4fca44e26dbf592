// `so-webhook-mock check-receiver`: flags → checkReceiver() → the conformance reporters → exit
// code (0 passed, 1 a case failed or errored, 2 usage error or receiver unreachable). Returns
// the code; src/cli.ts is the only module that exits.
import { parseArgs } from 'node:util';
import { render } from '../report-output.js';
import type { ReporterName } from '../cli-args.js';
import {
  checkReceiver,
  CheckReceiverUsageError,
  DEFAULT_EVENTS,
  DEFAULT_TIMEOUT_MS,
  ReceiverUnreachableError,
  type CheckReceiverOptions,
} from './check.js';

export const CHECK_RECEIVER_HELP = `Usage: so-webhook-mock check-receiver --url <receiver> [options]

Sends your webhook receiver the deliveries SuperOffice sends (the test event a save sends,
signed events of every documented shape, signature forgeries, header-casing variants, a
retry) and reports one verdict per documented expectation, each with its source.

  --url <url>             the receiver, as the webhook's TargetUrl names it (required)
  --secret <secret>       the webhook's Secret: deliveries are signed with it and the
                          signature cases run (without it they are skipped)
  --events <a,b>          event names to send one delivery each for
                          (${DEFAULT_EVENTS.join(',')})
  --strict                accepting a forged or unsigned delivery is a failure, not a warning
  --timeout <seconds>     per-attempt timeout; a later answer fails receiver.answer-time (${DEFAULT_TIMEOUT_MS / 1000})
  --report <name>         console, json or junit; repeat or comma-separate (console)
  -h, --help              show this help

Exit codes: 0 every case passed (warnings and skipped cases do not fail a run), 1 a case
failed or errored, 2 usage error or a receiver that cannot be reached or does not speak HTTP.
JSON report schema: conformance/report.schema.json (the conformance command's).
`;

export interface CheckReceiverIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env?: Record<string, string | undefined>;
}

const REPORTS: readonly ReporterName[] = ['console', 'json', 'junit'];

function parse(argv: string[]): (CheckReceiverOptions & { reports: ReporterName[] }) | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      secret: { type: 'string' },
      events: { type: 'string', multiple: true },
      strict: { type: 'boolean' },
      timeout: { type: 'string' },
      report: { type: 'string', multiple: true },
      reporter: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  if (positionals.length > 0)
    throw new CheckReceiverUsageError(`unexpected argument ${positionals[0]}`);
  if (!values.url) throw new CheckReceiverUsageError('--url is required');
  const list = (given: string[] | undefined) =>
    (given ?? [])
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter((v) => v !== '');
  const reports = list([...(values.report ?? []), ...(values.reporter ?? [])]);
  const unknown = reports.filter((r) => !(REPORTS as readonly string[]).includes(r));
  if (unknown.length > 0)
    throw new CheckReceiverUsageError(
      `unknown report ${unknown.join(', ')}; use console, json or junit`,
    );
  const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeout !== undefined && !(Number.isFinite(timeout) && timeout > 0)) {
    throw new CheckReceiverUsageError(
      `--timeout must be a positive number of seconds, not "${values.timeout}"`,
    );
  }
  return {
    url: values.url,
    ...(values.secret !== undefined && { secret: values.secret }),
    ...(values.events !== undefined && { events: list(values.events) }),
    strict: values.strict ?? false,
    ...(timeout !== undefined && { timeoutMs: Math.round(timeout * 1000) }),
    reports: reports.length === 0 ? ['console'] : ([...new Set(reports)] as ReporterName[]),
  };
}

const isTty = (stream: NodeJS.WritableStream): boolean =>
  (stream as NodeJS.WritableStream & { isTTY?: boolean }).isTTY === true;

export async function runCheckReceiverCli(argv: string[], io: CheckReceiverIo): Promise<number> {
  const fail = (message: string, hint = '') => {
    io.stderr.write(`so-webhook-mock check-receiver: ${message}\n${hint}`);
    return 2;
  };
  try {
    const options = parse(argv);
    if (options === 'help') {
      io.stdout.write(CHECK_RECEIVER_HELP);
      return 0;
    }
    const report = await checkReceiver(options);
    const color = isTty(io.stdout) && !(io.env ?? process.env).NO_COLOR;
    const meta = {
      check: 'check-receiver',
      target: report.target ?? undefined,
      runId: report.runId ?? undefined,
      durationMs: report.durationMs ?? undefined,
      startedAt: report.startedAt ?? undefined,
    };
    // Verbose: every verdict shows its source, and warnings show their notes.
    io.stdout.write(
      options.reports.map((name) => render(name, report.verdicts, meta, color, true)).join('\n'),
    );
    const warnings = report.verdicts.filter((v) => v.severity === 'warning').length;
    if (warnings > 0) {
      io.stderr.write(
        `${warnings} warnings: the receiver does not verify signatures (--strict fails them)\n`,
      );
    }
    const bad = report.summary.failed + report.summary.error > 0;
    return bad ? 1 : 0;
  } catch (error) {
    if (
      error instanceof CheckReceiverUsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      return fail((error as Error).message, 'Run with --help for usage.\n');
    }
    if (error instanceof ReceiverUnreachableError) return fail(error.message);
    throw error;
  }
}
