// Credentials as the real server takes them: Basic (onsite), SOTicket and Bearer tokens, with
// scheme names matched case-insensitively (the pages write SoTicket, the client SOTicket).
// The header is read in linear time with a size bound: anyone can send one, before any
// credentials are known, so no backtracking pattern may see it.
import { DEFAULT_LIMITS } from '../platform/limits.js';
import type { UserRecord } from '../domain/user.js';

export const WWW_AUTHENTICATE = 'Basic realm="SuperOffice", SOTicket, Bearer';

/** RFC 4648 §4 alphabet with padding only at the end; the class excludes '=', so linear. */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The user:password pair of strict Base64 (RFC 7617 §2), or undefined. */
function decodeBasic(credentials: string): [string, string] | undefined {
  if (credentials.length % 4 !== 0 || !BASE64.test(credentials)) return undefined;
  const bytes = Buffer.from(credentials, 'base64');
  // Node's decoder ignores stray bits; only the canonical encoding of its bytes is accepted.
  if (bytes.toString('base64') !== credentials) return undefined;
  const decoded = bytes.toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : [decoded.slice(0, colon), decoded.slice(colon + 1)];
}

const isBlank = (char: string | undefined) => char === ' ' || char === '\t';

/** `<scheme> <credentials>` split at the first run of blanks, or undefined. */
export function splitAuthorization(
  header: string | undefined,
): { scheme: string; credentials: string } | undefined {
  if (!header || header.length > DEFAULT_LIMITS.maxAuthorizationBytes) return undefined;
  const text = header.trim();
  let end = 0;
  while (end < text.length && !isBlank(text[end])) end++;
  let start = end;
  while (start < text.length && isBlank(text[start])) start++;
  if (end === 0 || start === end || start === text.length) return undefined;
  return { scheme: text.slice(0, end).toLowerCase(), credentials: text.slice(start) };
}

/** The user the Authorization header names, or undefined when it names none. */
export function authenticate(
  header: string | undefined,
  users: readonly UserRecord[],
): UserRecord | undefined {
  const parts = splitAuthorization(header);
  if (!parts) return undefined;
  const { scheme, credentials } = parts;
  if (scheme === 'basic') {
    const pair = decodeBasic(credentials);
    if (!pair) return undefined;
    // User names are case-insensitive in SuperOffice; passwords are not.
    const [name, password] = pair;
    return users.find(
      (u) => u.UserName.toLowerCase() === name.toLowerCase() && u.Password === password,
    );
  }
  if (scheme === 'soticket') return users.find((u) => u.Tickets.includes(credentials));
  if (scheme === 'bearer') return users.find((u) => u.Tokens.includes(credentials));
  return undefined;
}

/** Distinct Authorization values remembered; past it the oldest is forgotten, so a client
 * sending endless new values costs a parse each, never memory. */
export const AUTH_CACHE_ENTRIES = 256;

/**
 * `authenticate` remembered per header value for one users list: a client sends the same
 * header on every request, and Basic credentials otherwise cost a Base64 round trip and a scan
 * each time. A new users list (a reset) starts a new memory.
 */
export function cachedAuthenticator(): (
  header: string | undefined,
  users: readonly UserRecord[],
) => UserRecord | undefined {
  let forUsers: readonly UserRecord[] | undefined;
  const known = new Map<string, UserRecord | undefined>();
  return (header, users) => {
    if (header === undefined) return undefined;
    if (users !== forUsers) {
      known.clear();
      forUsers = users;
    }
    if (known.has(header)) return known.get(header);
    const user = authenticate(header, users);
    if (known.size >= AUTH_CACHE_ENTRIES) known.delete(known.keys().next().value as string);
    known.set(header, user);
    return user;
  };
}
