// `so-webhook-mock conformance` flags → a typed run configuration, or a usage error (exit 2).
import { parseArgs } from 'node:util';
import { DEFAULT_DELIVERY_TIMEOUT_MS, DEFAULT_TIMEOUT_MS } from './run.js';
import { splitSelectors } from './select.js';
import type { Credentials } from './types.js';

export const REPORTERS = ['console', 'json', 'junit'] as const;
export type ReporterName = (typeof REPORTERS)[number];

export const CONFORMANCE_HELP = `Usage: so-webhook-mock conformance --target <url> [options]

Runs the conformance suite against any server that claims to implement the SuperOffice
WebAPI Webhook endpoints and reports one verdict per documented behaviour.

Target
  --target <url>            root URL before /api/v1 (required), e.g.
                            http://127.0.0.1:3000 or https://sod.superoffice.com/Cust12345
  --timeout <seconds>       per-request timeout                              (10)

Credentials (the first of --token, --ticket, --user is sent with every request;
the auth cases try each one given, and are skipped when none is given)
  --user <name>             Basic user name
  --password <password>     Basic password                                   ('')
  --ticket <7T:…>           sent as "Authorization: SOTicket <ticket>"
  --token <8A:…>            sent as "Authorization: Bearer <token>"
  --app-token <token>       sent as "SO-AppToken: <token>"

Selection (a selector is a case id, an area, a tag, or a glob over ids such as patch.*;
repeat the flag or separate selectors with commas)
  --only <selector>         run only the matching cases
  --skip <selector>         leave the matching cases out
  --read-only               run only the cases that change nothing on the target
  --list                    print the selected cases and exit (no --target needed)
  --matrix                  print the behaviour matrix (every documented rule by its
                            variants, each cell a case or why HTTP cannot check it)
                            and its coverage figure, and exit (no --target needed)
  Areas: operations, binding, select-and-filters, save, patch, auth, bad-input,
         deliveries, test-and-lasterror
  Tags:  doc (vendor documentation), client (official client), inferred (reference's
         reading), choice (spec/README.md C1–C18, where the docs are silent),
         receiver (watches deliveries), schema, errors, filters, select, …

Deliveries (a local receiver stands in for TargetUrl; the target must be able to reach it)
  --receiver-host <addr>    address the receiver binds                       (127.0.0.1)
  --receiver-port <n>       port the receiver binds, 0 = any free port        (0)
  --receiver-url <url>      URL given to the target as TargetUrl base when it is not
                            http://<receiver-host>:<port> (e.g. an https tunnel to it)
  --delivery-timeout <s>    how long to wait for a delivery                   (10)
  --time-scale <f>          the factor the target's retry delays are scaled by,
                            e.g. 0.01 for so-webhook-mock --time-scale 0.01    (1)
  --fuzz <n>                also send n requests generated from the OpenAPI document,
                            valid and flawed, over every operation (case bad-input.fuzz)
  --seed <n>                seed of the random cases (model sequences, --fuzz); the
                            report notes the seed used, so a failure can be replayed
  --deep <n>                the differential case runs n random sequences against the
                            in-process reference, unlimited in time, instead of its
                            default 5 within 6 s
  --slow                    also run the slow cases (9 failed delivery cycles:
                            about 45 s at the documented delays)

Verdicts
  --strict                  a rule that is only a choice of the contract (spec/README.md,
                            e.g. WebhookId minimum 0) fails instead of warning
  --replay <report.json>    rerun from a JSON report: its target, seed and --strict,
  --case <id>               with --replay: the one case to rerun (credentials as usual)

Reports
  --reporter <name>         console, json or junit; repeat or comma-separate (console)
  --out <path>              write every report to a file instead of stdout:
                              <path>.txt (console), <path>.json, <path>.xml (junit);
                            when <path> is an existing directory or ends with '/':
                              <path>/conformance.txt|.json|.xml.
                            stdout then shows the console report if it was chosen,
                            otherwise the one-line summary.
  --verbose                 passing cases show their source and notes as well
  -h, --help                show this help

Webhooks the run creates are named "soconf-<run id> …" and deleted afterwards (also on
Ctrl-C); webhooks already on the target are never modified.
JSON report schema: conformance/report.schema.json.

Every failure prints its request as a curl command (credentials read from $SO_USER,
$SO_PASSWORD, $SO_TICKET, $SO_TOKEN, $SO_APPTOKEN).

Exit codes: 0 every selected case passed (skipped cases and warnings do not fail a run),
1 a case failed or errored, 2 usage or connection error or refused credentials,
130 interrupted.
`;

export interface CliConfig {
  help: boolean;
  list: boolean;
  matrix: boolean;
  target: string | undefined;
  credentials: Credentials;
  only: string[];
  skip: string[];
  readOnly: boolean;
  timeoutMs: number;
  deliveryTimeoutMs: number;
  timeScale: number;
  slow: boolean;
  seed: number | undefined;
  fuzz: number;
  deep: number | undefined;
  verbose: boolean;
  receiver: { host: string; port: number; publicUrl?: string };
  reporters: ReporterName[];
  out: string | undefined;
  warnings: string[];
  strict: boolean;
  replay: string | undefined;
  replayCase: string | undefined;
}

export class UsageError extends Error {}

const OPTIONS = {
  target: { type: 'string' },
  user: { type: 'string' },
  password: { type: 'string' },
  ticket: { type: 'string' },
  token: { type: 'string' },
  'app-token': { type: 'string' },
  only: { type: 'string', multiple: true },
  skip: { type: 'string', multiple: true },
  'read-only': { type: 'boolean' },
  list: { type: 'boolean' },
  matrix: { type: 'boolean' },
  'receiver-host': { type: 'string' },
  'receiver-port': { type: 'string' },
  'receiver-url': { type: 'string' },
  timeout: { type: 'string' },
  'delivery-timeout': { type: 'string' },
  'time-scale': { type: 'string' },
  slow: { type: 'boolean' },
  seed: { type: 'string' },
  fuzz: { type: 'string' },
  deep: { type: 'string' },
  verbose: { type: 'boolean' },
  reporter: { type: 'string', multiple: true },
  out: { type: 'string' },
  strict: { type: 'boolean' },
  replay: { type: 'string' },
  case: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function seconds(flag: string, value: string | undefined, fallbackMs: number): number {
  if (value === undefined) return fallbackMs;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new UsageError(`--${flag} must be a positive number of seconds, not "${value}"`);
  }
  return Math.round(n * 1000);
}

function factor(value: string | undefined): number {
  if (value === undefined) return 1;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 100) {
    throw new UsageError(`--time-scale must be a number above 0 and at most 100, not "${value}"`);
  }
  return n;
}

function seedOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,10}$/.test(value) || Number(value) > 2_147_483_647) {
    throw new UsageError(`--seed must be a whole number 0–2147483647, not "${value}"`);
  }
  return Number(value);
}

function fuzzCount(value: string | undefined): number {
  if (value === undefined) return 0;
  if (!/^\d{1,6}$/.test(value) || Number(value) < 1 || Number(value) > 100_000) {
    throw new UsageError(`--fuzz must be a number of requests 1–100000, not "${value}"`);
  }
  return Number(value);
}

function deepCount(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,5}$/.test(value) || Number(value) < 1) {
    throw new UsageError(`--deep must be a number of sequences 1–99999, not "${value}"`);
  }
  return Number(value);
}

function port(value: string | undefined): number {
  if (value === undefined) return 0;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) {
    throw new UsageError(`--receiver-port must be 0–65535, not "${value}"`);
  }
  return n;
}

function httpUrl(flag: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--${flag} is not a URL: "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--${flag} must be an http: or https: URL, not "${value}"`);
  }
  return url;
}

/** The root before /api/v1, without a trailing slash (a pasted …/api/v1 is forgiven). */
function targetRoot(value: string | undefined, warnings: string[]): string | undefined {
  if (value === undefined) return undefined;
  const url = httpUrl('target', value);
  let root = `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  if (/\/api\/v1$/i.test(root)) {
    root = root.replace(/\/api\/v1$/i, '');
    warnings.push(`--target should be the root before /api/v1; using ${root}`);
  }
  return root;
}

function reporters(values: readonly string[] | undefined): ReporterName[] {
  const names = splitSelectors(values);
  if (names.length === 0) return ['console'];
  const unknown = names.filter((n) => !(REPORTERS as readonly string[]).includes(n));
  if (unknown.length > 0) {
    throw new UsageError(`unknown reporter ${unknown.join(', ')}; use ${REPORTERS.join(', ')}`);
  }
  return [...new Set(names)] as ReporterName[];
}

function credentialsFrom(values: Partial<Record<string, unknown>>): Credentials {
  const pick = (flag: string): string | undefined =>
    typeof values[flag] === 'string' ? values[flag] : undefined;
  const credentials: Credentials = {};
  const given: [keyof Credentials, string | undefined][] = [
    ['user', pick('user')],
    ['password', pick('password')],
    ['ticket', pick('ticket')],
    ['token', pick('token')],
    ['appToken', pick('app-token')],
  ];
  for (const [key, value] of given) if (value !== undefined) credentials[key] = value;
  return credentials;
}

export function parseCliArgs(argv: readonly string[]): CliConfig {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: OPTIONS,
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const warnings: string[] = [];
  if (values.password !== undefined && values.user === undefined) {
    throw new UsageError('--password needs --user');
  }
  const receiverUrl = values['receiver-url'];
  const config: CliConfig = {
    help: values.help ?? false,
    list: values.list ?? false,
    matrix: values.matrix ?? false,
    target: targetRoot(values.target, warnings),
    credentials: credentialsFrom(values),
    only: splitSelectors(values.only),
    skip: splitSelectors(values.skip),
    readOnly: values['read-only'] ?? false,
    timeoutMs: seconds('timeout', values.timeout, DEFAULT_TIMEOUT_MS),
    deliveryTimeoutMs: seconds(
      'delivery-timeout',
      values['delivery-timeout'],
      DEFAULT_DELIVERY_TIMEOUT_MS,
    ),
    timeScale: factor(values['time-scale']),
    slow: values.slow ?? false,
    seed: seedOf(values.seed),
    fuzz: fuzzCount(values.fuzz),
    deep: deepCount(values.deep),
    verbose: values.verbose ?? false,
    receiver: { host: values['receiver-host'] ?? '127.0.0.1', port: port(values['receiver-port']) },
    reporters: reporters(values.reporter),
    out: values.out,
    warnings,
    strict: values.strict ?? false,
    replay: values.replay,
    replayCase: values.case,
  };
  if ((config.replay === undefined) !== (config.replayCase === undefined)) {
    throw new UsageError('--replay <report.json> and --case <id> go together');
  }
  if (receiverUrl !== undefined)
    config.receiver.publicUrl = httpUrl('receiver-url', receiverUrl).href;
  const needsTarget = !config.help && !config.list && !config.matrix && !config.replay;
  if (needsTarget && config.target === undefined) {
    throw new UsageError('--target <url> is required');
  }
  return config;
}
