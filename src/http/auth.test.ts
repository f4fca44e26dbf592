import { describe, expect, it } from 'vitest';
import type { UserRecord } from '../store/state.js';
import { AUTH_CACHE_ENTRIES, authenticate, cachedAuthenticator, WWW_AUTHENTICATE } from './auth.js';

const associate = (id: number, name: string) => ({ AssociateId: id, Name: name });
const USERS: UserRecord[] = [
  {
    UserName: 'tje0',
    Password: 'Tje0',
    Tickets: ['7T:ticket-a'],
    Tokens: ['8A:token-a'],
    Associate: associate(5, 'TJE0'),
  },
  {
    UserName: 'Ada',
    Password: 'pass:with:colons',
    Tickets: ['7T:ticket-b'],
    Tokens: [],
    Associate: associate(6, 'ADA'),
  },
];

const basic = (pair: string) => `Basic ${Buffer.from(pair).toString('base64')}`;
const who = (header: string | undefined) => authenticate(header, USERS)?.UserName;

describe('authenticate', () => {
  it.each([
    ['Basic', basic('tje0:Tje0'), 'tje0'],
    ['Basic, user name in another case', basic('TJE0:Tje0'), 'tje0'],
    ['Basic, password with colons', basic('ada:pass:with:colons'), 'Ada'],
    ['lower-case basic', basic('tje0:Tje0').replace('Basic', 'basic'), 'tje0'],
    ['SOTicket', 'SOTicket 7T:ticket-a', 'tje0'],
    ['SoTicket, as the pages spell it', 'SoTicket 7T:ticket-b', 'Ada'],
    ['soticket', 'soticket 7T:ticket-a', 'tje0'],
    ['Bearer', 'Bearer 8A:token-a', 'tje0'],
    ['BEARER', 'BEARER 8A:token-a', 'tje0'],
    ['surrounding blanks', '  Bearer   8A:token-a  ', 'tje0'],
  ])('%s names its user', (_, header, user) => {
    expect(who(header)).toBe(user);
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['a scheme alone', 'Bearer'],
    ['a wrong password', basic('tje0:tje0')],
    ['an empty password', basic('tje0:')],
    ['an unknown user', basic('nobody:Tje0')],
    ['Basic without a colon', basic('tje0')],
    ['Basic that is not base64 of a pair', 'Basic !!!'],
    ['an unknown ticket', 'SOTicket 7T:nope'],
    ['a ticket in another case', 'SOTicket 7t:TICKET-A'],
    ['a token sent as a ticket', 'SOTicket 8A:token-a'],
    ['a ticket sent as a token', 'Bearer 7T:ticket-a'],
    ['an unknown scheme', 'Digest 8A:token-a'],
  ])('%s names nobody', (_, header) => {
    expect(authenticate(header, USERS)).toBeUndefined();
  });

  it('names nobody when there are no users', () => {
    expect(authenticate(basic('tje0:Tje0'), [])).toBeUndefined();
  });

  it('challenges with the three schemes (C3)', () => {
    expect(WWW_AUTHENTICATE).toBe('Basic realm="SuperOffice", SOTicket, Bearer');
  });
});

describe('cachedAuthenticator', () => {
  const basic = (user: string, password: string) =>
    `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

  it('answers as authenticate does, for good and bad credentials alike', () => {
    const cached = cachedAuthenticator();
    for (const header of [basic('tje0', 'Tje0'), basic('tje0', 'wrong'), 'SOTicket 7T:ticket-b']) {
      for (let i = 0; i < 2; i++) expect(cached(header, USERS)).toBe(authenticate(header, USERS));
    }
    expect(cached(undefined, USERS)).toBeUndefined();
  });

  it('forgets what it knew when the users change (a reset)', () => {
    const cached = cachedAuthenticator();
    const header = basic('tje0', 'Tje0');
    expect(cached(header, USERS)?.UserName).toBe('tje0');
    const changed = USERS.map((u) => ({ ...u, Password: 'new' }));
    expect(cached(header, changed)).toBeUndefined();
    expect(cached(basic('tje0', 'new'), changed)?.UserName).toBe('tje0');
  });

  it('remembers at most AUTH_CACHE_ENTRIES values, dropping the oldest first', () => {
    let scans = 0;
    const counting = new Proxy(USERS, {
      get(target, key, receiver) {
        if (key === 'find') scans++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const cached = cachedAuthenticator();
    const header = basic('tje0', 'Tje0');
    cached(header, counting);
    for (let i = 0; i < AUTH_CACHE_ENTRIES - 1; i++) cached(`Bearer junk-${i}`, counting);
    const full = scans;
    cached(header, counting);
    expect(scans).toBe(full); // still remembered
    for (let i = 0; i < AUTH_CACHE_ENTRIES; i++) cached(`Bearer more-${i}`, counting);
    const before = scans;
    cached(`Bearer junk-0`, counting);
    expect(scans).toBe(before + 1); // long forgotten
  });
});
