// scheme://host:port for a host and port as Node binds them: an IPv6 literal goes in brackets
// (RFC 3986 §3.2.2), or the URL would read its colons as the port's.
export function httpOrigin(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
