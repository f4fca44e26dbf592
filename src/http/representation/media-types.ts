// Which representation a request gets, from the media types the vendor lists: responses in
// application/json, text/json, application/xml, text/xml; bodies in those and
// application/x-www-form-urlencoded (vendor Swagger `produces`/`consumes`, and the header
// tables of every reference page). Choices the pages leave open: spec/README.md C12, C23.
import { mediaTypeOf } from '../body.js';

/** The response media types in server preference order: JSON first, as the pages list them. */
export const RESPONSE_TYPES = ['application/json', 'text/json', 'application/xml', 'text/xml'];

export type BodyFormat = 'json' | 'xml' | 'form';

/** How a request body with this media type is read (undefined: not a body format at all). */
export function bodyFormatOf(mediaType: string): BodyFormat | undefined {
  if (mediaType === 'application/xml' || mediaType === 'text/xml') return 'xml';
  if (mediaType === 'application/x-www-form-urlencoded') return 'form';
  if (mediaType === 'application/json' || mediaType === 'text/json') return 'json';
  if (mediaType.endsWith('+json')) return 'json';
  return undefined;
}

export const isXml = (mediaType: string): boolean => bodyFormatOf(mediaType) === 'xml';

interface Range {
  type: string;
  q: number;
}

/** Accept's media ranges with their weights; an unparsable weight counts as 1. */
function ranges(accept: string): Range[] {
  // Bounded: Node caps header size, and each range is split once.
  return accept.split(',').map((part) => {
    const q = /;\s*q\s*=\s*([0-9.]+)/i.exec(part);
    const weight = q ? Number(q[1]) : 1;
    return { type: mediaTypeOf(part) ?? '', q: Number.isFinite(weight) ? weight : 1 };
  });
}

/** How specifically `range` names `type` (3 exact, 2 by suffix, 1 type/*, 0 *\/*), or -1. */
function specificity(range: string, type: string): number {
  if (range === type) return 3;
  // application/problem+json and the like: a JSON representation (kept from the JSON-only
  // negotiation this replaces).
  if (type === 'application/json' && range.endsWith('+json')) return 2;
  if (range === `${type.split('/')[0]}/*`) return 1;
  if (range === '*/*') return 0;
  return -1;
}

/**
 * The response media type for an Accept header (RFC 9110 §12.5.1): the most specific range
 * decides each type's weight, the highest weight wins, ties go to the server's order. Without
 * Accept, a request that sent XML is answered in XML, as ASP.NET Web API's negotiator falls
 * back to the request's Content-Type (C23); otherwise JSON. Undefined: nothing acceptable.
 */
export function negotiate(
  accept: string | undefined,
  contentType: string | undefined,
): string | undefined {
  if (accept === undefined || accept.trim() === '') {
    const sent = mediaTypeOf(contentType);
    return sent !== undefined && isXml(sent) ? sent : RESPONSE_TYPES[0];
  }
  // A client sends the same Accept on every request; each answer is negotiated twice.
  if (negotiated.has(accept)) return negotiated.get(accept);
  const type = fromAccept(accept);
  if (negotiated.size >= NEGOTIATED_ENTRIES) negotiated.clear();
  negotiated.set(accept, type);
  return type;
}

/** Accept values already negotiated; a client inventing new ones only costs a parse each. */
const NEGOTIATED_ENTRIES = 64;
const negotiated = new Map<string, string | undefined>();

function fromAccept(accept: string): string | undefined {
  const parsed = ranges(accept);
  let best: { type: string; q: number } | undefined;
  for (const type of RESPONSE_TYPES) {
    let match: { specificity: number; q: number } | undefined;
    for (const range of parsed) {
      const s = specificity(range.type, type);
      if (s >= 0 && (!match || s > match.specificity)) match = { specificity: s, q: range.q };
    }
    if (match && match.q > 0 && (!best || match.q > best.q)) best = { type, q: match.q };
  }
  return best?.type;
}
