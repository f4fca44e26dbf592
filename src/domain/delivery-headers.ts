// Which custom delivery headers a webhook may carry. The HTTP framing and connection headers
// belong to the transport (RFC 9112 §6, RFC 9110 §7.6.1): a custom Content-Length or
// Transfer-Encoding beside the real one makes a request receivers parse differently (request
// smuggling). The X-SuperOffice-*, X-Hook-Test and webhook-* headers are the ones the mock sets
// itself (docs/sources.md §3a; Standard Webhooks), so a custom one would forge them. Pure.

const FRAMING = new Set([
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
  'te',
  'trailer',
  'proxy-connection',
  'expect',
  'x-hook-test',
]);
const OWN_PREFIXES = ['x-superoffice-', 'webhook-'];
/** RFC 9110 §5.6.2 token. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** RFC 9110 §5.5: no CR, LF or NUL in a field value. */
const BAD_VALUE = /[\r\n\0]/;

export function isReservedHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return FRAMING.has(lower) || OWN_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

/** Why a webhook's custom Headers cannot be saved, or undefined when they can. */
export function customHeadersProblem(
  headers: Readonly<Record<string, string>> | null | undefined,
): string | undefined {
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!TOKEN.test(name)) return `Webhook Headers: "${name}" is not a valid header name.`;
    if (isReservedHeader(name)) {
      return `Webhook Headers: ${name} is set by the server itself and cannot be a custom header.`;
    }
    if (BAD_VALUE.test(value)) {
      return `Webhook Headers: the value of ${name} contains a line break or NUL.`;
    }
  }
  return undefined;
}
