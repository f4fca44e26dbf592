import { describe, expect, it } from 'vitest';
import { signBody, verifySignature } from './signature.js';

// GitHub's published HMAC-SHA256 vector ("Validating webhook deliveries"): for this secret and
// body the hex digest is 757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17.
// Below is the same 32 bytes in standard Base64, converted once by hand and hard-coded, so the
// test does not just repeat the implementation's own node:crypto call.
const SECRET = "It's a Secret to Everybody";
const BODY = 'Hello, World!';
const EXPECTED = 'dXEH6g6yUJ/CESIczphLijdXC211hsIsRvQ3nIsEPhc=';

describe('signBody', () => {
  it('matches the published vector as padded standard Base64, 44 characters', () => {
    const signature = signBody(SECRET, BODY);
    expect(signature).toBe(EXPECTED);
    expect(signature).toHaveLength(44);
    expect(signature).toMatch(/^[A-Za-z0-9+/]{43}=$/); // the spec's header pattern
  });

  it('hashes a string as its UTF-8 bytes, same as the byte form', () => {
    const body = '{"Name":"Blåbær ✓"}';
    expect(signBody('s', body)).toBe(signBody('s', new TextEncoder().encode(body)));
    expect(signBody(SECRET, Buffer.from(BODY))).toBe(EXPECTED);
  });

  it('keys with the UTF-8 bytes of a non-ASCII secret', () => {
    expect(signBody('hemmelighet-æøå', BODY)).not.toBe(signBody('hemmelighet-aoa', BODY));
  });
});

describe('verifySignature', () => {
  const body = '{"EventId":"8337ae4a-1dd6-40fd-8dc7-a050664a0af7","PrimaryKey":5}';
  const signature = signBody(SECRET, body);

  const cases: { name: string; secret: string; body: string; signature?: string; ok: boolean }[] = [
    { name: 'the right signature', secret: SECRET, body, signature, ok: true },
    { name: 'the published vector', secret: SECRET, body: BODY, signature: EXPECTED, ok: true },
    { name: 'a wrong secret', secret: 'not the secret', body, signature, ok: false },
    {
      name: 'a whitespace change in the body',
      secret: SECRET,
      body: body.replace(',', ', '),
      signature,
      ok: false,
    },
    {
      name: 'a re-serialized body',
      secret: SECRET,
      body: JSON.stringify(JSON.parse(body), null, 2),
      signature,
      ok: false,
    },
    { name: 'a missing header', secret: SECRET, body, signature: undefined, ok: false },
    { name: 'an empty header', secret: SECRET, body, signature: '', ok: false },
    {
      name: 'a hex digest',
      secret: SECRET,
      body: BODY,
      signature: '757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
      ok: false,
    },
    {
      name: 'a sha256= prefix',
      secret: SECRET,
      body: BODY,
      signature: `sha256=${EXPECTED}`,
      ok: false,
    },
    {
      name: 'a truncated value',
      secret: SECRET,
      body: BODY,
      signature: EXPECTED.slice(0, 43),
      ok: false,
    },
    { name: 'non-ASCII garbage', secret: SECRET, body: BODY, signature: 'ø'.repeat(22), ok: false },
  ];

  it.each(cases)('$name → $ok', (c) => {
    expect(verifySignature(c.secret, c.body, c.signature)).toBe(c.ok);
  });

  it('never throws on values of the wrong type at run time', () => {
    const untyped = 42 as unknown as string;
    expect(verifySignature(SECRET, BODY, untyped)).toBe(false);
    expect(verifySignature(SECRET, untyped, EXPECTED)).toBe(false);
  });
});
