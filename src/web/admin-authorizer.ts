// Who may use the control plane when the server is reachable beyond loopback: whoever holds the
// --admin-token, sent as a Bearer token or as the password of a Basic login (what a browser's
// login prompt sends; the user name is not read). The API's users do not: the default login is
// published, so it would open the control plane to anyone who can reach the port.
import { createHash, timingSafeEqual } from 'node:crypto';
import { splitAuthorization } from '../http/auth.js';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** The token a Bearer or Basic Authorization header carries, or undefined. */
function presentedToken(authorization: string | undefined): string | undefined {
  const parts = splitAuthorization(authorization);
  if (parts?.scheme === 'bearer') return parts.credentials;
  if (parts?.scheme !== 'basic') return undefined;
  const pair = Buffer.from(parts.credentials, 'base64').toString('utf8');
  const colon = pair.indexOf(':');
  return colon < 0 ? undefined : pair.slice(colon + 1);
}

/** Undefined when no token is set: then nothing opens the control plane off loopback. */
export function adminAuthorizer(
  adminToken: string | undefined,
): ((authorization: string | undefined) => boolean) | undefined {
  if (adminToken === undefined) return undefined;
  const expected = digest(adminToken);
  return (authorization) => {
    const token = presentedToken(authorization);
    // Equal-length digests: timingSafeEqual reveals neither the token nor its length.
    return token !== undefined && timingSafeEqual(digest(token), expected);
  };
}
