// `so-webhook-mock proxy`: flags → startProxy, one line per violation while it runs, and the
// contract-difference report when it stops (Ctrl-C or SIGTERM). Exit 0 when the upstream broke
// no rule, 1 when it broke one, 2 for a usage error. The flags it shares with `serve` (host,
// CORS, allowed hosts, admin token, public URL, body limit) are parsed by serve's own parser.
import { parseArgs } from 'node:util';
import { writeReports } from '../../conformance/report-output.js';
import { ConfigError, parseServeArgs } from '../config.js';
import type { ReporterName } from './report.js';
import type { ProxyOptions } from './start.js';

export const PROXY_HELP = `Usage: so-webhook-mock proxy --upstream <url> [options]
       so-webhook-mock proxy --replay <dir> [options]

Forwards every API request to the upstream unchanged and returns its answer unchanged, checking
both against the contract; prints each violation, and the report when it stops (Ctrl-C).

Options:
  --upstream <url>        the API root to forward to, e.g. https://sod.superoffice.com/Cust12345/api
  --replay <dir>          answer from a recording instead (made with --record)
  --port <n>              port, 0 = any free port (4010)
  --host <addr>           address to bind (127.0.0.1)
  --errors                answer a violation with 502 and the violation in the error body
  --public-url <url>      origin the upstream reaches the proxy at (a tunnel); deliveries go
                          to <public-url>/__inbox/<name>
  --forward <url>         pass each delivery on, byte for byte, to this receiver
  --record <dir>          write exchanges.jsonl and, on exit, fixture.json into <dir>
  --keep-secrets          keep Secrets and custom header values in the recorded fixture
  --reporter <name>       report on exit: console, json or junit; repeat or comma-separate (console)
  --out <path>            write the reports to files (<path>.<ext>, or <dir>/conformance.<ext>)
  --time-scale <f>        the factor the upstream's retry delays are scaled by, as the
                          mock's --time-scale: retries are judged against 1 s and 4 s × f (1)
  --cors, --allowed-hosts, --admin-token, --max-body   as for serve
  -h, --help              show this help

While it runs: GET / (live page), GET /__admin/proxy (JSON), GET /__admin/proxy/events
(server-sent events), GET /__admin/proxy/report (?format=console|json|junit).
`;

const OWN = {
  upstream: { type: 'string' },
  replay: { type: 'string' },
  errors: { type: 'boolean' },
  forward: { type: 'string' },
  record: { type: 'string' },
  'keep-secrets': { type: 'boolean' },
  reporter: { type: 'string', multiple: true },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;
const SHARED = [
  'port',
  'host',
  'cors',
  'allowed-hosts',
  'admin-token',
  'public-url',
  'max-body',
  'time-scale',
];
const REPORTERS: readonly ReporterName[] = ['console', 'json', 'junit'];
export const DEFAULT_PROXY_PORT = 4010;

export interface ProxyCliArgs {
  options: ProxyOptions;
  reporters: ReporterName[];
  out: string | undefined;
}

function httpUrl(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${flag} must be a URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${flag} must be an http(s) URL, got "${value}"`);
  }
  return value;
}

export function parseProxyArgs(argv: string[]): ProxyCliArgs | 'help' {
  const shared: string[] = [];
  const own: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const name = arg.replace(/^--/, '').split('=')[0] as string;
    const target = arg.startsWith('--') && SHARED.includes(name) ? shared : own;
    target.push(arg);
    if (target === shared && !arg.includes('=') && i + 1 < argv.length)
      target.push(argv[++i] as string);
  }
  let values;
  try {
    values = parseArgs({ args: own, options: OWN, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  if (values.help) return 'help';
  const config = parseServeArgs(shared, {});
  if (config === 'help') return 'help';
  if ((values.upstream === undefined) === (values.replay === undefined)) {
    throw new ConfigError('give --upstream <url> or --replay <dir> (one of them)');
  }
  const reporters = (values.reporter ?? ['console'])
    .flatMap((r) => r.split(','))
    .map((r) => r.trim());
  const unknown = reporters.filter((r) => !REPORTERS.includes(r as ReporterName));
  if (unknown.length > 0)
    throw new ConfigError(`unknown reporter ${unknown.join(', ')}; use ${REPORTERS.join(', ')}`);
  const upstream = httpUrl('--upstream', values.upstream);
  const forward = httpUrl('--forward', values.forward);
  return {
    options: {
      ...(upstream !== undefined ? { upstream } : {}),
      ...(values.replay !== undefined ? { replay: values.replay } : {}),
      port: shared.some((a) => /^--port\b/.test(a)) ? config.port : DEFAULT_PROXY_PORT,
      host: config.host,
      errors: values.errors === true,
      ...(forward !== undefined ? { forward } : {}),
      ...(values.record !== undefined ? { record: values.record } : {}),
      keepSecrets: values['keep-secrets'] === true,
      ...(config.publicUrl !== undefined ? { publicUrl: config.publicUrl } : {}),
      cors: config.cors,
      allowedHosts: config.allowedHosts,
      ...(config.adminToken !== undefined ? { adminToken: config.adminToken } : {}),
      maxBodyBytes: config.limits.maxBodyBytes,
      timeScale: config.timeScale,
    },
    reporters: [...new Set(reporters)] as ReporterName[],
    out: values.out,
  };
}

export interface ProxyIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
}

export async function runProxyCli(argv: string[], io: ProxyIo): Promise<number> {
  let args: ReturnType<typeof parseProxyArgs>;
  try {
    args = parseProxyArgs(argv);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // A usage error points at this command's help, not the server's.
    io.stderr.write(
      `so-webhook-mock: ${error.message}\nRun "so-webhook-mock proxy --help" for the options.\n`,
    );
    return 2;
  }
  if (args === 'help') {
    io.stdout.write(PROXY_HELP);
    return 0;
  }
  const { startProxy } = await import('./start.js');
  const proxy = await startProxy({
    ...args.options,
    onViolation: (line) => io.stderr.write(`violation: ${line}\n`),
  });
  const stopped = new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) process.exit(signal === 'SIGINT' ? 130 : 143);
      stopping = true;
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  const to = args.options.upstream ?? `the recording in ${args.options.replay}`;
  io.stdout.write(
    `so-webhook-mock proxy listening on ${proxy.url} → ${to}\n` +
      `  API        ${proxy.url}/api/v1/Webhook\n` +
      `  receiver   ${proxy.receiverUrl('<name>')} (a TargetUrl for deliveries)\n` +
      `  live page  ${proxy.url}/\n` +
      `  verdicts   ${proxy.url}/__admin/proxy, report at ${proxy.url}/__admin/proxy/report\n`,
  );
  await stopped;
  await proxy.close();
  const verdicts = proxy.verdicts();
  const written = await writeReports(
    args.reporters,
    verdicts,
    { target: to },
    {
      out: args.out,
      color: io.stdout.isTTY === true,
    },
  );
  io.stdout.write(written.stdout);
  if (args.options.record) io.stdout.write(`Recorded into ${args.options.record}\n`);
  return proxy.violationCount() > 0 ? 1 : 0;
}
