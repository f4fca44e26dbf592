// The only way the suite reaches its target: fetch with a per-request timeout, every exchange
// recorded (credentials redacted) so a failing expectation can show what it saw.
import { CaseError } from './outcome.js';
import { defaultAuthorization, redactHeaders } from './credentials.js';
import type {
  Credentials,
  Evidence,
  HttpResponse,
  RecordedRequest,
  RequestOptions,
} from './types.js';

export interface HttpClientOptions {
  /** Root URL before `/api/v1`, without a trailing slash. */
  target: string;
  credentials: Credentials;
  timeoutMs: number;
  /** Aborts in-flight requests when the run is interrupted. */
  signal?: AbortSignal;
  /** Bytes of an answer's body read at most (MAX_ANSWER_BYTES by default). */
  maxAnswerBytes?: number;
}

/**
 * The longest answer body the suite reads: far above any list the API answers, far below what
 * would hurt the runner. The target is the party being judged; an endless body once put ~1 GiB
 * into the runner within `--timeout 5`.
 */
export const MAX_ANSWER_BYTES = 16 * 1024 * 1024;

/** Thrown, and reported as the case's error, when an answer is longer than the bound. */
export class AnswerTooLong extends Error {}

/** The body as text, read until `max` bytes; one byte more cancels the read and throws. */
async function readBounded(res: Response, max: number): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw new AnswerTooLong(
        `the answer's body is longer than ${max} bytes, the most the runner reads`,
      );
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export interface HttpClient {
  send(method: string, path: string, options?: RequestOptions): Promise<HttpResponse>;
  /** The most recent request sent (and its answer, if one came). */
  readonly lastEvidence: Evidence | undefined;
}

/** Evidence keeps enough of a body to show a problem without flooding a report. */
const MAX_RECORDED_BODY = 16_384;
const clip = (text: string): string =>
  text.length > MAX_RECORDED_BODY ? `${text.slice(0, MAX_RECORDED_BODY)}… (truncated)` : text;

export function buildUrl(target: string, path: string, query?: RequestOptions['query']): string {
  const url = new URL(target + path);
  for (const [name, value] of Object.entries(query ?? {})) {
    url.searchParams.append(name, String(value));
  }
  return url.toString();
}

function buildHeaders(options: RequestOptions, credentials: Credentials): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const auth = options.auth ?? 'default';
  const authorization =
    auth === 'default'
      ? defaultAuthorization(credentials)
      : auth === 'none'
        ? undefined
        : auth.authorization;
  if (authorization) headers.authorization = authorization;
  if (credentials.appToken) headers['so-apptoken'] = credentials.appToken;
  if (options.body !== undefined || options.rawBody !== undefined) {
    headers['content-type'] = 'application/json';
  }
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    headers[name.toLowerCase()] = value;
  }
  return headers;
}

function parseBody(raw: string): unknown {
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return `no answer within ${timeoutMs / 1000} s`;
  }
  if (error instanceof DOMException && error.name === 'AbortError') return 'interrupted';
  if (error instanceof AnswerTooLong) return error.message;
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return cause?.code ? `${message} (${cause.code})` : message;
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  let lastEvidence: Evidence | undefined;

  async function send(method: string, path: string, request: RequestOptions = {}) {
    const url = buildUrl(options.target, path, request.query);
    const headers = buildHeaders(request, options.credentials);
    const body =
      request.rawBody ?? (request.body === undefined ? undefined : JSON.stringify(request.body));
    const recorded: RecordedRequest = { method, url, headers: redactHeaders(headers) };
    if (body !== undefined) recorded.body = clip(body);
    lastEvidence = { request: recorded };
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
    try {
      const res = await fetch(url, { method, headers, body, signal, redirect: 'manual' });
      const raw = await readBounded(res, options.maxAnswerBytes ?? MAX_ANSWER_BYTES);
      const resHeaders: Record<string, string> = {};
      res.headers.forEach((value, name) => (resHeaders[name] = value));
      const evidence: Evidence = {
        request: recorded,
        response: { status: res.status, headers: resHeaders, body: clip(raw) },
      };
      lastEvidence = evidence;
      const response: HttpResponse = {
        status: res.status,
        headers: resHeaders,
        body: parseBody(raw),
        raw,
        evidence,
      };
      return response;
    } catch (error) {
      throw new CaseError(`${method} ${path}: ${describeFailure(error, options.timeoutMs)}`, {
        request: recorded,
      });
    }
  }

  return {
    send,
    get lastEvidence() {
      return lastEvidence;
    },
  };
}
