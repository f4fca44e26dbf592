// Who may use the control plane when the server is reachable beyond loopback: any API user's
// credentials, or the --admin-token as a Bearer token (compared in constant time).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { StateStore } from '../store/state-store.js';
import { authenticate, splitAuthorization } from '../http/auth.js';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

export function adminAuthorizer(
  store: Pick<StateStore, 'users'>,
  adminToken: string | undefined,
): (authorization: string | undefined) => boolean {
  const expected = adminToken === undefined ? undefined : digest(adminToken);
  return (authorization) => {
    const parts = splitAuthorization(authorization);
    if (expected && parts?.scheme === 'bearer') {
      // Equal-length digests: timingSafeEqual reveals neither the token nor its length.
      if (timingSafeEqual(digest(parts.credentials), expected)) return true;
    }
    return authenticate(authorization, store.users()) !== undefined;
  };
}
