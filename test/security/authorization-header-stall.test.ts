// Finding: one Authorization header stalled the server. `Basic x<16 000 spaces>y` cost the auth
// regex quadratic time, so a few such headers in parallel held the event loop for seconds, and
// Basic values that were not strict Base64 (trailing garbage, inner blanks) still
// authenticated. The parser now reads the header in one pass with a size bound.
import { describe, expect, it } from 'vitest';
import { authenticate, splitAuthorization } from '../../src/http/auth.js';
import { DEFAULT_LIMITS } from '../../src/platform/limits.js';
import type { UserRecord } from '../../src/store/state.js';
import { BASIC, createTestApp, errorOf } from '../support/test-app.js';

const USERS: UserRecord[] = [
  {
    UserName: 'tje0',
    Password: 'Tje0',
    Tickets: [],
    Tokens: [],
    Associate: { AssociateId: 5, Name: 'TJE0' },
  },
  // 'ada:pwd' is seven bytes, so its Base64 ends in padding: YWRhOnB3ZA==
  { UserName: 'ada', Password: 'pwd', Tickets: [], Tokens: [], Associate: { AssociateId: 6 } },
];

describe('the Authorization header is parsed in linear time, with a bound', () => {
  it('a blank-padded header of 100 000 characters names nobody, unread past the bound', () => {
    // The old pattern backtracked over every blank for every start position: quadratic, about
    // 5 s of blocked event loop for this one header (1.3 s at 50 000 blanks). Time is not
    // asserted here; the bound is: the header is refused before any parsing.
    const hostile = `Basic x${' '.repeat(100_000)}y`;
    expect(hostile.length).toBeGreaterThan(DEFAULT_LIMITS.maxAuthorizationBytes);
    expect(authenticate(hostile, USERS)).toBeUndefined();
    expect(splitAuthorization(hostile)).toBeUndefined();
  });

  it('a header just below the bound is still split; one byte above is not read', () => {
    const room = DEFAULT_LIMITS.maxAuthorizationBytes - 'Bearer '.length;
    expect(splitAuthorization(`Bearer ${'a'.repeat(room)}`)?.scheme).toBe('bearer');
    expect(splitAuthorization(`Bearer ${'a'.repeat(room + 1)}`)).toBeUndefined();
  });

  it.each([
    ['trailing garbage', `${BASIC}!!!`],
    ['an inner blank', BASIC.replace(/(.{12})/, '$1 ')],
    ['an inner tab', BASIC.replace(/(.{12})/, '$1\t')],
  ])('Basic with %s is refused (strict Base64, RFC 4648 §3.5)', async (_, header) => {
    expect(authenticate(header, USERS)).toBeUndefined();
    const t = await createTestApp();
    const response = await t.call('/api/v1/Webhook', { headers: { authorization: header } });
    expect(response.status).toBe(401);
    expect((await errorOf(response)).ErrorType).toBe('SoCredentialsInvalidException');
  });

  it.each([
    ['a missing pad', 'Basic YWRhOnB3ZA'],
    ['non-canonical trailing bits', 'Basic YWRhOnB3ZB=='],
    ['padding in the middle', 'Basic YWRh=OnB3ZA='],
  ])('Basic with %s names nobody', (_, header) => {
    expect(authenticate(header, USERS)).toBeUndefined();
  });

  it('the canonical encodings still authenticate', () => {
    expect(authenticate(BASIC, USERS)?.UserName).toBe('tje0');
    expect(authenticate('Basic YWRhOnB3ZA==', USERS)?.UserName).toBe('ada');
  });
});
