#!/usr/bin/env node
// argv → serve | conformance | demo. The only module that ends the process (once its output is out).
import { ConfigError, parseServeArgs, SERVE_HELP } from './config.js';
import { readPackageInfo, type PackageInfo } from './platform/package-info.js';
import { exitAfterFlush } from './platform/exit-after-flush.js';
import { logLevel, logRequests } from './requests/request-log.js';

const help = ({ node }: PackageInfo) => `Usage: so-webhook-mock <command> [options]

Commands:
  serve           serve the SuperOffice Webhook API on localhost (default)
  conformance     check any server against the documented contract
  check-receiver  check your webhook receiver against the documented deliveries
  proxy           check a real server's answers and deliveries against the contract, and record them
  demo            play a scenario against a live mock and a built-in receiver

Options:
  -v, --version   print the version
  -h, --help      show this help

Run "so-webhook-mock <command> --help" for a command's options.
Runs on Node.js ${node} (tested on 20 and 24).
`;

/** Where to go next, printed under the listening line. */
function startupUrls(url: string): string {
  return [
    `  API        ${url}/api/v1/Webhook (also ${url}/Cust12345/api/v1/… per tenant)`,
    `  dashboard  ${url}/`,
    `  docs       ${url}/docs`,
    `  inbox      ${url}/__inbox/<name> (a receiver for your webhooks)`,
    '',
  ].join('\n');
}

async function serve(argv: string[]): Promise<number> {
  const config = parseServeArgs(argv, process.env);
  if (config === 'help') {
    process.stdout.write(SERVE_HELP);
    return 0;
  }
  // Loaded only to serve: the server pulls in Prism, seconds of start-up that --help and a
  // usage error need not wait for.
  const { startServer } = await import('./server.js');
  const server = await startServer({
    ...config,
    logger: { error: (message, detail) => console.error(message, detail) },
  });
  const closed = new Promise<void>((resolve) => {
    // The handlers stay attached: a loader's own signal handler (tsx's) exits the process as
    // soon as it sees no other listener, which would cut the graceful close short. A second
    // signal while closing means "now". They are attached before the listening line: a
    // supervisor may signal as soon as it reads that line.
    let closing = false;
    const stop = (signal: NodeJS.Signals) => {
      if (closing) process.exit(signal === 'SIGINT' ? 130 : 143);
      closing = true;
      void server.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  process.stdout.write(`so-webhook-mock listening on ${server.url}\n${startupUrls(server.url)}`);
  for (const notice of server.notices) process.stdout.write(`${notice}\n`);
  const level = logLevel(config.log, process.stdout.isTTY === true);
  logRequests(server.requests, level, (text) => process.stdout.write(text));
  await closed;
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command = 'serve', ...rest] = argv;
  switch (command) {
    case 'serve':
      return serve(rest);
    case 'conformance': {
      const { runConformanceCli } = await import('../conformance/cli.js');
      return runConformanceCli(rest, { stdout: process.stdout, stderr: process.stderr });
    }
    case 'check-receiver':
      return (await import('../conformance/check-receiver/cli.js')).runCheckReceiverCli(
        rest,
        process,
      );
    case 'proxy':
      return (await import('./proxy/cli.js')).runProxyCli(rest, process);
    case 'demo': {
      const { runDemoCli } = await import('./demo/cli.js');
      return runDemoCli(rest, {
        stdout: process.stdout,
        stderr: process.stderr,
        isTTY: process.stdout.isTTY === true,
        env: process.env,
      });
    }
    case '-v':
    case '--version':
      process.stdout.write(`${(await readPackageInfo()).version}\n`);
      return 0;
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(help(await readPackageInfo()));
      return 0;
    default:
      if (command.startsWith('-')) return serve(argv);
      process.stderr.write(
        `so-webhook-mock: unknown command "${command}"\n\n${help(await readPackageInfo())}`,
      );
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => exitAfterFlush(code),
  (error: unknown) => {
    const usage = error instanceof ConfigError;
    process.stderr.write(`so-webhook-mock: ${(error as Error).message}\n`);
    if (usage) process.stderr.write(`Run "so-webhook-mock serve --help" for the options.\n`);
    return exitAfterFlush(usage ? 2 : 1);
  },
);
