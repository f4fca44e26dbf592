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

/** The request with the tenant prefix removed; a large or chunked body is streamed through. */
async function forwarded(raw: Request, url: URL): Promise<Request> {
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
