// fast-check generators of request headers: odd Content-Type, charset, Accept and Prefer values,
// garbage credentials, If-Unmodified-Since that is no date, and long padding (below the limit).
import fc from 'fast-check';
import { parsePrefer } from '../../src/http/prefer.js';
import { PENDING_FIXES, rarely } from './fuzz-request-parts.js';
import { BASIC } from './support.js';

const CONTENT_TYPES = [
  'application/json',
  'text/json',
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/json;charset=utf-16',
  'APPLICATION/JSON',
  'application/json; charset="utf-8"',
  'text/plain',
  'application/xml',
  'multipart/form-data; boundary=x',
  'application/x-www-form-urlencoded',
  '*/*',
  ';;;',
  '',
  'application/json, text/json',
  'application/problem+json',
];
const ACCEPTS = [
  '*/*',
  'application/xml',
  'text/html',
  'application/json;q=0',
  '',
  'text/*',
  'image/png, */*;q=0.1',
  'application/json, ',
];
const UNPARSABLE_ACCEPTS = [',,,', '?', 'json', 'a/b/c'];
const AUTH_GARBAGE = [
  'Basic',
  'Basic !!!',
  'Basic dGplMA==',
  'Bearer',
  'Bearer 8A:nope',
  'SOTicket',
  'Digest x',
  'basic dGplMDpUamUw',
  ' ',
  `Basic ${'A'.repeat(8_000)}`,
];
const PREFERS = [
  'code=404',
  'code=999',
  'code=abc',
  'code=200, dynamic=true',
  'example=nope',
  'example=__proto__',
  'dynamic=yes',
  'delay=0',
  'delay=abc',
  'fault=nope',
  'respond-async',
  ';;;',
  '=',
  'code=400; code=409',
];

/** A header value Node lets a client send: tab, visible ASCII and bytes 0x80–0xff. */
const headerText = fc.string({ unit: 'binary', maxLength: 60 }).map((s) =>
  Buffer.from(s, 'utf8')
    .toString('latin1')
    .replace(/[^\t\x20-\x7e\x80-\xff]/g, '?'),
);

/** Prefer values that never break the connection or sleep long (fault= is tested in chaos.test.ts). */
const harmlessPrefer = (value: string) => {
  try {
    const p = parsePrefer(value);
    return p.fault === undefined && (p.delay ?? 0) <= 5;
  } catch {
    return true;
  }
};

/** Headers: mostly valid credentials; odd content types, Accept, Prefer and dates; padding. */
export const headers = fc.record({
  authorization: fc.oneof(
    { weight: 18, arbitrary: fc.constant(BASIC) },
    { weight: 1, arbitrary: fc.constantFrom(...AUTH_GARBAGE) },
    { weight: 1, arbitrary: headerText },
  ),
  contentType: fc.oneof(
    { weight: 6, arbitrary: fc.constant(undefined) },
    { weight: 3, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
    { weight: 1, arbitrary: headerText },
  ),
  accept: rarely(
    PENDING_FIXES.unparsableAcceptWithMock
      ? fc.constantFrom(...ACCEPTS)
      : fc.oneof(fc.constantFrom(...ACCEPTS, ...UNPARSABLE_ACCEPTS), headerText),
    4,
  ),
  prefer: rarely(fc.oneof(fc.constantFrom(...PREFERS), headerText).filter(harmlessPrefer), 5),
  since: rarely(
    fc.oneof(
      fc.constantFrom(
        'Mon, 01 Jan 2001 00:00:00 GMT',
        'Fri, 31 Dec 9999 23:59:59 GMT',
        'yesterday',
        '0',
      ),
      headerText,
    ),
    6,
  ),
  padding: rarely(
    fc.integer({ min: 100, max: 8_000 }).map((n) => 'p'.repeat(n)),
    10,
  ),
});
