// The one Host policy, for every route the mock serves: the API, tenant APIs, the inbox, the
// control plane, the dashboard and the docs. A page on a name its attacker controls can make
// that name resolve to 127.0.0.1 (DNS rebinding) and then read the mock as its own origin; the
// browser still sends the attacker's name in Host. So only names that cannot be rebound, or
// that the user named, are answered, the way Vite's `server.allowedHosts` does it:
// - IP literals (a literal is not looked up), `localhost` and `*.localhost` (RFC 6761 §6.3);
// - the host of `--public-url`, and each `--allowed-hosts` entry (`.example.com` = subdomains).
// Anything else is a 403 in the SuperOffice error shape that names the flag to set.
import { isIP } from 'node:net';
import type { MiddlewareHandler } from 'hono';
import { canonicalHost } from '../delivery/self-target.js';
import { ApiError } from '../http/api-error.js';

/** The host name of a Host header value (RFC 9110 §7.2: host[:port]), or undefined. */
function hostName(host: string): string | undefined {
  if (host === '' || /[\s/\\@?#]/.test(host)) return undefined;
  try {
    return new URL(`http://${host}/`).hostname;
  } catch {
    return undefined;
  }
}

export function hostAllowed(host: string | undefined, allowed: readonly string[]): boolean {
  if (host === undefined) return false;
  const raw = hostName(host);
  if (raw === undefined) return false;
  const name = canonicalHost(raw);
  if (isIP(name) !== 0 || name === 'localhost' || name.endsWith('.localhost')) return true;
  return allowed.some((entry) => {
    const rule = canonicalHost(entry);
    return entry.startsWith('.') ? name === rule.slice(1) || name.endsWith(rule) : name === rule;
  });
}

/** A Host value as an error message may quote it: short, printable. */
function quoted(host: string): string {
  const printable = host.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > 100 ? `${printable.slice(0, 100)}…` : printable;
}

export function hostRefusal(host: string): ApiError {
  const name = hostName(host);
  const example = name === undefined ? 'mock.example' : quoted(canonicalHost(name));
  return new ApiError(
    'FORBIDDEN',
    `Host ${quoted(host)} is not a name this server answers to (a defence against DNS ` +
      `rebinding); start it with --allowed-hosts ${example} to add it.`,
  );
}

/**
 * The policy as the first middleware of the app. `allowed` holds the --allowed-hosts entries
 * and the --public-url host.
 */
export function hostPolicy(allowed: readonly string[]): MiddlewareHandler {
  return async (c, next) => {
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    if (!hostAllowed(host, allowed)) throw hostRefusal(host);
    await next();
  };
}
