// The suite judges signatures with its own code (signature.ts). It is held to answers that do not
// come from the mock: RFC 4231's HMAC-SHA256 test case, and the shipped vectors, which
// scripts/vectors.mjs computed with node:crypto alone.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSignature } from './receiver.js';
import { expectedSignature } from './signature.js';

interface Vector {
  id: string;
  valid: boolean;
  secret: string;
  body: { base64: string };
  signature: string | null;
}

const vectors = (
  JSON.parse(readFileSync(new URL('../vectors/webhook-vectors.json', import.meta.url), 'utf8')) as {
    vectors: Vector[];
  }
).vectors;

describe('the suite’s own signature check', () => {
  it('computes RFC 4231 test case 2 (key "Jefe") in standard Base64 with padding', () => {
    // https://www.rfc-editor.org/rfc/rfc4231#section-4.3, the hex digest re-encoded as Base64.
    expect(expectedSignature('Jefe', 'what do ya want for nothing?')).toBe(
      'W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=',
    );
  });

  it('hashes the body as bytes: a string and its UTF-8 bytes sign alike', () => {
    const text = '{"Name":"Ærlig søknad ✓"}';
    expect(expectedSignature('søt hemmelighet', text)).toBe(
      expectedSignature('søt hemmelighet', Buffer.from(text, 'utf8')),
    );
  });

  it.each(vectors.map((v) => [v.id, v] as const))('gives vector %s its verdict', (_id, vector) => {
    const bytes = Buffer.from(vector.body.base64, 'base64');
    const verdict = checkSignature(vector.secret, bytes, vector.signature ?? undefined);
    expect(verdict.ok).toBe(vector.valid);
  });

  it('names a hex digest malformed and a Base64 one under another key a mismatch', () => {
    const body = Buffer.from('{}', 'utf8');
    const hex = Buffer.from(expectedSignature('s', body), 'base64').toString('hex');
    expect(checkSignature('s', body, hex)).toMatchObject({ ok: false, reason: 'malformed' });
    expect(checkSignature('s', body, expectedSignature('t', body))).toMatchObject({
      ok: false,
      reason: 'mismatch',
    });
    expect(checkSignature('s', body, undefined)).toMatchObject({ ok: false, reason: 'missing' });
  });
});
