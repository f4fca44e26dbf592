// CORS on the API routes, so a browser app served from another origin (a Vite dev server on
// :5173) can call the mock as it would call SuperOffice through its own proxy. By default only
// the developer's own pages get an answer: any port of localhost, 127.0.0.1 and [::1]. Any other
// page would otherwise read every webhook's Secret with the published default login and use
// TestWebhook to reach services on the developer's machine. The control plane (/__admin, the
// dashboard, /__inbox) never gets these headers: it keeps its same-origin rule.
// Fetch standard, "CORS protocol": https://fetch.spec.whatwg.org/#http-cors-protocol
import type { Context, MiddlewareHandler } from 'hono';
import { ApiError } from './api-error.js';

/**
 * `loopback` (the default) answers the developer's own pages; a list answers those origins
 * besides them; `any` reflects every Origin; `off` sends nothing.
 */
export type CorsPolicy = 'any' | 'off' | 'loopback' | readonly string[];

/** Names a page served from the developer's own machine has; their ports do not matter. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether an Origin is a page on the developer's own machine, over http or https. */
export function isLoopbackOrigin(origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    url.origin === origin.toLowerCase() &&
    LOOPBACK_HOSTS.has(url.hostname)
  );
}

/** The one start-up line `--cors '*'` earns, or undefined. */
export function corsNotice(policy: CorsPolicy): string | undefined {
  return policy === 'any'
    ? "CORS is open to every origin (--cors '*'): any web page open in a browser here can drive this mock's API."
    : undefined;
}

/** Request headers the API reads (spec: parameters and security schemes). */
const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'accept',
  'accept-language',
  'if-unmodified-since',
  'prefer',
];
/** SuperOffice's own request headers (`SO-AppToken`, `SO-Language`, …) are read too. */
const SO_HEADER = /^so-[a-z0-9-]+$/;
/** Response headers a client reads besides the CORS-safelisted ones. */
const EXPOSED_HEADERS = 'WWW-Authenticate, Preference-Applied, Retry-After, Content-Length';
const METHODS = 'GET, POST, PUT, PATCH, DELETE';
/** How long a browser may cache a preflight answer (seconds). */
const MAX_AGE = '600';

/** Parses `--cors`: `off`, `*`/`any`, `loopback`, or a comma-separated list of origins. */
export function parseCorsPolicy(value: string): CorsPolicy | undefined {
  const text = value.trim();
  if (/^(off|none|false|0)$/i.test(text)) return 'off';
  if (text === '*' || /^(any|true)$/i.test(text)) return 'any';
  if (/^(loopback|on)$/i.test(text)) return 'loopback';
  const origins = text.split(',').map((each) => each.trim());
  for (const origin of origins) {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return undefined;
    }
    // An origin is scheme://host[:port] and nothing else (RFC 6454 §6.2).
    if (url.origin !== origin || !/^https?:$/.test(url.protocol)) return undefined;
  }
  return origins;
}

function allowedOrigin(policy: CorsPolicy, origin: string | undefined): string | undefined {
  if (origin === undefined || policy === 'off') return undefined;
  if (policy === 'any' || isLoopbackOrigin(origin)) return origin;
  return policy !== 'loopback' && policy.includes(origin) ? origin : undefined;
}

/** The requested headers the API reads, as a preflight answer lists them. */
export function allowedRequestHeaders(requested: string | undefined): string {
  const names = (requested ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => ALLOWED_HEADERS.includes(name) || SO_HEADER.test(name));
  return [...new Set(names)].join(', ');
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The page's origin names the host the request was sent to: the mock's own pages (/docs). */
function sameHost(c: Context, origin: string): boolean {
  try {
    return new URL(origin).host === (c.req.header('host') ?? new URL(c.req.url).host);
  } catch {
    return false;
  }
}

/**
 * A browser sends `Origin` with every cross-origin write, a form post too. Such a post needs no
 * preflight, form bodies bind (spec/README.md C24), and a browser attaches a Basic login it
 * cached from the API's 401 prompt: without this refusal, any page could create webhooks or
 * make the mock POST to local services through TestWebhook, unread but done.
 */
function refusedWrite(c: Context, origin: string): ApiError | undefined {
  if (SAFE_METHODS.has(c.req.method) || sameHost(c, origin)) return undefined;
  return new ApiError(
    'FORBIDDEN',
    `A page on ${origin.slice(0, 200)} may not change this mock's data; name it with --cors to allow it.`,
  );
}

/**
 * Preflights are answered here, before authentication: a browser never sends credentials on
 * one (Fetch §4.8, "CORS-preflight fetch"). No `Access-Control-Allow-Credentials`: clients send
 * `Authorization` explicitly, and allowing credentials would let any page ride on Basic
 * credentials a browser cached from the 401 login prompt.
 */
export function cors(policy: CorsPolicy): MiddlewareHandler {
  return async (c: Context, next) => {
    const sent = c.req.header('origin');
    const origin = allowedOrigin(policy, sent);
    if (origin === undefined) {
      const refusal = sent === undefined ? undefined : refusedWrite(c, sent);
      if (refusal) throw refusal;
      await next();
      return;
    }
    const preflight =
      c.req.method === 'OPTIONS' && c.req.header('access-control-request-method') !== undefined;
    if (preflight) {
      const headers = new Headers({
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': METHODS,
        'Access-Control-Max-Age': MAX_AGE,
        Vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
      });
      const allowHeaders = allowedRequestHeaders(c.req.header('access-control-request-headers'));
      if (allowHeaders !== '') headers.set('Access-Control-Allow-Headers', allowHeaders);
      return new Response(null, { status: 204, headers });
    }
    await next();
    // Error answers (401, 404, …) carry the headers too, or the page could not read them.
    c.res.headers.set('Access-Control-Allow-Origin', origin);
    c.res.headers.set('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    c.res.headers.append('Vary', 'Origin');
  };
}
