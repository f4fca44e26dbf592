// `/Cust12345/api/v1/…` → that tenant's own app, with the prefix taken off the path and kept as
// the base of the `_Links` it writes. The tenant is opened on first use, after the caller has
// shown credentials, so an anonymous client cannot make the mock open stores.
import type { Context, Hono } from 'hono';
import type { Env } from '../http/env.js';
import type { TenantRegistry } from './registry.js';
import { splitTenantPath, TENANT_ROUTE } from './tenant-id.js';

export interface TenantApp {
  fetch(request: Request, env?: unknown): Response | Promise<Response>;
  close(): Promise<void>;
}

export interface TenantRouteDeps {
  tenants: TenantRegistry<{ app: Pick<TenantApp, 'fetch'>; close(): Promise<void> }>;
  /** Throws the 401 when the request may not open a new tenant. */
  admit(c: Context<Env>): void;
}

/**
 * A body up to this size, with its length declared, is read before the request is passed on: a
 * streamed body cost two Requests and a web stream per call, most of a small call's work.
 */
const READ_AHEAD_BYTES = 64 * 1024;

const nativeUrl = Object.getOwnPropertyDescriptor(Request.prototype, 'url')?.get;
/** Per prototype: whether its requests are Node's own, which only a new Request can re-address. */
const nativeByPrototype = new WeakMap<object, boolean>();

/**
 * Whether `raw` is one of Node's own Requests. The node adapter hands the app a lazy request of
 * its own (headers and body read from the socket when asked) that is not, and copying it into a
 * new Request built its headers, a body buffer and a followed AbortSignal: about 0.17 ms of a
 * tenant's every call, a third of a refused signal's cost.
 */
function isNative(raw: Request): boolean {
  const prototype = Object.getPrototypeOf(raw) as object;
  let native = nativeByPrototype.get(prototype);
  if (native === undefined) {
    try {
      nativeUrl?.call(raw);
      native = true;
    } catch {
      native = false;
    }
    nativeByPrototype.set(prototype, native);
  }
  return native;
}

/** The request with the tenant prefix removed; a large or chunked body is streamed through. */
async function forwarded(raw: Request, url: URL): Promise<Request> {
  // The adapter's request reads through to the same socket, so the tenant's app gets it as it
  // is, only at its own address: headers, body and abort signal are the same ones, read once.
  if (!isNative(raw)) return Object.create(raw, { url: { value: url.href } }) as Request;
  const init: RequestInit & { duplex?: 'half' } = {
    method: raw.method,
    headers: raw.headers,
    signal: raw.signal,
  };
  if (raw.method === 'GET' || raw.method === 'HEAD') return new Request(url, init);
  // The tenant's app still checks the declared length against its own limit (http/body.ts).
  if (Number(raw.headers.get('content-length') ?? NaN) <= READ_AHEAD_BYTES) {
    return new Request(url, { ...init, body: await raw.arrayBuffer() });
  }
  // Node's fetch needs `duplex` to pass a streamed body along (Fetch, "duplex").
  return new Request(url, { ...init, body: raw.body, duplex: 'half' });
}

export function tenantRoutes(deps: TenantRouteDeps) {
  return (app: Hono<Env>) => {
    app.all(`${TENANT_ROUTE}/api/*`, async (c) => {
      const url = new URL(c.req.url);
      const split = splitTenantPath(url.pathname);
      if (!split) return c.notFound();
      if (!deps.tenants.has(split.tenant)) deps.admit(c);
      const stack = await deps.tenants.get(split.tenant);
      url.pathname = split.rest;
      // The node adapter's env (the socket, for Prefer faults) goes along.
      const env: unknown = c.env;
      const base = typeof env === 'object' && env !== null ? env : {};
      return stack.app.fetch(await forwarded(c.req.raw, url), {
        ...base,
        basePath: `/${split.tenant}`,
      });
    });
  };
}
