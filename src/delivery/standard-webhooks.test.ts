import { describe, expect, it } from 'vitest';
import {
  signStandardWebhook,
  standardWebhookHeaders,
  standardWebhookKey,
  verifyStandardWebhook,
} from './standard-webhooks.js';

// The Standard Webhooks specification's published test vector (also in Svix's docs and the
// reference libraries' tests). Hard-coded, not recomputed here.
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

describe('standardWebhookHeaders', () => {
  it('reproduces the specification test vector', () => {
    const { secret, id, timestamp, body } = VECTOR;
    expect(standardWebhookHeaders(secret, id, timestamp, body)).toEqual({
      'webhook-id': id,
      'webhook-timestamp': '1614265330',
      'webhook-signature': VECTOR.signature,
    });
    expect(signStandardWebhook(secret, id, timestamp, Buffer.from(body))).toBe(VECTOR.signature);
  });

  it('writes whole unix seconds', () => {
    const headers = standardWebhookHeaders('s', 'e1', 1614265330.987, '{}');
    expect(headers['webhook-timestamp']).toBe('1614265330');
  });

  it('decodes a whsec_ secret as Base64 and uses any other secret as UTF-8', () => {
    expect(standardWebhookKey('whsec_aGVsbG8=').toString('utf8')).toBe('hello');
    expect(standardWebhookKey('hello').toString('utf8')).toBe('hello');
    // A plain secret that happens to be valid Base64 still counts as text.
    expect(standardWebhookKey('aGVsbG8=').toString('utf8')).toBe('aGVsbG8=');
  });
});

describe('verifyStandardWebhook', () => {
  const { secret, id, timestamp, body, signature } = VECTOR;
  const headers = {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signature,
  };

  const cases: {
    name: string;
    secret?: string;
    headers?: Record<string, string | string[] | undefined>;
    body?: string;
    now?: number;
    tolerance?: number;
    ok: boolean;
  }[] = [
    { name: 'the vector at its own time', ok: true },
    { name: '300 s late, the default tolerance', now: timestamp + 300, ok: true },
    { name: '301 s late', now: timestamp + 301, ok: false },
    { name: '301 s early', now: timestamp - 301, ok: false },
    { name: 'a tighter tolerance', now: timestamp + 10, tolerance: 5, ok: false },
    { name: 'a wrong secret', secret: 'whsec_c2VjcmV0LW9mLWFub3RoZXI=', ok: false },
    {
      name: 'the secret without its prefix',
      secret: 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      ok: false,
    },
    { name: 'a changed body', body: '{"test":2432232314}', ok: false },
    { name: 'another id', headers: { ...headers, 'webhook-id': 'msg_other' }, ok: false },
    {
      name: 'one of several rotated signatures',
      headers: { ...headers, 'webhook-signature': `v1,AAAA ${signature} v2,BBBB` },
      ok: true,
    },
    {
      name: 'a v2 label',
      headers: { ...headers, 'webhook-signature': signature.replace('v1', 'v2') },
      ok: false,
    },
    {
      name: 'a missing signature',
      headers: { ...headers, 'webhook-signature': undefined },
      ok: false,
    },
    {
      name: 'a non-numeric timestamp',
      headers: { ...headers, 'webhook-timestamp': '1614265330.5' },
      ok: false,
    },
    {
      name: 'capitalised header names',
      headers: {
        'Webhook-Id': id,
        'Webhook-Timestamp': String(timestamp),
        'Webhook-Signature': signature,
      },
      ok: true,
    },
  ];

  it.each(cases)('$name → $ok', (c) => {
    const result = verifyStandardWebhook(
      c.secret ?? secret,
      c.headers ?? headers,
      c.body ?? body,
      c.now ?? timestamp,
      c.tolerance,
    );
    expect(result).toBe(c.ok);
  });

  it('reads a fetch Headers object', () => {
    expect(verifyStandardWebhook(secret, new Headers(headers), body, timestamp)).toBe(true);
  });

  it('round-trips its own headers with a plain (non-whsec) secret', () => {
    const own = standardWebhookHeaders("It's a Secret to Everybody", 'evt-1', 1700000000, body);
    expect(verifyStandardWebhook("It's a Secret to Everybody", own, body, 1700000000)).toBe(true);
    expect(verifyStandardWebhook('another secret', own, body, 1700000000)).toBe(false);
  });
});
