// The headers of one delivery as the documentation lists them (docs/sources.md §3a), in one of the
// casings the documentation itself uses, plus the signature variants the negative cases send.
import { expectedSignature } from '../signature.js';
import { USER_AGENT, type Delivery } from './bodies.js';

/** `documented`: as the notification page's request sample; `sample`: another sample's spelling. */
export type Casing = 'documented' | 'lower' | 'sample';

export type Signing = 'valid' | 'tampered' | 'wrong' | 'missing' | 'old-secret';

export interface HeaderOptions {
  secret?: string;
  retry?: number;
  casing?: Casing;
  signing?: Signing;
  extra?: ReadonlyArray<readonly [string, string]>;
}

const NAMES = {
  documented: {
    event: 'X-SuperOffice-Event',
    eventId: 'X-SuperOffice-EventId',
    retry: 'X-SuperOffice-Retry',
    signature: 'X-SuperOffice-Signature',
  },
  sample: {
    event: 'X-Superoffice-Event',
    eventId: 'X-Superoffice-Eventid',
    retry: 'X-Superoffice-Retry',
    signature: 'X-Superoffice-Signature',
  },
} as const;

/** The Secret the webhook had before it was changed: a signature under it must be refused. */
export const previousSecret = (secret: string): string => `${secret}-previous`;

/** The signed body with one more member: different content, not only different spacing (which a
 * receiver that re-serialises before hashing would not notice). */
export const tamper = (body: string): string => body.replace(/}\s*$/, ',"Tampered":true}');

function signatureOf(delivery: Delivery, secret: string, signing: Signing): string | undefined {
  switch (signing) {
    case 'valid':
      return expectedSignature(secret, delivery.body);
    case 'tampered':
      // Signed over the original bytes; the body sent is the tampered one.
      return expectedSignature(secret, delivery.body);
    case 'wrong':
      return expectedSignature(secret, `${delivery.body}\n`);
    case 'old-secret':
      return expectedSignature(previousSecret(secret), delivery.body);
    case 'missing':
      return undefined;
  }
}

export function deliveryHeaders(
  delivery: Delivery,
  options: HeaderOptions,
): Array<[string, string]> {
  const casing = options.casing ?? 'documented';
  const names = NAMES[casing === 'lower' ? 'documented' : casing];
  const headers: Array<[string, string]> = [
    ['Content-Type', 'application/json; charset=utf-8'],
    ['User-Agent', USER_AGENT],
    [names.event, delivery.event],
    [names.eventId, delivery.eventId],
    [names.retry, String(options.retry ?? 0)],
  ];
  if (delivery.event === 'test') headers.push(['X-Hook-Test', 'true']);
  if (options.secret) {
    const signature = signatureOf(delivery, options.secret, options.signing ?? 'valid');
    if (signature !== undefined) headers.push([names.signature, signature]);
  }
  headers.push(...(options.extra ?? []).map(([n, v]): [string, string] => [n, v]));
  return casing === 'lower' ? headers.map(([n, v]) => [n.toLowerCase(), v]) : headers;
}
