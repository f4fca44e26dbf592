// The mock never delivers to itself: a TargetUrl that reaches the server's own listening
// address and port would let any API caller drive the control plane (POST /__admin/reset)
// with the mock's own requests. The one exception is the receiver the mock hosts for
// deliveries, under INBOX_PREFIX. Pure: the listening addresses are given by server.ts.
import { isIP } from 'node:net';
import type { Deliver } from './deliver.js';
import { parseTarget } from './target-urls.js';

/** Paths of the built-in receiver; the only self-delivery allowed. */
export const INBOX_PREFIX = '/__inbox/';

/** Where the server listens, as server.ts finds it after `listen`. */
export interface ListeningAddress {
  port: number;
  /** Canonical IP addresses that reach the socket (every interface when bound to 0.0.0.0/::). */
  addresses: readonly string[];
  /** Bound to loopback or a wildcard: every loopback address and name reaches it. */
  loopback: boolean;
}

/** An IPv4 address in the form `::ffff:a.b.c.d` or `::ffff:7f00:1` takes, as dotted IPv4. */
function unmapped(ip: string): string {
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  if (dotted) return dotted[1] as string;
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(ip);
  if (!hex) return ip;
  const high = parseInt(hex[1] as string, 16);
  const low = parseInt(hex[2] as string, 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** A host as URL.hostname or a resolver gives it: an IP in canonical form, or a bare name. */
export function canonicalHost(hostname: string): string {
  const bare = hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.+$/, '');
  return isIP(bare) === 0 ? bare : unmapped(bare);
}

const isLoopbackOrAny = (host: string): boolean =>
  host === 'localhost' ||
  host.endsWith('.localhost') || // RFC 6761 §6.3: resolves to loopback
  host.startsWith('127.') ||
  host === '::1' ||
  host === '0.0.0.0' || // connecting to the unspecified address reaches this host
  host === '::';

const defaultPort = (protocol: string): number => (protocol === 'https:' ? 443 : 80);

/**
 * Why a delivery to `target` would reach this server itself, or undefined when it would not.
 * `address`, when given, is what the target's name resolved to (checked at delivery time, so
 * a name that resolves to the mock is caught too). URL parsing already folds the numeric
 * spellings of an IPv4 address (2130706433, 0x7f000001, 017700000001, 127.1) to dotted form.
 */
export function selfTargetProblem(
  target: string,
  self: ListeningAddress | undefined,
  address?: string,
): string | undefined {
  if (!self) return undefined;
  const url = parseTarget(target);
  // Not a URL: the TargetUrl rules refuse it with their own message.
  if (!url) return undefined;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.pathname.toLowerCase().startsWith(INBOX_PREFIX)) return undefined;
  const port = url.port === '' ? defaultPort(url.protocol) : Number(url.port);
  if (port !== self.port) return undefined;
  const host = canonicalHost(address ?? url.hostname);
  const reachesSelf = self.addresses.includes(host) || (self.loopback && isLoopbackOrAny(host));
  if (!reachesSelf) return undefined;
  return (
    `Webhook TargetUrl ${target} points at this mock server itself; deliveries to it are ` +
    `refused, except to its receiver under ${INBOX_PREFIX}.`
  );
}

/**
 * `deliver` that refuses, without sending, a request to this server: by the URL's spelling
 * first, then by every address its name resolves to (at connect time, so a name that changes
 * its answer between check and use cannot slip through).
 */
export function refuseSelfDelivery(
  deliver: Deliver,
  self: () => ListeningAddress | undefined,
): Deliver {
  return (request) => {
    const problem = selfTargetProblem(request.url, self());
    if (problem) return Promise.resolve({ ok: false, error: problem, latencyMs: 0 });
    return deliver({
      ...request,
      refuseAddress: (address) => selfTargetProblem(request.url, self(), address),
    });
  };
}
