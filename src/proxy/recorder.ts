// `--record <dir>`: what passed through the proxy, written as it happens to
// `<dir>/exchanges.jsonl` (one JSON line per exchange or delivery, credentials, Authorization,
// Secret and custom header values always redacted) and, on close, `<dir>/fixture.json`: the
// upstream's webhooks as a fixture `serve --fixture <dir>` loads (Secrets and custom header
// values redacted unless --keep-secrets). Lines go to disk one by one; nothing accumulates.
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FIXTURE_SCHEMA_PATH } from '../fixture-loader/fixture-schema.js';
import { FIXTURES_DIR } from '../paths.js';
import { REDACTED, type Redactor } from './redact.js';
import type { SeenWebhook } from './webhooks-seen.js';

export const LOG_FILE = 'exchanges.jsonl';
export const FIXTURE_FILE = 'fixture.json';
export const RECORDING_FORMAT = 'so-webhook-mock/proxy-recording@1';

/** Bodies larger than this are logged as truncated (and cannot be replayed). */
export const MAX_RECORDED_BODY = 1024 * 1024;
/** Bytes waiting for the disk, past which lines are written without bodies. */
const MAX_PENDING_BYTES = 64 * 1024 * 1024;

export interface RecordedBody {
  body?: string;
  bodyBase64?: string;
  truncated?: number;
}

export interface RecordedLine {
  format: typeof RECORDING_FORMAT;
  kind: 'exchange' | 'delivery';
  at: string;
  method: string;
  url: string;
  request: { headers: Record<string, string> } & RecordedBody;
  response: {
    status: number;
    headers: Record<string, string>;
    setCookies?: string[];
  } & RecordedBody;
  verdict: { operationId: string | null; violations: string[] };
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The body as text (redacted) when it is UTF-8, else Base64; cut when too large. */
export function recordedBody(bytes: Buffer, redactor: Redactor): RecordedBody {
  if (bytes.length > MAX_RECORDED_BODY) return { truncated: bytes.length };
  if (bytes.length === 0) return {};
  try {
    return { body: redactor.text(UTF8.decode(bytes)) };
  } catch {
    return { bodyBase64: bytes.toString('base64') };
  }
}

export interface RecorderOptions {
  dir: string;
  keepSecrets: boolean;
  redactor: Redactor;
  contextIdentifier?: string;
}

export class Recorder {
  readonly #options: RecorderOptions;
  readonly #log: WriteStream;

  private constructor(options: RecorderOptions, log: WriteStream) {
    this.#options = options;
    this.#log = log;
  }

  static async open(options: RecorderOptions): Promise<Recorder> {
    await mkdir(options.dir, { recursive: true });
    const log = createWriteStream(join(options.dir, LOG_FILE), { flags: 'a' });
    await new Promise<void>((resolve, reject) =>
      log.once('open', () => resolve()).once('error', reject),
    );
    return new Recorder(options, log);
  }

  write(line: Omit<RecordedLine, 'format'>): void {
    // The scrub runs once more over the whole line: a value remembered after its body was
    // first read (a Secret in the save's answer) is still caught in the headers.
    // A disk slower than the traffic must not grow memory: past the bound, lines go without
    // their bodies (and are not replayed).
    const slow = this.#log.writableLength > MAX_PENDING_BYTES;
    const kept = slow
      ? {
          ...line,
          request: { headers: line.request.headers, truncated: -1 },
          response: { status: line.response.status, headers: line.response.headers, truncated: -1 },
        }
      : line;
    const text = this.#options.redactor.text(JSON.stringify({ format: RECORDING_FORMAT, ...kept }));
    this.#log.write(`${text}\n`);
  }

  /** Writes fixture.json from the webhooks seen and closes the log. */
  async close(webhooks: readonly SeenWebhook[]): Promise<void> {
    await new Promise<void>((resolve) => this.#log.end(() => resolve()));
    const fixture = await fixtureOf(webhooks, this.#options);
    const file = join(this.#options.dir, FIXTURE_FILE);
    // Written beside and renamed, so a reader never sees half a fixture.
    await writeFile(`${file}.tmp`, `${JSON.stringify(fixture, null, 2)}\n`);
    await rename(`${file}.tmp`, file);
  }
}

async function fixtureOf(webhooks: readonly SeenWebhook[], options: RecorderOptions) {
  const schema = JSON.parse(await readFile(FIXTURE_SCHEMA_PATH, 'utf8')) as {
    $defs: { WebhookFields: { properties: Record<string, unknown> } };
  };
  const fields = new Set(Object.keys(schema.$defs.WebhookFields.properties));
  // The documented sample login, so the recording is served with the credentials every example
  // uses; the login that passed through the proxy is never written.
  const sample = JSON.parse(await readFile(`${FIXTURES_DIR}default.json`, 'utf8')) as {
    users: unknown[];
  };
  return {
    description: `Recorded by so-webhook-mock proxy; ${options.keepSecrets ? 'Secrets kept' : 'Secrets and custom header values redacted'}. Served as WebhookId 1, 2, … in the order of the upstream's ids.`,
    ...(options.contextIdentifier ? { contextIdentifier: options.contextIdentifier } : {}),
    users: sample.users,
    webhooks: webhooks.map((webhook) => fixtureWebhook(webhook, fields, options)),
  };
}

function fixtureWebhook(
  webhook: SeenWebhook,
  fields: ReadonlySet<string>,
  options: RecorderOptions,
) {
  const kept = Object.entries(webhook).filter(([key]) => fields.has(key) && key !== 'WebhookId');
  const record = Object.fromEntries(kept);
  if (options.keepSecrets) return record;
  if (typeof record.Secret === 'string' && record.Secret !== '') record.Secret = REDACTED;
  if (record.Headers && typeof record.Headers === 'object') {
    record.Headers = Object.fromEntries(Object.keys(record.Headers).map((k) => [k, REDACTED]));
  }
  // A credential echoed anywhere else in the webhook (a Description, a Property) goes too.
  return JSON.parse(options.redactor.text(JSON.stringify(record))) as Record<string, unknown>;
}
