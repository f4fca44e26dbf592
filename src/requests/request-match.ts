// Which journal entries a query or a test asks about: `GET /__admin/requests?method=PATCH&
// path=/api/v1/Webhook/*&status=4xx&tenant=Cust1&since=<ISO time>` and the library's
// `requests({ method, path })` share these rules.
import { isRecord } from '../domain/is-record.js';
import { ApiError } from '../http/api-error.js';
import { pathOf, type Exchange } from './request-journal.js';

export interface RequestMatch {
  /** Any case. */
  method?: string;
  /** The path without the query, any case; `*` stands for any characters, e.g. `/api/v1/Webhook/*`. */
  path?: string;
  /** `Cust12345`, or the default tenant's ContextIdentifier (`Default`). */
  tenant?: string;
  /** A status (`404`) or a class (`4xx`). */
  status?: number | string;
  /** Calls at or after this time. */
  since?: Date | string;
  /** A string the request body contains, or fields its JSON body has with these values. */
  body?: string | Record<string, unknown>;
}

function pathTest(pattern: string): (path: string) => boolean {
  const wanted = pattern.toLowerCase();
  if (!wanted.includes('*')) return (path) => path.toLowerCase() === wanted;
  const escaped = wanted.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  const regex = new RegExp(`^${escaped}$`);
  return (path) => regex.test(path.toLowerCase());
}

function statusTest(status: number | string): (status: number) => boolean {
  const text = String(status).trim().toLowerCase();
  if (/^[1-5]xx$/.test(text)) return (s) => Math.floor(s / 100) === Number(text[0]);
  if (/^[1-5]\d\d$/.test(text)) return (s) => s === Number(text);
  throw new ApiError(
    'BAD_REQUEST',
    `status must be a status such as 404 or a class such as 4xx, not "${text}".`,
  );
}

function sinceTest(since: Date | string): (at: number) => boolean {
  const time = since instanceof Date ? since.getTime() : Date.parse(since);
  if (Number.isNaN(time)) {
    throw new ApiError(
      'BAD_REQUEST',
      `since must be an ISO time such as 2026-01-01T12:00:00Z, not "${String(since)}".`,
    );
  }
  return (at) => at >= time;
}

function bodyTest(body: string | Record<string, unknown>): (text: string | undefined) => boolean {
  if (typeof body === 'string') return (text) => text?.includes(body) === true;
  const wanted = Object.entries(body).map(([key, value]) => [key, JSON.stringify(value)]);
  return (text) => {
    if (text === undefined) return false;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return false;
    }
    if (!isRecord(parsed)) return false;
    return wanted.every(([key, value]) => JSON.stringify(parsed[key as string]) === value);
  };
}

/** A test of an exchange for `match`; an impossible value (`status=abc`) throws a 400. */
export function exchangeTest(match: RequestMatch): (exchange: Readonly<Exchange>) => boolean {
  const tests: Array<(exchange: Readonly<Exchange>) => boolean> = [];
  if (match.method !== undefined) {
    const method = match.method.toUpperCase();
    tests.push((e) => e.method === method);
  }
  if (match.tenant !== undefined) {
    const tenant = match.tenant.toLowerCase();
    tests.push((e) => e.tenant.toLowerCase() === tenant);
  }
  if (match.status !== undefined) {
    const test = statusTest(match.status);
    tests.push((e) => test(e.status));
  }
  if (match.since !== undefined) {
    const test = sinceTest(match.since);
    tests.push((e) => test(e.at));
  }
  if (match.path !== undefined) {
    const test = pathTest(match.path);
    tests.push((e) => test(pathOf(e)));
  }
  if (match.body !== undefined) {
    const test = bodyTest(match.body);
    tests.push((e) => test(typeof e.requestBody === 'string' ? e.requestBody : undefined));
  }
  return (exchange) => tests.every((test) => test(exchange));
}

/** `method PATH` with the other conditions, for messages. */
export function describeMatch(match: RequestMatch): string {
  const head = `${match.method?.toUpperCase() ?? 'any method'} ${match.path ?? 'any path'}`;
  const rest = Object.entries(match)
    .filter(([key]) => key !== 'method' && key !== 'path')
    .map(([key, value]) => `${key} ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return rest.length === 0 ? head : `${head} (${rest.join(', ')})`;
}
