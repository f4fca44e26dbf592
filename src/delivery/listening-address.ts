// The addresses that reach the server's socket, found after `listen`: a wildcard bind
// (0.0.0.0 or ::) is reachable at every interface address, a specific bind at that address.
import { networkInterfaces } from 'node:os';
import { canonicalHost, type ListeningAddress } from './self-target.js';

const WILDCARDS = new Set(['0.0.0.0', '::', '']);

export const isLoopbackAddress = (host: string): boolean => {
  const canonical = canonicalHost(host);
  return canonical === 'localhost' || canonical.startsWith('127.') || canonical === '::1';
};

export function listeningAddress(boundHost: string, port: number): ListeningAddress {
  const host = canonicalHost(boundHost);
  if (!WILDCARDS.has(host)) {
    return { port, addresses: [host], loopback: isLoopbackAddress(host) };
  }
  const addresses = Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .map((entry) => canonicalHost(entry.address.split('%')[0] as string));
  return { port, addresses: [...new Set(addresses)], loopback: true };
}
