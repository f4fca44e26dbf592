// Credentials as the real server takes them: Basic (onsite), SOTicket and Bearer tokens, with
// scheme names matched case-insensitively (the pages write SoTicket, the client SOTicket).
import type { UserRecord } from '../domain/user.js';

export const WWW_AUTHENTICATE = 'Basic realm="SuperOffice", SOTicket, Bearer';

function decodeBasic(credentials: string): [string, string] | undefined {
  const decoded = Buffer.from(credentials, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : [decoded.slice(0, colon), decoded.slice(colon + 1)];
}

/** The user the Authorization header names, or undefined when it names none. */
export function authenticate(
  header: string | undefined,
  users: readonly UserRecord[],
): UserRecord | undefined {
  if (!header) return undefined;
  const match = /^\s*(\S+)\s+(.+?)\s*$/.exec(header);
  if (!match) return undefined;
  const scheme = (match[1] as string).toLowerCase();
  const credentials = match[2] as string;
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
