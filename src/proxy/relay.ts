// One exchange through the proxy: the client's request goes upstream unchanged (or is answered
// from a recording), the answer is judged, logged, recorded, and returned unchanged — or, with
// --errors, a violation becomes a 502 in the SuperOffice error shape.
import type { Context } from 'hono';
import { errorBody } from '../http/api-error.js';
import { mediaTypeOf } from '../http/body.js';
import type { ExchangeChecker, Finding } from './exchange-check.js';
import type { Recorder } from './recorder.js';
import { recordedBody } from './recorder.js';
import type { Redactor } from './redact.js';
import type { Replay } from './replay.js';
import { scopeOf, webhookIdOf } from './exchange-target.js';
import type { SequenceChecker } from './sequence-check.js';
import { evidenceOf } from './evidence.js';
import type { ProxiedRequest } from './request-check.js';
import { decodedBody, forward, forwardedHeaders, upstreamUrl, type RawAnswer } from './upstream.js';
import type { LogEntry, VerdictLog } from './verdict-log.js';
import type { WebhooksSeen } from './webhooks-seen.js';

export interface RelayDeps {
  upstream: URL | undefined;
  replay: Replay | undefined;
  checker: ExchangeChecker;
  seen: WebhooksSeen;
  sequence: SequenceChecker;
  log: VerdictLog;
  redactor: Redactor;
  recorder: Recorder | undefined;
  errors: boolean;
  limits: { maxBodyBytes: number; maxAnswerBytes: number; timeoutMs: number };
  /** One line per violation, as it happens (the CLI prints them). */
  onViolation?: (line: string) => void;
}

/** Answers the proxy decodes and checks at most; larger ones pass through unchecked. */
const MAX_CHECKED = 8 * 1024 * 1024;

function parsedJson(bytes: Buffer | undefined, contentType: string | undefined): unknown {
  const type = mediaTypeOf(contentType) ?? '';
  if (!bytes || bytes.length === 0 || !/json/.test(type)) return undefined;
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}

function violationAnswer(violations: readonly Finding[]): Response {
  const message = `The upstream's answer differs from the contract: ${violations.map((v) => v.message).join('; ')}`;
  return Response.json(errorBody('ContractViolationException', message, 'SuperOffice.WebApi'), {
    status: 502,
  });
}

function toResponse(
  answer: Pick<RawAnswer, 'status' | 'headers' | 'setCookies' | 'body'>,
): Response {
  const headers = new Headers(answer.headers);
  headers.delete('content-length');
  // Which browser pages may read the answer is the proxy's policy (the mock's), not the
  // upstream's: the page talks to the proxy's origin.
  for (const name of [...headers.keys()]) {
    if (name.startsWith('access-control-')) headers.delete(name);
  }
  for (const cookie of answer.setCookies) headers.append('set-cookie', cookie);
  const empty = answer.status === 204 || answer.status === 304 || answer.body.length === 0;
  return new Response(empty ? null : new Uint8Array(answer.body), {
    status: answer.status,
    headers,
  });
}

async function fetchAnswer(
  deps: RelayDeps,
  request: ProxiedRequest,
  raw: Request,
): Promise<RawAnswer> {
  const pathAndQuery = request.query === '' ? request.path : `${request.path}?${request.query}`;
  if (deps.replay) {
    const replayed = deps.replay.answer(request.method, pathAndQuery, request.body);
    if (replayed) return replayed;
    const body = errorBody(
      'SoNotFoundException',
      `No recorded answer for ${request.method} ${pathAndQuery}.`,
      'SuperOffice.WebApi',
    );
    return {
      status: 404,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      setCookies: [],
      body: Buffer.from(JSON.stringify(body)),
    };
  }
  return forward({
    method: request.method,
    url: upstreamUrl(deps.upstream as URL, pathAndQuery),
    headers: forwardedHeaders(raw.headers),
    body: request.body,
    timeoutMs: deps.limits.timeoutMs,
    maxBytes: deps.limits.maxAnswerBytes,
  });
}

export async function relayExchange(deps: RelayDeps, c: Context, body: Buffer): Promise<Response> {
  const started = Date.now();
  const url = new URL(c.req.url);
  const headers: Record<string, string> = {};
  c.req.raw.headers.forEach((value, name) => (headers[name] = value));
  const request: ProxiedRequest = {
    method: c.req.method,
    path: url.pathname,
    query: url.search.slice(1),
    headers,
    body,
  };
  deps.redactor.rememberAuthorization(headers.authorization);
  deps.redactor.remember(headers['so-apptoken']);
  const operationId = deps.checker.operationOf(request);
  const id = operationId === undefined ? undefined : webhookIdOf(operationId, request);
  const sent = parsedJson(body, headers['content-type']);
  const saving =
    operationId === 'patchWebhook' && id !== undefined
      ? deps.seen.patching(id, sent)
      : deps.seen.saving(sent);
  deps.redactor.remember(saving?.secret);
  for (const value of Object.values(saving?.headers ?? {})) deps.redactor.remember(value);
  const pending =
    operationId === undefined
      ? undefined
      : deps.sequence.begin({
          operationId,
          request,
          scope: scopeOf(request),
          id,
          startedAt: started,
        });
  let answer: RawAnswer;
  try {
    answer = await fetchAnswer(deps, request, c.req.raw);
  } catch (error) {
    if (pending) deps.sequence.abandon(pending);
    const message = `The upstream did not answer: ${(error as Error).message}`;
    return Response.json(errorBody('ProxyUpstreamException', message, 'SuperOffice.WebApi'), {
      status: 502,
    });
  }
  const decoded =
    answer.body.length > MAX_CHECKED
      ? undefined
      : decodedBody(answer.body, answer.headers['content-encoding']);
  const verdict = await deps.checker.check(request, {
    status: answer.status,
    headers: answer.headers,
    body: decoded,
  });
  const json = parsedJson(decoded, answer.headers['content-type']);
  for (const webhook of Array.isArray(json) ? json : [json]) {
    const record = webhook as { Secret?: string; Headers?: Record<string, unknown> } | null;
    deps.redactor.remember(record?.Secret);
    for (const value of Object.values(record?.Headers ?? {}))
      if (typeof value === 'string') deps.redactor.remember(value);
  }
  if (verdict.operationId) deps.seen.answered(verdict.operationId, answer.status, json, id);
  // The record of what was seen keeps typed values, so it learns from JSON answers only: XML
  // carries every value as text, and a number read back from it is a string.
  if (pending) verdict.violations.push(...deps.sequence.end(pending, answer.status, json));
  const entry: Omit<LogEntry, 'seq'> = {
    at: new Date(started).toISOString(),
    kind: 'exchange',
    method: request.method,
    url: deps.redactor.text(`${url.pathname}${url.search}`),
    status: answer.status,
    durationMs: Date.now() - started,
    operationId: verdict.operationId,
    ...(verdict.statusRule ? { statusRule: verdict.statusRule } : {}),
    requestProblems: verdict.requestProblems.map((p) => deps.redactor.text(p)),
    violations: verdict.violations.map((v) => ({ ...v, message: deps.redactor.text(v.message) })),
    unchecked: verdict.unchecked,
    evidence: evidenceOf(request, answer.status, answer.headers, decoded, deps.redactor),
  };
  deps.log.add(entry);
  for (const v of entry.violations)
    deps.onViolation?.(
      `${entry.method} ${entry.url} ${entry.status}: ${v.message} [${v.origin}: ${v.source}]`,
    );
  // A compressed answer is recorded decoded, so its Secrets can be redacted like any other.
  const encoded = answer.headers['content-encoding'] !== undefined && decoded !== undefined;
  const recordedHeaders = { ...answer.headers };
  if (encoded) delete recordedHeaders['content-encoding'];
  deps.recorder?.write({
    kind: 'exchange',
    at: entry.at,
    method: request.method,
    url: `${url.pathname}${url.search}`,
    request: { headers: deps.redactor.headers(headers), ...recordedBody(body, deps.redactor) },
    response: {
      status: answer.status,
      headers: deps.redactor.headers(recordedHeaders),
      ...(answer.setCookies.length > 0
        ? { setCookies: answer.setCookies.map(() => '[redacted]') }
        : {}),
      ...recordedBody(encoded ? (decoded as Buffer) : answer.body, deps.redactor),
    },
    verdict: {
      operationId: verdict.operationId,
      violations: entry.violations.map((v) => v.message),
    },
  });
  if (deps.errors && verdict.violations.length > 0) return violationAnswer(entry.violations);
  return toResponse(answer);
}
