// Flags and environment → a typed Config. The only reader of process.env.
import { parseArgs } from 'node:util';
import { parseCorsPolicy, type CorsPolicy } from './http/cors.js';
import { DEFAULT_LIMITS, type Limits } from './platform/limits.js';
import { LOG_LEVELS, type LogLevel } from './requests/request-log.js';

export interface Config {
  port: number;
  host: string;
  db: string;
  fixture: string;
  reset: boolean;
  auth: 'on' | 'none';
  verifyTargets: boolean;
  strictTargets: boolean;
  standardWebhooks: boolean;
  timeScale: number;
  latency: { min: number; max: number } | undefined;
  /** Browser origins the API answers with CORS headers (`--cors`). */
  cors: CorsPolicy;
  limits: Limits;
  /** Host names the server answers to besides loopback and IP literals. */
  allowedHosts: string[];
  /** The token that opens the control plane off loopback (nothing else does). */
  adminToken: string | undefined;
  /**
   * scheme://host[:port] for `_Links` and the served spec's `servers`; default the bound
   * address (loopback for a wildcard).
   */
  publicUrl: string | undefined;
  /** Start from a damaged journal by dropping what cannot be proven, keeping a backup. */
  repair: boolean;
  /** What `serve` prints per API call (`--log`); `auto`: a line each on a terminal, else none. */
  log: 'auto' | LogLevel;
}

export const DEFAULT_CONFIG: Config = {
  port: 3000,
  host: '127.0.0.1',
  db: './data/webhooks.json',
  fixture: 'default',
  reset: false,
  auth: 'on',
  verifyTargets: true,
  strictTargets: false,
  standardWebhooks: false,
  timeScale: 1,
  latency: undefined,
  cors: 'loopback',
  limits: { ...DEFAULT_LIMITS },
  allowedHosts: [],
  adminToken: undefined,
  publicUrl: undefined,
  repair: false,
  log: 'auto',
};

export const SERVE_HELP = `Usage: so-webhook-mock serve [options]

Serves every Webhook endpoint of the SuperOffice WebAPI on a local port.

Options (each also as an environment variable):
  --port <n>              port, 0 = any free port          SO_WEBHOOK_MOCK_PORT     (3000)
  --host <addr>           address to bind                  SO_WEBHOOK_MOCK_HOST     (127.0.0.1)
  --db <file>             JSON store file, :memory: = none SO_WEBHOOK_MOCK_DB       (./data/webhooks.json)
  --fixture <name|file>   data for a new store             SO_WEBHOOK_MOCK_FIXTURE  (default)
  --reset                 replace the store with the fixture  SO_WEBHOOK_MOCK_RESET
  --repair                start from a damaged journal: back it up, drop what fails its checks
                                                           SO_WEBHOOK_MOCK_REPAIR
  --auth <on|none>        require credentials              SO_WEBHOOK_MOCK_AUTH     (on)
  --no-verify-targets     skip the test POST on save       SO_WEBHOOK_MOCK_VERIFY_TARGETS=false
  --strict-targets        require https: even for loopback SO_WEBHOOK_MOCK_STRICT_TARGETS
  --standard-webhooks     add webhook-id/-timestamp/-signature headers  SO_WEBHOOK_MOCK_STANDARD_WEBHOOKS
  --time-scale <f>        multiply retry delays (0.01 = 100x faster)  SO_WEBHOOK_MOCK_TIME_SCALE (1)
  --latency <ms|min-max>  delay every API answer           SO_WEBHOOK_MOCK_LATENCY
  --cors <off|*|origin,...> browser origins the API answers besides localhost pages
                                                           SO_WEBHOOK_MOCK_CORS     (loopback)
  --max-body <bytes>      largest request body             SO_WEBHOOK_MOCK_MAX_BODY (1048576)
  --queue-size <n>        deliveries waiting at most       SO_WEBHOOK_MOCK_QUEUE_SIZE (1000)
  --concurrency <n>       deliveries in flight at most     SO_WEBHOOK_MOCK_CONCURRENCY (8)
  --delivery-timeout <ms> per-attempt timeout              SO_WEBHOOK_MOCK_DELIVERY_TIMEOUT (10000)
  --allowed-hosts <a,b>   host names the server answers to besides loopback (.example.com = subdomains)
                                                           SO_WEBHOOK_MOCK_ALLOWED_HOSTS
  --admin-token <token>   the only key to the control plane off loopback  SO_WEBHOOK_MOCK_ADMIN_TOKEN
  --public-url <url>      origin for _Links and the spec's servers (bound address)  SO_WEBHOOK_MOCK_PUBLIC_URL
  --log <off|requests|debug>  print a line per API call (debug: with bodies)  SO_WEBHOOK_MOCK_LOG
                          (requests on a terminal, off otherwise)
  -h, --help              show this help
`;

export class ConfigError extends Error {}

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  db: { type: 'string' },
  fixture: { type: 'string' },
  reset: { type: 'boolean' },
  auth: { type: 'string' },
  'verify-targets': { type: 'boolean' },
  'no-verify-targets': { type: 'boolean' },
  'strict-targets': { type: 'boolean' },
  'standard-webhooks': { type: 'boolean' },
  'time-scale': { type: 'string' },
  latency: { type: 'string' },
  cors: { type: 'string' },
  'max-body': { type: 'string' },
  'queue-size': { type: 'string' },
  concurrency: { type: 'string' },
  'delivery-timeout': { type: 'string' },
  repair: { type: 'boolean' },
  'allowed-hosts': { type: 'string' },
  'admin-token': { type: 'string' },
  'public-url': { type: 'string' },
  log: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Raw = Partial<Record<keyof typeof OPTIONS, string | boolean>>;

const envName = (name: string) => `SO_WEBHOOK_MOCK_${name.toUpperCase().replaceAll('-', '_')}`;

function fromEnv(env: NodeJS.ProcessEnv): Raw {
  const raw: Raw = {};
  for (const name of Object.keys(OPTIONS) as (keyof typeof OPTIONS)[]) {
    const value = env[envName(name)];
    if (value === undefined || value === '') continue;
    raw[name] = OPTIONS[name].type === 'boolean' ? !/^(0|false|no|off)$/i.test(value) : value;
  }
  return raw;
}

interface NumberRule {
  min: number;
  /** Counts, sizes and ports are whole numbers; only --time-scale is a factor. */
  integer?: boolean;
  max?: number;
}

function number(
  name: string,
  value: string | boolean | undefined,
  { min, integer = true, max = Number.POSITIVE_INFINITY }: NumberRule,
): number | undefined {
  if (value === undefined || typeof value === 'boolean') return undefined;
  // Number('') is 0: an empty value must not silently become "any free port".
  const parsed = value.trim() === '' ? NaN : Number(value);
  if (!Number.isFinite(parsed) || parsed < min) {
    throw new ConfigError(`${name} must be a number >= ${min}, got "${value}"`);
  }
  if (integer && !Number.isInteger(parsed)) {
    throw new ConfigError(`${name} must be an integer, got "${value}"`);
  }
  if (parsed > max) throw new ConfigError(`${name} must be at most ${max}, got "${value}"`);
  return parsed;
}

export function parseLatency(value: string): { min: number; max: number } {
  const match = /^(\d+)(?:-(\d+))?$/.exec(value.trim());
  if (!match) throw new ConfigError(`--latency must be <ms> or <min>-<max>, got "${value}"`);
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : Number(match[2]);
  if (max < min) throw new ConfigError(`--latency ${value}: max is below min`);
  if (max > DEFAULT_LIMITS.maxDelayMs) {
    throw new ConfigError(`--latency ${value}: at most ${DEFAULT_LIMITS.maxDelayMs} ms`);
  }
  return { min, max };
}

function corsPolicy(value: string): CorsPolicy {
  const policy = parseCorsPolicy(value);
  if (!policy) {
    throw new ConfigError(
      `--cors must be "off", "*" or comma-separated origins like http://localhost:5173, got "${value}"`,
    );
  }
  return policy;
}

/** `--public-url`: an http(s) origin, with no path, query or credentials. */
export function parsePublicUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`--public-url must be a URL, got "${value}"`);
  }
  const bare = url.pathname === '/' && url.search === '' && url.hash === '' && !url.username;
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !bare) {
    throw new ConfigError(`--public-url must be http(s)://host[:port] alone, got "${value}"`);
  }
  return url.origin;
}

/** `--allowed-hosts a,b`: host names without port, scheme or path. */
function parseAllowedHosts(value: string): string[] {
  const hosts = value
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== '');
  const bad = hosts.find((h) => !/^\.?[a-z0-9-]+(\.[a-z0-9-]+)*\.?$/.test(h));
  if (bad !== undefined) throw new ConfigError(`--allowed-hosts: "${bad}" is not a host name`);
  return hosts;
}

function parseLog(value: string | boolean | undefined): Config['log'] {
  if (typeof value !== 'string') return 'auto';
  if (!(LOG_LEVELS as readonly string[]).includes(value)) {
    throw new ConfigError(`--log must be ${LOG_LEVELS.join(', ')}, got "${value}"`);
  }
  return value as LogLevel;
}

function adminToken(value: string | boolean | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  // A short token is guessable; the control plane it opens can reset the store.
  if (value.length < 16) throw new ConfigError('--admin-token must be at least 16 characters');
  return value;
}

/** Flags win over environment variables, which win over defaults. */
export function parseServeArgs(argv: string[], env: NodeJS.ProcessEnv = {}): Config | 'help' {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false });
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  const raw: Raw = { ...fromEnv(env), ...parsed.values };
  if (raw.help) return 'help';
  // A bad value is reported under the name the user gave it: the flag or the variable.
  const flags: Raw = parsed.values;
  const said = (name: keyof typeof OPTIONS) =>
    flags[name] === undefined ? envName(name) : `--${name}`;
  // The value parsers speak of the flag; a value from the environment is named as such.
  const parsing = <T>(name: keyof typeof OPTIONS, parse: () => T): T => {
    try {
      return parse();
    } catch (error) {
      if (!(error instanceof ConfigError) || said(name) === `--${name}`) throw error;
      throw new ConfigError(error.message.replace(`--${name}`, said(name)));
    }
  };
  const auth = raw.auth ?? DEFAULT_CONFIG.auth;
  if (auth !== 'on' && auth !== 'none') {
    throw new ConfigError(`${said('auth')} must be "on" or "none"`);
  }
  const d = DEFAULT_CONFIG;
  const str = (v: string | boolean | undefined, fallback: string) =>
    typeof v === 'string' ? v : fallback;
  return {
    port: number(said('port'), raw.port, { min: 0, max: 65535 }) ?? d.port,
    host: str(raw.host, d.host),
    db: str(raw.db, d.db),
    fixture: str(raw.fixture, d.fixture),
    reset: raw.reset === true,
    auth,
    verifyTargets: raw['no-verify-targets'] === true ? false : raw['verify-targets'] !== false,
    strictTargets: raw['strict-targets'] === true,
    standardWebhooks: raw['standard-webhooks'] === true,
    timeScale:
      number(said('time-scale'), raw['time-scale'], { min: 0, integer: false }) ?? d.timeScale,
    latency: parsing('latency', () =>
      typeof raw.latency === 'string' ? parseLatency(raw.latency) : undefined,
    ),
    cors: parsing('cors', () => (typeof raw.cors === 'string' ? corsPolicy(raw.cors) : d.cors)),
    repair: raw.repair === true,
    log: parsing('log', () => parseLog(raw.log)),
    allowedHosts: parsing('allowed-hosts', () =>
      typeof raw['allowed-hosts'] === 'string' ? parseAllowedHosts(raw['allowed-hosts']) : [],
    ),
    adminToken: parsing('admin-token', () => adminToken(raw['admin-token'])),
    publicUrl: parsing('public-url', () =>
      typeof raw['public-url'] === 'string' ? parsePublicUrl(raw['public-url']) : undefined,
    ),
    limits: {
      ...d.limits,
      maxBodyBytes: number(said('max-body'), raw['max-body'], { min: 1 }) ?? d.limits.maxBodyBytes,
      queueSize: number(said('queue-size'), raw['queue-size'], { min: 1 }) ?? d.limits.queueSize,
      concurrency: number(said('concurrency'), raw.concurrency, { min: 1 }) ?? d.limits.concurrency,
      attemptTimeoutMs:
        number(said('delivery-timeout'), raw['delivery-timeout'], { min: 1 }) ??
        d.limits.attemptTimeoutMs,
    },
  };
}
