// The control-plane policy, in one place: who may use /__admin, the dashboard and the docs
// page. The same defence dev servers such as Vite and Jupyter use against DNS rebinding and
// cross-site requests from a page in the developer's browser:
// - Host is checked for every route, this one included, by web/host-policy.ts.
// - A state-changing request must come from the server's own origin: a cross-site
//   Sec-Fetch-Site or a foreign Origin is refused, and so are the content types a page may
//   send cross-site without a preflight (Fetch standard, "CORS-safelisted request-header").
// - Off loopback, the control plane and the pages that show credentials open only with the
//   --admin-token: the API's default login is published, so it cannot guard them.
import type { Context, Hono } from 'hono';
import type { Env } from '../http/env.js';
import { INBOX_PREFIX } from '../delivery/self-target.js';
import { isLoopbackAddress } from '../delivery/listening-address.js';
import { splitTenantPath } from '../tenants/tenant-id.js';
import { ApiError } from '../http/api-error.js';
import { mediaTypeOf } from '../http/body.js';

export interface ControlPlaneOptions {
  /** Bound off loopback: the admin token is required on the protected paths. */
  requireCredentials: boolean;
  /** Whether an Authorization header carries the admin token; undefined when none is set. */
  authorized: ((authorization: string | undefined) => boolean) | undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Bodies a cross-site form or fetch may send without a CORS preflight. */
const SIMPLE_TYPES = new Set([
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
]);
const SAME_SITE = new Set(['same-origin', 'none']);

/** Paths that change state, stream the store, or show credentials and custom headers. */
export function isProtectedPath(path: string): boolean {
  return (
    path === '/' ||
    path === '/docs' ||
    path === '/__admin' ||
    path.startsWith('/__admin/') ||
    // What the inbox received: delivery headers, often a receiver's bearer token.
    path.startsWith(INBOX_PREFIX)
  );
}

/** The API, for the default tenant or a named one (`/Cust12345/api/…`): its own rules apply. */
function isApiPath(path: string): boolean {
  return path.startsWith('/api/') || splitTenantPath(path)?.rest.startsWith('/api/') === true;
}

function forbidden(message: string): ApiError {
  return new ApiError('FORBIDDEN', message);
}

/** The refusal a control-plane request earns, or undefined when it may proceed. */
export function controlPlaneRefusal(
  c: Context,
  options: ControlPlaneOptions,
): ApiError | undefined {
  const host = c.req.header('host') ?? new URL(c.req.url).host;
  const path = new URL(c.req.url).pathname.toLowerCase();
  if (!SAFE_METHODS.has(c.req.method)) {
    const site = c.req.header('sec-fetch-site');
    if (site !== undefined && !SAME_SITE.has(site.toLowerCase())) {
      return forbidden(`A ${site} request cannot change this server's state.`);
    }
    const origin = c.req.header('origin');
    if (
      origin !== undefined &&
      origin.toLowerCase() !== `${new URL(c.req.url).protocol}//${host}`.toLowerCase()
    ) {
      return forbidden(`Origin ${origin} cannot change this server's state.`);
    }
    const type = mediaTypeOf(c.req.header('content-type'));
    if (type !== undefined && SIMPLE_TYPES.has(type)) {
      return forbidden(`Content-Type ${type} is refused here; send application/json or no body.`);
    }
  }
  if (options.requireCredentials && isProtectedPath(path)) {
    if (options.authorized === undefined) {
      return forbidden(
        'This server listens beyond loopback: its control plane is closed. Start it with ' +
          '--admin-token <token> to open it to whoever holds the token.',
      );
    }
    if (!options.authorized(c.req.header('authorization'))) {
      return new ApiError(
        'UNAUTHORIZED',
        'This server listens beyond loopback: the control plane needs the --admin-token ' +
          '(as a Bearer token, or as the password of a Basic login).',
        { 'WWW-Authenticate': 'Basic realm="so-webhook-mock control plane"' },
      );
    }
  }
  return undefined;
}

/**
 * Mounts the policy before every route except the API (its own credentials and CORS rules)
 * and deliveries to the built-in receiver (they come from anywhere by design); reading what
 * the receiver recorded is a control-plane read like any other.
 */
export function controlPlane(options: ControlPlaneOptions) {
  return (app: Hono<Env>) => {
    app.use('*', async (c, next) => {
      // The path exactly as routing reads it (decoded, lower-cased by the app's getPath), so
      // the exemption below covers what the router sends to the API and nothing else.
      const path = c.req.path.toLowerCase();
      if (isApiPath(path)) return next();
      if (path.startsWith(INBOX_PREFIX) && !SAFE_METHODS.has(c.req.method)) return next();
      const refusal = controlPlaneRefusal(c, options);
      if (refusal) throw refusal;
      return next();
    });
  };
}

/** The one start-up line a server bound beyond loopback prints, or undefined on loopback. */
export function exposureNotice(boundHost: string, adminToken: boolean): string | undefined {
  if (isLoopbackAddress(boundHost)) return undefined;
  return adminToken
    ? `Listening beyond loopback (${boundHost}): /__admin, the dashboard and /docs open only with the --admin-token.`
    : `Listening beyond loopback (${boundHost}): /__admin, the dashboard and /docs are closed; start with --admin-token to open them.`;
}
