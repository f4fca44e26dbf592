// Where an attempt connects when it carries a refusal (self-target.ts): every address the
// TargetUrl's host resolves to is checked, and the connection is then made to a checked
// address itself, with the name kept in Host (and as the TLS server name). A name that answers
// differently between the check and the connect cannot lead anywhere unchecked, and a kept-alive
// connection is keyed by the address it reached, so reusing it needs no second look.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/** One way to the receiver: the origin undici connects to, and the Host header when pinned. */
export interface Route {
  origin: string;
  host?: string;
}

const defaultPort = (protocol: string): string => (protocol === 'https:' ? '443' : '80');

/** Node 20 dials every address of a name (happy eyeballs); the AggregateError has no message. */
export function errorText(error: unknown): string {
  if (error instanceof AggregateError && error.message === '') {
    return error.errors.map(errorText).join('; ');
  }
  return error instanceof Error ? error.message : String(error);
}

async function addressesOf(hostname: string): Promise<string[] | string> {
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (isIP(bare) !== 0) return [bare];
  try {
    return (await lookup(bare, { all: true })).map((each) => each.address);
  } catch (error) {
    return errorText(error);
  }
}

/**
 * The routes to try in order (the next one only when connecting to the previous failed), or
 * why there is none: the name does not resolve, or one of its addresses is refused.
 */
export async function routesFor(
  url: URL,
  refuse: ((address: string) => string | undefined) | undefined,
): Promise<Route[] | string> {
  if (!refuse) return [{ origin: url.origin }];
  const addresses = await addressesOf(url.hostname);
  if (typeof addresses === 'string') return addresses;
  if (addresses.length === 0) return `${url.hostname} has no address`;
  for (const address of addresses) {
    const refused = refuse(address);
    if (refused !== undefined) return refused;
  }
  const port = url.port === '' ? defaultPort(url.protocol) : url.port;
  return addresses.map((address) => ({
    origin: `${url.protocol}//${isIP(address) === 6 ? `[${address}]` : address}:${port}`,
    host: url.host,
  }));
}
