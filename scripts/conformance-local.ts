// `npm run conformance [-- <flags>]`: the conformance suite against a fresh so-webhook-mock.
// Starts the mock on 127.0.0.1 (any free port, in-memory store, the default fixture, retry delays
// a hundred times shorter), runs every case with the fixture's credentials for all three schemes
// so the auth cases run too, prints the report, stops the mock, and exits with the suite's code
// (0 passed, 1 a case failed, 2 usage or connection error, 130 interrupted).
// Extra flags go to `so-webhook-mock conformance` (see --help), e.g.
//   npm run conformance -- --reporter junit,json --out reports/
// To check another server, run `so-webhook-mock conformance --target <url>` instead.
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { runConformanceCli, type CliIo } from '../conformance/cli.js';
import { startServer } from '../src/server.js';

/** fixtures/default.json: user tje0/Tje0 with its ticket and token. */
export const LOCAL_CREDENTIALS = [
  ...['--user', 'tje0', '--password', 'Tje0'],
  ...['--ticket', '7T:mock-ticket-tje0', '--token', '8A:mock-token-tje0'],
];

const USAGE_EXIT = 2;
/** Retry delays a hundred times shorter; the suite is told so with --time-scale. */
const TIME_SCALE = 0.01;

const flagValues = (argv: readonly string[], flag: string): string[] =>
  argv.flatMap((arg, i) => {
    if (arg === flag) return argv[i + 1] ?? [];
    return arg.startsWith(`${flag}=`) ? arg.slice(flag.length + 1) : [];
  });

/**
 * With --out, reports go to files and stdout would show only a summary line; a local run
 * always shows the readable report too, so `console` joins the reporters (and is written as
 * <out>.txt beside the others).
 */
export function localArgs(argv: readonly string[]): string[] {
  const reporters = flagValues(argv, '--reporter').flatMap((r) => r.split(','));
  const hidesConsole = reporters.length > 0 && !reporters.map((r) => r.trim()).includes('console');
  const toFiles = flagValues(argv, '--out').length > 0;
  return hidesConsole && toFiles ? [...argv, '--reporter', 'console'] : [...argv];
}

const NO_SERVER_NEEDED = new Set(['-h', '--help', '--list', '--matrix']);

export async function conformanceLocal(argv: readonly string[], io: CliIo): Promise<number> {
  if (flagValues(argv, '--target').length > 0 || argv.includes('--target')) {
    io.stderr.write(
      'npm run conformance checks a fresh so-webhook-mock; for another server run\n' +
        '  so-webhook-mock conformance --target <url> [options]\n',
    );
    return USAGE_EXIT;
  }
  if (argv.some((arg) => NO_SERVER_NEEDED.has(arg))) {
    return runConformanceCli([...LOCAL_CREDENTIALS, ...argv], io);
  }
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    db: ':memory:',
    auth: 'on',
    timeScale: TIME_SCALE,
  });
  try {
    io.stderr.write(`conformance: checking a fresh so-webhook-mock at ${server.url}\n`);
    return await runConformanceCli(
      [
        '--target',
        server.url,
        ...LOCAL_CREDENTIALS,
        '--time-scale',
        String(TIME_SCALE),
        ...localArgs(argv),
      ],
      io,
    );
  } finally {
    await server.close();
  }
}

const invokedDirectly =
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;

if (invokedDirectly) {
  conformanceLocal(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(
        `conformance: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exit(USAGE_EXIT);
    },
  );
}
