// The X-SuperOffice-Signature of a delivery (docs/sources.md §3c, security.md): standard Base64 with
// padding of HMAC-SHA256, keyed with the UTF-8 bytes of the webhook's Secret, over the raw body
// bytes exactly as sent. No prefix, no hex, no timestamp. Pure: the conformance receiver reuses it.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header that carries the signature; sent only when the webhook has a non-empty Secret. */
export const SIGNATURE_HEADER = 'X-SuperOffice-Signature';

/** Base64 (44 characters, one `=`) of HMAC-SHA256(UTF-8(secret), rawBody). */
export function signBody(secret: string, rawBody: string | Uint8Array): string {
  // A string key and body are hashed as their UTF-8 bytes, what goes on the wire, encoded by
  // the hash itself rather than copied into a Buffer first.
  const hmac = createHmac('sha256', secret);
  if (typeof rawBody === 'string') hmac.update(rawBody, 'utf8');
  else hmac.update(rawBody);
  return hmac.digest('base64');
}

/**
 * True when `signature` is the signature of `rawBody` under `secret`. Compared in constant time
 * (timingSafeEqual) so a receiver does not leak how many leading characters matched. A missing,
 * malformed or wrong-length value is false; this never throws.
 */
export function verifySignature(
  secret: string,
  rawBody: string | Uint8Array,
  signature: string | undefined,
): boolean {
  if (typeof signature !== 'string' || signature.length === 0) return false;
  try {
    const expected = Buffer.from(signBody(secret, rawBody), 'utf8');
    const actual = Buffer.from(signature, 'utf8');
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  } catch {
    return false;
  }
}
