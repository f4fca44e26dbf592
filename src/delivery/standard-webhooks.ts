// Opt-in Standard Webhooks headers (https://www.standardwebhooks.com, the Svix scheme), sent
// beside SuperOffice's own X-SuperOffice-Signature so receivers built on a Standard Webhooks
// library can verify our deliveries too. SuperOffice itself does not send these (docs/sources.md §3a).
import { createHmac, timingSafeEqual } from 'node:crypto';

// A type alias, not an interface, so it is assignable to the index-signature HeaderSource.
export type StandardWebhookHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
};

/** Node's IncomingHttpHeaders, a fetch Headers, or any name → value record. */
export type HeaderSource =
  | { get(name: string): string | null }
  | Readonly<Record<string, string | readonly string[] | undefined>>;

const SECRET_PREFIX = 'whsec_';
/** The spec's default: reject messages more than five minutes from now, either way (replay). */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** `whsec_<base64>` secrets carry the key in Base64; any other secret is used as UTF-8 bytes. */
export function standardWebhookKey(secret: string): Buffer {
  return secret.startsWith(SECRET_PREFIX)
    ? Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64')
    : Buffer.from(secret, 'utf8');
}

/** `v1,` + Base64(HMAC-SHA256(key, `${id}.${timestamp}.${body}`)). */
export function signStandardWebhook(
  secret: string,
  id: string,
  timestamp: number | string,
  body: string | Uint8Array,
): string {
  const mac = createHmac('sha256', standardWebhookKey(secret));
  mac.update(Buffer.from(`${id}.${timestamp}.`, 'utf8'));
  mac.update(typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
  return `v1,${mac.digest('base64')}`;
}

export function standardWebhookHeaders(
  secret: string,
  id: string,
  timestampSeconds: number,
  body: string | Uint8Array,
): StandardWebhookHeaders {
  const timestamp = String(Math.floor(timestampSeconds));
  return {
    'webhook-id': id,
    'webhook-timestamp': timestamp,
    'webhook-signature': signStandardWebhook(secret, id, timestamp, body),
  };
}

function header(headers: HeaderSource, name: string): string | undefined {
  if (typeof headers.get === 'function') {
    return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  }
  const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return Array.isArray(value) ? value.join(' ') : (value as string | undefined);
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * True when the headers carry a `v1` signature of `body` under `secret` and the timestamp is
 * within `toleranceSeconds` of `nowSeconds`. The signature header may list several
 * space-separated `v1,<sig>` entries (key rotation); one match is enough. Never throws.
 */
export function verifyStandardWebhook(
  secret: string,
  headers: HeaderSource,
  body: string | Uint8Array,
  nowSeconds: number,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): boolean {
  try {
    const id = header(headers, 'webhook-id');
    const timestamp = header(headers, 'webhook-timestamp');
    const signatures = header(headers, 'webhook-signature');
    if (!id || !timestamp || !signatures || !/^\d+$/.test(timestamp)) return false;
    if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return false;
    const expected = signStandardWebhook(secret, id, timestamp, body);
    return signatures.split(' ').some((candidate) => sameText(candidate, expected));
  } catch {
    return false;
  }
}
